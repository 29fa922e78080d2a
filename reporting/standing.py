"""Where each activity stands: its latest published percentage, the change since the round
before, and its schedule today (the expected percentage, behind schedule, overdue); a group's
overall progress; and a group's figures in a round beside the round before, like for like
(reporting/comparison.py, given from here), and the figures of a table of groups
(reporting/group_figures.py, the same rules over a few columns). Computed here only, with the
schedule's arithmetic in reporting/schedule.py: the reading pages, the secretariat's overview,
the documents, the API and the admin's activity list all read these figures.

Progress is what readers may see (ProgressEntry.objects.published()): drafts do not count."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from activities.models import Activity
from core.bilingual import LANGUAGES, has_text

# Given from here with the other figures: every face reads its figures from this module.
from .comparison import Comparison, RoundRow, round_rows  # noqa: F401
from .group_figures import GroupFigures, group_figures  # noqa: F401
from .models import ProgressEntry
from .models.rounds import round_order, rounds_up_to
from .schedule import (  # noqa: F401
    Schedule,
    expected_percent,
    judged_on,
    month_index,
    schedule_of,
    schedule_today,
    threshold,
    whole,
    whole_mean,
)


@dataclass
class Standing:
    """One activity as the reader sees it today."""

    activity: Activity
    latest: ProgressEntry | None = None
    previous: ProgressEntry | None = None  # its entry in the round before `latest`'s
    expected: float | None = None
    schedule: Schedule = Schedule.NO_MONTHS

    @property
    def percent(self) -> int | None:
        return self.latest.percent if self.latest else None

    @property
    def previous_percent(self) -> int | None:
        return self.previous.percent if self.previous else None

    @property
    def change(self) -> int | None:
        """Points gained since the previous round (None when either round has no figure)."""
        if self.latest is None or self.previous is None:
            return None
        return self.latest.percent - self.previous.percent

    @property
    def expected_shown(self) -> int | None:
        return None if self.expected is None else whole(self.expected)

    @property
    def flagged(self) -> bool:
        return self.schedule.flagged

    @property
    def reason(self) -> str:
        """Why the activity stands where it does, in the reader's language."""
        from django.utils.translation import gettext

        if self.schedule is Schedule.NO_MONTHS:
            if has_text(self.activity, "start_text") or has_text(self.activity, "end_text"):
                return gettext(
                    "Not compared with a schedule: its dates are given as a phrase, not as months."
                )
            if self.activity.start_month or self.activity.end_month:
                return gettext(
                    "Not compared with a schedule: the plan gives it only a start or an end month."
                )
            return gettext("Not compared with a schedule: the plan gives it no start and end months.")
        if self.schedule is Schedule.NOT_REPORTED:
            return gettext("Not compared with its schedule: no progress has been reported yet.")
        values = {"percent": self.percent, "expected": self.expected_shown, "threshold": threshold()}
        if self.schedule is Schedule.OVERDUE and self.latest is None:
            return gettext("Its end month has passed and no progress has been reported.")
        if self.schedule is Schedule.OVERDUE:
            return gettext("Its end month has passed and it is at %(percent)s%%.") % values
        if self.schedule is Schedule.BEHIND:
            return (
                gettext(
                    "%(percent)s%% reported, %(expected)s%% expected by now: more than "
                    "%(threshold)s points behind."
                )
                % values
            )
        if self.schedule is Schedule.COMPLETED:
            return gettext("Completed.")
        return gettext("%(percent)s%% reported, %(expected)s%% expected by now.") % values


def standing(activity, entries, today: datetime.date) -> Standing:
    """`entries`: the activity's published entries, oldest round first, as `published_entries`
    reads them (each with its `round_number`)."""
    latest = entries[-1] if entries else None
    previous = None
    # The round just before is known by number only: a round without one (a past round whose
    # document gives none) is compared with no other.
    if (
        len(entries) > 1
        and latest.round_number is not None
        and entries[-2].round_number == latest.round_number - 1
    ):
        previous = entries[-2]
    expected, schedule = schedule_today(activity, latest.percent if latest else None, today)
    return Standing(activity, latest, previous, expected, schedule)


def published_entries(activities=None, *, up_to_round=None, **filters):
    """Published entries, oldest round first, to hand to `standings`. `up_to_round` leaves out
    rounds after it (a document compiled for that round)."""
    entries = (
        ProgressEntry.objects.published()
        .filter(**filters)
        .select_related("round__meeting")
        .annotate(round_number=F("round__number"))
    )
    if activities is not None:
        entries = entries.filter(activity__in=activities)
    if up_to_round is not None:
        entries = entries.filter(rounds_up_to(up_to_round, "round__"))
    return entries.order_by(*round_order("round__"))


def standings(activities, entries=None, today: datetime.date | None = None) -> list[Standing]:
    """Each activity's standing, in the order given; `entries` from `published_entries`
    (by default, every published entry of `activities`)."""
    activities = list(activities)
    if entries is None:
        entries = published_entries(activities)
    today = today or timezone.localdate()
    by_activity = {}
    for entry in entries:
        by_activity.setdefault(entry.activity_id, []).append(entry)
    return [standing(a, by_activity.get(a.pk, []), today) for a in activities]


@dataclass
class GroupStanding:
    """A working group's figures: the mean of its activities' latest percentages and how many
    of its activities are flagged."""

    group: object
    activities: list = field(default_factory=list)

    def counted(self) -> GroupFigures:
        """The same figures as counts, as group_figures() gives them for a table of groups."""
        return GroupFigures(
            self.group,
            activities=len(self.activities),
            reported=len(self.reported),
            progress=self.progress,
            behind=self.behind,
            overdue=self.overdue,
        )

    @property
    def reported(self) -> list:
        return [s for s in self.activities if s.latest is not None]

    @property
    def progress(self) -> int | None:
        return whole_mean(s.percent for s in self.reported)

    @property
    def flagged(self) -> int:
        return sum(s.flagged for s in self.activities)

    @property
    def behind(self) -> int:
        return sum(s.schedule is Schedule.BEHIND for s in self.activities)

    @property
    def overdue(self) -> int:
        """Past their end month below 100%, or with no progress reported at all."""
        return sum(s.schedule is Schedule.OVERDUE for s in self.activities)

    @property
    def since_previous(self) -> Comparison | None:
        """The group's latest round beside the round just before it, like for like
        (reporting/comparison.py); None when no activity was reported in the round before."""
        if not self.reported:
            return None
        numbers = [s.latest.round_number for s in self.reported if s.latest.round_number is not None]
        if not numbers:
            return None  # rounds without a number: none is known to be "the one before"
        last = max(numbers)
        latest = [s for s in self.reported if s.latest.round_number == last]
        # An activity's previous entry is that of the round just before its latest (standing()).
        earlier = [s.previous for s in latest if s.previous is not None]
        earlier += [s.latest for s in self.reported if s.latest.round_number == last - 1]
        if not earlier:
            return None
        return Comparison(
            now={s.activity.pk: s.percent for s in latest},
            before={e.activity_id: e.percent for e in earlier},
            round=latest[0].latest.round,
            previous_round=earlier[0].round,
        )


def _translated(*fields):
    """The columns of translated `fields`, each language's and the original's."""
    return [
        name
        for field in fields
        for name in (field, *(build_localized_fieldname(field, lang) for lang in LANGUAGES))
    ]


def group_standings(groups, today: datetime.date | None = None) -> list[GroupStanding]:
    """Every group with its activities' standings, in three queries whatever their number:
    `groups` are read as given, then their activities, then their published entries."""
    groups = list(groups)
    # Only the figures are shown: the long texts stay in the database.
    activities = list(
        Activity.objects.filter(group__in=groups)
        .order_by("group_id", "order")
        .defer(*_translated("text", "coordination"))
    )
    # Nor their rounds: a round's number is all the figures need (a model each would cost more
    # than the whole page at ten times the data).
    entries = (
        published_entries(activity__group__in=groups).select_related(None).defer(*_translated("remarks"))
    )
    rows = standings(activities, entries, today)
    by_group = {}
    for row in rows:
        by_group.setdefault(row.activity.group_id, []).append(row)
    return [GroupStanding(g, by_group.get(g.pk, [])) for g in groups]
