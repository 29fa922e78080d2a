"""The published progress the API and the open-data files give: each activity's standing with
its published entries, oldest round first. Two queries whatever the number of activities."""

from django.db.models import Prefetch
from django.utils import timezone

from activities.models import Activity, Output, PlanRow
from groups.models import WorkingGroup
from reporting import standing as figures
from reporting.models import ReportingRound


def activities_of(*, programme=None, group=None, country=None, programmes=None):
    """The activities asked for, of `programmes` (a queryset: those the client is given,
    api/visibility.py) when given."""
    activities = Activity.objects.select_related("group__programme").order_by(
        "group__programme__start_year", "group__number", "order"
    )
    if programmes is not None:
        activities = activities.filter(group__programme__in=programmes)
    if programme is not None:
        activities = activities.filter(group__programme=programme)
    if group is not None:
        activities = activities.filter(group=group)
    if country is not None:
        activities = activities.filter(group__in=WorkingGroup.objects.of_country(country))
    return activities


def progress_rows(
    *,
    programme=None,
    group=None,
    country=None,
    reporting_round=None,
    flagged=None,
    today=None,
    programmes=None,
) -> list:
    """Standings (reporting.standing.Standing), each with `entries`. With `reporting_round`, as
    of that round: its programme's activities, and the entries of it and the rounds before."""
    if reporting_round is not None:
        programme = reporting_round.programme
    activities = activities_of(programme=programme, group=group, country=country, programmes=programmes)
    rows = rows_of(activities, reporting_round=reporting_round, today=today)
    return [row for row in rows if flagged is None or row.flagged == flagged]


def rows_of(activities, *, reporting_round=None, today=None) -> list:
    """The standings of `activities` (a page of them, say), from one query of their entries."""
    activities = list(activities)
    entries = figures.published_entries(activities, up_to_round=reporting_round)
    by_activity = {}
    for entry in entries:
        by_activity.setdefault(entry.activity_id, []).append(entry)
    today = today or timezone.localdate()
    rows = []
    for activity in activities:
        row = figures.standing(activity, by_activity.get(activity.pk, []), today)
        row.entries = by_activity.get(activity.pk, [])
        rows.append(row)
    return rows


def groups_with_plan():
    """Groups with everything the detail of one shows (GroupDetailSerializer): roles,
    objectives with their areas, topics, activities, outputs, plan rows, financing and a
    network's parts, in a fixed number of queries."""
    return (
        WorkingGroup.objects.with_roles()
        .select_related("continues__programme")
        .prefetch_related(
            "objectives__areas__action_lines",
            "topics",
            "financing_sources__institution",
            Prefetch("outputs", queryset=Output.objects.select_related("objective")),
            "outputs__institutions",
            Prefetch(
                "plan_rows", queryset=PlanRow.objects.select_related("objective").prefetch_related("outputs")
            ),
            "events",
            "figures",
            "links",
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related(
                    "topic", "objective", "continues__group__programme"
                ).order_by("order"),
            ),
        )
    )


def plan_standings(groups) -> dict:
    """Each group's figures by its id, from one query of entries for all their activities
    (prefetched by groups_with_plan)."""
    rows = figures.standings([a for g in groups for a in g.activities.all()])
    by_group = {}
    for row in rows:
        by_group.setdefault(row.activity.group_id, []).append(row)
    return {g.pk: figures.GroupStanding(g, by_group.get(g.pk, [])) for g in groups}


def round_groups(reporting_round):
    """The ids of the groups of the round's programme, in order: what its pages page through."""
    return reporting_round.programme.groups.order_by("number").values_list("pk", flat=True)


def round_figures(reporting_round, group_ids) -> tuple[list, ReportingRound | None]:
    """The published figures of the groups `group_ids` (a page of round_groups()) in
    `reporting_round` beside the round before, like for like (reporting.standing.round_rows),
    and that round (None: the programme's first)."""
    previous = ReportingRound.objects.select_related("meeting").previous_to(reporting_round)
    groups = WorkingGroup.objects.filter(pk__in=list(group_ids)).select_related("programme")
    return figures.round_rows(reporting_round, previous, groups.order_by("number")), previous
