"""The home page: the current programme's groups with their figures, a page at a time, and what
is going on (the round open for reporting, how many groups have submitted, the newest document).
The figures are read for the page's groups only; the counts come from the database."""

from django.db.models import Subquery
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.paging import asked_page, paged
from groups.models import Programme
from reporting import standing as figures
from reporting.comparison import with_published_progress
from reporting.models import ReportingRound, round_order
from reporting.reminders import DONE
from reports.models import Document

from .cache import for_readers
from .parts import shared


def _draft():
    """The draft of the next programme once the secretariat has published it, with its groups,
    shown apart and marked as a draft (an unpublished draft appears nowhere on the home page)."""
    draft = Programme.objects.readable().filter(status=Programme.Status.DRAFT).order_by("-start_year").first()
    return {"draft": draft, "draft_groups": list(draft.groups.order_by("number")) if draft else []}


def _home(asked):
    programme = Programme.objects.select_related("approved_at").current()
    if programme is None:
        return {"programme": None, **_draft()}
    groups = paged(programme.groups.with_roles().order_by("number"), asked)
    open_round = ReportingRound.objects.open().filter(programme=programme).select_related("meeting").first()
    return {
        "programme": programme,
        "rows": figures.group_figures(groups.page.object_list),
        "paged": groups,
        "latest_round": with_published_progress(ReportingRound.objects.filter(programme=programme))
        .select_related("meeting")
        .order_by(*round_order(descending=True))
        .first(),
        "threshold": figures.threshold(),
        "open_round": open_round,
        # Submitted as the reminders count it: a group that has submitted is not reminded.
        "submitted": open_round.group_reports.filter(status__in=DONE).count() if open_round else 0,
        # The newest found first, then read with what it covers: joined to one row, not all.
        "latest_document": Document.objects.for_register()
        .filter(pk=Subquery(Document.objects.order_by("-meeting__start_date", "symbol").values("pk")[:1]))
        .first(),
        **_draft(),
    }


@require_safe
@for_readers
def home(request):
    """The programme's groups with their figures, and what is going on."""
    asked = asked_page(request)
    parts = shared(request, ("home", asked), {"body": "pages/parts/home.html"}, lambda: _home(asked))
    return render(request, "pages/home.html", {"parts": parts})
