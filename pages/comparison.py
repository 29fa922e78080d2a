"""A group of a draft programme beside the group it continues (reporting/proposal_comparison.py):
what its proposal adds, carries forward, changes and drops. Readable as the group is
(reporting.policy.can_read_group): by everyone once the draft is published, before that by the
proposal's group and the secretariat; 404 to anyone else, and for a group that continues none
and was never proposed (a group of a programme approved before the portal drafted them)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from groups.models import WorkingGroup
from reporting import policy
from reporting.lookups import group_or_404
from reporting.models import Proposal
from reporting.proposal_comparison import proposal_comparison
from reports.models import Document

from .cache import for_readers


@require_safe
@for_readers
def group_comparison(request, period, numeral):
    group = group_or_404(
        period, numeral, WorkingGroup.objects.select_related("programme", "continues__programme")
    )
    proposed = Proposal.objects.filter(group=group).exists()
    if not (proposed or group.continues_id) or not policy.can_read_group(request.user, group):
        raise Http404
    return render(
        request,
        "pages/comparison.html",
        {
            "group": group,
            "comparison": proposal_comparison(group),
            "documents": Document.objects.for_register().filter(
                kind=Document.Kind.GROUP_COMPARISON, group=group
            ),
        },
    )
