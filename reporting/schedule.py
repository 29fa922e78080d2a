"""An activity's schedule: the share of its months gone by on a day, as the percentage it
should have reached, and how its reported percentage stands against that (reporting/standing.py
applies it to activities and groups). Percentages are rounded as readers see them."""

import calendar
import datetime
import math
from enum import Enum
from statistics import fmean

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from activities.models import Activity


class Schedule(Enum):
    """An activity's standing against its schedule; `flagged` ones need the reader's attention."""

    COMPLETED = "completed", _("completed"), False
    ON_SCHEDULE = "on_schedule", _("on schedule"), False
    BEHIND = "behind", _("behind schedule"), True
    OVERDUE = "overdue", _("overdue"), True
    NOT_REPORTED = "not_reported", _("no progress reported"), False
    NO_MONTHS = "no_months", _("no months to compare"), False

    def __init__(self, value, label, flagged):
        self._value_ = value
        self.label = label
        self.flagged = flagged


def whole(value: float) -> int:
    """A percentage as readers see it: rounded half up (32.5 is 33), not half to even."""
    return math.floor(value + 0.5)


def whole_mean(values) -> int | None:
    """The mean of some percentages as readers see it; None when there are none."""
    values = list(values)
    return whole(fmean(values)) if values else None


def threshold() -> int:
    """Points below the expected percentage at which an activity is behind schedule."""
    return settings.SLIPPAGE_THRESHOLD


def month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def months_elapsed(start: datetime.date, end: datetime.date, today: datetime.date) -> float:
    """How many of the months from `start` to `end` (both whole months) have gone by on
    `today`, the current month counted by its share of days gone by."""
    total = month_index(end) - month_index(start) + 1
    if today < start:
        return 0.0
    if month_index(today) > month_index(end):
        return float(total)
    days = calendar.monthrange(today.year, today.month)[1]
    return month_index(today) - month_index(start) + (today.day - 1) / days


def expected_percent(activity: Activity, today: datetime.date) -> float | None:
    """The share of the activity's months elapsed on `today`, as a percentage: 0 before its
    start month, 100 once its end month is over; None when its schedule is not in months."""
    if not (activity.start_month and activity.end_month):
        return None
    total = month_index(activity.end_month) - month_index(activity.start_month) + 1
    return 100 * months_elapsed(activity.start_month, activity.end_month, today) / total


def schedule_of(expected: float | None, percent: int | None, ended: bool) -> Schedule:
    if expected is None:
        return Schedule.NO_MONTHS
    if percent is None:
        # Its months are over and nothing was ever reported: the reader is told, as when it
        # stopped short of 100%.
        return Schedule.OVERDUE if ended else Schedule.NOT_REPORTED
    if percent >= 100:
        return Schedule.COMPLETED
    if ended:
        return Schedule.OVERDUE
    # Against the expected percentage as the reader sees it, so that the flag and the figures
    # shown beside it always agree.
    if whole(expected) - percent > threshold():
        return Schedule.BEHIND
    return Schedule.ON_SCHEDULE


def judged_on(programme, today: datetime.date) -> datetime.date:
    """The day a programme's activities are judged on: today, but for a draft, which is not in
    force: nothing of it is due yet, so it is judged as on the day it would start."""
    return min(today, datetime.date(programme.start_year, 1, 1)) if programme.is_draft else today


def schedule_today(activity: Activity, percent: int | None, today: datetime.date):
    """(expected percentage, Schedule) of an activity at `percent` (None: not reported) on
    `today`: what reporting/standing.py shows for each activity and counts for each group."""
    expected = expected_percent(activity, today)
    ended = bool(activity.end_month) and month_index(today) > month_index(activity.end_month)
    return expected, schedule_of(expected, percent, ended)
