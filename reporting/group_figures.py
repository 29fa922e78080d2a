"""A working group's figures as a table of groups shows them (the home page, a country's page):
its overall progress, how many of its activities reported, and how many are behind schedule or
overdue. The rules are reporting/standing.py's (each activity's standing, then GroupStanding's
sums), applied to the few columns they read: two queries for a page of groups, reading each
activity's months and each published entry's round number and percentage, no model instances
(which cost more than the whole page once a group has a hundred times its activities)."""

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import F

from activities.models import Activity

from .models import ProgressEntry


class _Months(NamedTuple):
    """What an activity's standing reads of it (standing.standing)."""

    pk: int
    group_id: int
    start_month: datetime.date | None
    end_month: datetime.date | None


class _Entry(NamedTuple):
    """What an activity's standing reads of a published entry."""

    activity_id: int
    round_number: int
    percent: int


@dataclass
class GroupFigures:
    """A group's figures, as counts: GroupStanding's without the activities themselves."""

    group: object
    activities: int = 0
    reported: int = 0
    progress: int | None = None
    behind: int = 0
    overdue: int = 0

    @property
    def flagged(self) -> int:
        return self.behind + self.overdue


def group_figures(groups, today: datetime.date | None = None) -> list[GroupFigures]:
    """Each of `groups`' figures, in the order given, as GroupStanding computes them."""
    from .standing import GroupStanding, standings  # standing.py gives these figures too

    groups = list(groups)
    months = (
        Activity.objects.filter(group__in=groups)
        .order_by()
        .values_list("pk", "group_id", "start_month", "end_month")
    )
    entries = (
        ProgressEntry.objects.published()
        .filter(activity__group__in=groups)
        .order_by("round__number")
        .values_list("activity_id", F("round__number"), "percent")
    )
    rows = standings([_Months(*row) for row in months], [_Entry(*row) for row in entries], today)
    by_group = {}
    for row in rows:
        by_group.setdefault(row.activity.group_id, []).append(row)
    figures = []
    for group in groups:
        summary = GroupStanding(group, by_group.get(group.pk, []))
        figures.append(
            GroupFigures(
                group,
                activities=len(summary.activities),
                reported=len(summary.reported),
                progress=summary.progress,
                behind=summary.behind,
                overdue=summary.overdue,
            )
        )
    return figures
