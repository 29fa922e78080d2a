"""A working group's page: its plan, figures, timeline, documents and evidence. It reads the
group's own records only, so it costs the same whatever else the portal holds; of the documents
about it (its programme's among them, which grow with the register) it names the newest and
counts the rest. Everything but the reader's own links is the same for every reader
(pages/parts.py) who may read the group: a group of an unpublished draft programme only its
proposal's side (reporting.policy.can_read_group), 404 for anyone else; what an old group's page
says of the later programmes carrying its work forward depends on which of them the reader may
read, and is part of the parts' key (pages/lineage.py)."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from groups.models import WorkingGroup
from reporting import policy
from reporting import standing as figures
from reporting.lookups import group_or_404
from reporting.models import Evidence, round_order
from reports.models import Document

from . import lineage
from .cache import for_readers
from .parts import shared
from .timeline import timeline

DOCUMENTS_NAMED = 10


def _group(group, carried_into):
    today = timezone.localdate()
    activities = list(
        group.activities.select_related("topic", "objective", "continues__group__programme").order_by("order")
    )
    lineage.attach(activities, carried_into)
    rows = figures.standings(activities, today=figures.judged_on(group.programme, today))
    summary = figures.GroupStanding(group, rows)
    rounds = sorted({row.latest.round for row in rows if row.latest}, key=lambda r: r.order_key)
    documents = Document.objects.about_group(group)
    return {
        "group": group,
        "summary": summary,
        "timeline": timeline(group.programme, rows, today),
        "threshold": figures.threshold(),
        "latest_round": rounds[-1] if rounds else None,
        "compared": summary.since_previous,
        "objectives": group.objectives.prefetch_related("areas__action_lines"),
        "outputs": group.outputs.prefetch_related("institutions"),
        "financing_sources": group.financing_sources.select_related("institution"),
        "documents": documents[:DOCUMENTS_NAMED],
        "documents_count": documents.count(),
        "events": group.events.all(),
        "figures": group.figures.all(),
        "links": group.links.all(),
        "evidence": Evidence.objects.published().filter(report__group=group).shown(),
    }


@require_safe
@for_readers
def group_detail(request, period, numeral):
    group = group_or_404(
        period, numeral, WorkingGroup.objects.with_roles().select_related("proposal", "continues__programme")
    )
    if not policy.can_read_group(request.user, group):
        raise Http404
    carried_into = lineage.carried_into(request.user, group)
    parts = shared(
        request,
        ("group", group.pk, *lineage.key_of(carried_into)),
        {"head": "pages/parts/group_head.html", "body": "pages/parts/group_body.html"},
        lambda: _group(group, carried_into),
    )
    return render(
        request,
        "pages/group_detail.html",
        {
            "group": group,
            "parts": parts,
            # The reader's own: the group's reports round by round, with their history, for
            # those who may read them (never kept in a part).
            "group_report_rounds": group.programme.rounds.select_related("meeting").order_by(*round_order())
            if policy.can_view_progress(request.user, group)
            else [],
        },
    )
