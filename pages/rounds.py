"""A round's page: every group's progress in the round beside the round before (public,
published figures), a page of groups at a time. The database sorts all the groups by the
figure asked for (reporting.comparison.sorted_for_round); the figures shown are read for the
page's groups only."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.paging import asked_page, paged
from reporting import standing as figures
from reporting.comparison import SORTS, sorted_for_round, with_activity_count, with_published_progress
from reporting.lookups import round_or_404
from reporting.models import ReportingRound, round_order

from .cache import for_readers
from .parts import shared


def _round(reporting_round, sort, descending, asked):
    previous_round = ReportingRound.objects.select_related("meeting").previous_to(reporting_round)
    groups = sorted_for_round(
        with_activity_count(reporting_round.programme.groups.with_roles()),
        reporting_round,
        previous_round,
        sort,
        descending=descending,
    )
    # The links to the other pages keep the order asked for (none for the page's own).
    keep = {"sort": sort} if sort != "number" or descending else {}
    if descending:
        keep["order"] = "desc"
    page = paged(groups, asked, keep=keep)
    return {
        "round": reporting_round,
        "previous_round": previous_round,
        "rows": figures.round_rows(reporting_round, previous_round, page.page.object_list),
        "paged": page,
        "sort": sort,
        "descending": descending,
        "rounds": with_published_progress(ReportingRound.objects.filter(programme=reporting_round.programme))
        .select_related("meeting")
        .order_by(*round_order()),
    }


@require_safe
@for_readers
def round_progress(request, code):
    """Every group's progress in a round beside the round before, sorted by any column."""
    reporting_round = round_or_404(code)
    if not reporting_round.programme.is_readable:
        raise Http404  # a round on a draft the secretariat has not published: nobody reads it
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "number"
    descending = request.GET.get("order") == "desc"
    asked = asked_page(request)
    parts = shared(
        request,
        ("round", reporting_round.pk, sort, descending, asked),
        {"body": "pages/parts/round_progress.html"},
        lambda: _round(reporting_round, sort, descending, asked),
    )
    return render(request, "pages/round_progress.html", {"round": reporting_round, "parts": parts})
