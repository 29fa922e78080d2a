"""The round, and the group, that an address names (rounds/CE.20/2020-2021/IV/...): one lookup
for the reading pages, the workspace, the workbook and the API, each answering 404 alike when
either does not exist or the group is not in the round's programme."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from groups.models import Programme, WorkingGroup

from .models import ReportingRound


def round_or_404(code) -> ReportingRound:
    """The round reported to the meeting coded `code`, with its meeting and programme."""
    return get_object_or_404(ReportingRound.objects.with_meeting(), meeting__code=code)


def programme_or_404(period) -> Programme:
    """The programme of the years `period` (2020-2021), with the meeting that approved it."""
    try:
        return Programme.objects.select_related("approved_at").by_period(period)
    except Programme.DoesNotExist:
        raise Http404 from None


def group_or_404(period, numeral, groups=None) -> WorkingGroup:
    """The group `period`/`numeral` (2020-2021/IV) among `groups`, by default all of them with
    their roles."""
    try:
        return (groups if groups is not None else WorkingGroup.objects.with_roles()).by_code(period, numeral)
    except WorkingGroup.DoesNotExist:
        raise Http404 from None


def round_and_group_or_404(code, period, numeral) -> tuple[ReportingRound, WorkingGroup]:
    """The round reported to the meeting coded `code` and the group `period`/`numeral` of its
    programme, with its roles."""
    group = group_or_404(period, numeral)
    reporting_round = round_or_404(code)
    if reporting_round.programme_id != group.programme_id:
        raise Http404
    return reporting_round, group
