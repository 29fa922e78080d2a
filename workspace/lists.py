"""The workspace's lists, a page of groups at a time (core.paging): my working groups (every
group, for the secretariat) and the secretariat's overview of a round. The database counts the
groups and the group reports by status; figures, reports and roles are read for the page's
groups only, so a page costs what it shows, however many groups the portal holds."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.paging import asked_page, paged
from groups.models import Programme, WorkingGroup
from reporting import policy
from reporting import standing as figures
from reporting.lookups import round_or_404
from reporting.models import GroupReport, ReportingRound, round_order

from .proposals import has_proposals

# A working list, read row by row by the secretariat and the focal points: a few more rows a
# page than the reading pages' (core.paging.PAGE_SIZE), whose figures cost more to draw.
PAGE_SIZE = 25


def _reports_of(reporting_round, group_ids) -> dict:
    """The group reports of the groups `group_ids` (a page of them) in the round, by group id."""
    if reporting_round is None:
        return {}
    reports = GroupReport.objects.filter(round=reporting_round, group__in=list(group_ids))
    return {r.group_id: r for r in reports.select_related("updated_by")}


@require_safe
@login_required
def my_groups(request):
    programme = Programme.objects.current()
    groups = policy.groups_of(request.user).filter(programme=programme).with_roles().order_by("number")
    open_round = ReportingRound.objects.open().filter(programme=programme).select_related("meeting").first()
    page = paged(groups, asked_page(request), size=PAGE_SIZE)
    reports = _reports_of(open_round, [group.pk for group in page.page.object_list])
    rows = [
        (group, policy.relation(request.user, group).value, reports.get(group.pk))
        for group in page.page.object_list
    ]
    return render(
        request,
        "workspace/my_groups.html",
        {
            "programme": programme,
            "round": open_round,
            "rows": rows,
            "paged": page,
            "has_proposals": has_proposals(request.user),
            "all_rounds": ReportingRound.objects.filter(programme=programme)
            .select_related("meeting")
            .order_by(*round_order(descending=True))
            if policy.can_review(request.user)
            else [],
        },
    )


def status_counts(reporting_round, groups: int) -> list[tuple[str, int]]:
    """(label, how many groups) for each status of a group report in the round, counted by the
    database; the groups with no group report yet are "not started"."""
    counted = dict(
        GroupReport.objects.filter(round=reporting_round)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    counted[GroupReport.Status.NOT_STARTED] = counted.get(GroupReport.Status.NOT_STARTED, 0) + max(
        groups - sum(counted.values()), 0
    )
    return [(label, counted.get(value, 0)) for value, label in GroupReport.Status.choices]


@require_safe
@login_required
def round_overview(request, code):
    if not policy.can_review(request.user):
        raise PermissionDenied
    reporting_round = round_or_404(code)
    previous_round = ReportingRound.objects.select_related("meeting").previous_to(reporting_round)
    # The page's groups by their ids, then read once with what their rows show.
    group_ids = reporting_round.programme.groups.order_by("number").values_list("pk", flat=True)
    page = paged(group_ids, asked_page(request), size=PAGE_SIZE)
    ids = list(page.page.object_list)
    reports = _reports_of(reporting_round, ids)
    groups = WorkingGroup.objects.filter(pk__in=ids).with_roles().order_by("number")
    # Each group's figures as it saved them, beside the round before, like for like.
    rows = [
        (row.group, reports.get(row.group.pk), row)
        for row in figures.round_rows(reporting_round, previous_round, groups, drafts=True)
    ]
    return render(
        request,
        "workspace/round_overview.html",
        {
            "round": reporting_round,
            "previous_round": previous_round,
            "rows": rows,
            "paged": page,
            "counts": status_counts(reporting_round, page.count),
        },
    )
