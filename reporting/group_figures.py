"""A working group's figures as a table of groups shows them (the home page, a country's page):
its overall progress, how many of its activities reported, and how many are behind schedule or
overdue. The rules are those of reporting/standing.py (each activity's schedule today, from
schedule.schedule_today; a group's mean of its activities' latest percentages), applied to the
few columns they read: two queries for a page of groups, each activity's months and each
published entry's percentage, read as plain rows. No model instance or Standing is made: they
cost more than the whole page once a group has a hundred times its activities."""

import datetime
from dataclasses import dataclass
from statistics import fmean
from typing import NamedTuple

from django.db.models import QuerySet
from django.utils import timezone

from activities.models import Activity

from .models.progress import ProgressEntry, ProgressEntryQuerySet
from .models.rounds import round_order
from .schedule import Schedule, schedule_today, whole


class _Months(NamedTuple):
    """What an activity's schedule reads of it."""

    start_month: datetime.date | None
    end_month: datetime.date | None


@dataclass
class GroupFigures:
    """A group's figures: GroupStanding's, as counts."""

    group: object
    activities: int = 0
    reported: int = 0
    progress: int | None = None
    behind: int = 0
    overdue: int = 0

    @property
    def flagged(self) -> int:
        return self.behind + self.overdue


def _latest_percents(groups) -> dict:
    """Each activity's latest published percentage (plain querysets: the translated models'
    own would rewrite every row for the languages, which these columns do not have)."""
    entries = (
        ProgressEntryQuerySet(ProgressEntry)
        .published()
        .filter(activity__group__in=groups)
        .order_by(*round_order("round__"))
        .values_list("activity_id", "percent")
    )
    return dict(entries)  # the latest round's last


def group_figures(groups, today: datetime.date | None = None) -> list[GroupFigures]:
    """Each of `groups`' figures, in the order given, as GroupStanding computes them."""
    groups = list(groups)
    today = today or timezone.localdate()
    latest = _latest_percents(groups)
    figures = {group.pk: GroupFigures(group) for group in groups}
    percents = {group.pk: [] for group in groups}
    months = (
        QuerySet(Activity)
        .filter(group__in=groups)
        .order_by()
        .values_list("pk", "group_id", "start_month", "end_month")
    )
    for pk, group_id, start, end in months:
        percent = latest.get(pk)
        _expected, schedule = schedule_today(_Months(start, end), percent, today)
        row = figures[group_id]
        row.activities += 1
        row.behind += schedule is Schedule.BEHIND
        row.overdue += schedule is Schedule.OVERDUE
        if percent is not None:
            percents[group_id].append(percent)
    for pk, row in figures.items():
        row.reported = len(percents[pk])
        # GroupStanding.progress: schedule.whole_mean of the same percentages.
        row.progress = whole(fmean(percents[pk])) if percents[pk] else None
    return [figures[group.pk] for group in groups]
