"""A group's figures in a round beside the round before, like for like.

A group that reports eight more activities this time cannot be compared by its two means: the
new activities, often just begun, pull the mean down although nothing fell. So the change is
computed on the activities reported in both rounds, and the difference in how many reported is
given beside it ("61%, 18 of 18 reported; the 10 reported both times moved 76 → 79").

reporting/standing.py gives these figures to every face (the round's page, a group's page, the
secretariat's overview, the documents, the API); nothing else computes them."""

from dataclasses import dataclass

from django.db.models import Count, Q

from .models import ProgressEntry
from .schedule import whole_mean


@dataclass
class Comparison:
    """`now`: each activity's percentage in `round`, by activity id; `before`: the same in
    `previous_round` (None when there is no round before to compare with)."""

    now: dict
    before: dict | None = None
    round: object = None
    previous_round: object = None

    @property
    def reported(self) -> int:
        return len(self.now)

    @property
    def progress(self) -> int | None:
        """The mean of every percentage reported in the round."""
        return whole_mean(self.now.values())

    @property
    def previous_reported(self) -> int | None:
        return None if self.before is None else len(self.before)

    @property
    def previous(self) -> int | None:
        """The mean of every percentage reported in the round before."""
        return None if self.before is None else whole_mean(self.before.values())

    @property
    def both(self) -> list:
        """The activities reported in both rounds: what the change is computed on."""
        return [] if self.before is None else [pk for pk in self.now if pk in self.before]

    @property
    def both_previous(self) -> int | None:
        return whole_mean(self.before[pk] for pk in self.both) if self.both else None

    @property
    def both_progress(self) -> int | None:
        return whole_mean(self.now[pk] for pk in self.both) if self.both else None

    @property
    def change(self) -> int | None:
        """Points gained by the activities reported in both rounds, as the two means shown
        differ (None: no activity reported in both)."""
        if not self.both:
            return None
        return self.both_progress - self.both_previous

    @property
    def more(self) -> int | None:
        """How many more activities reported than in the round before (fewer: negative); None
        without a round before, or before the group has reported anything in this one."""
        if self.before is None or not self.now:
            return None
        return self.reported - self.previous_reported

    @property
    def fewer(self) -> int | None:
        """`more` as a positive number when fewer reported (for the sentence that says so)."""
        return -self.more if self.more is not None and self.more < 0 else None

    @property
    def same_activities(self) -> bool:
        """Both rounds have the same activities: the change is that of the two means."""
        return len(self.both) == self.reported == self.previous_reported


@dataclass
class RoundRow(Comparison):
    """A group's figures in a round beside the round before (`Comparison`), with how many
    activities the group has."""

    group: object = None
    activities: int = 0


def round_rows(reporting_round, previous_round, groups, *, drafts: bool = False) -> list[RoundRow]:
    """Every group's figures in `reporting_round` beside `previous_round` (which may be None),
    in two queries whatever the number of groups. Published entries only; with `drafts`, the
    round's entries as the groups saved them (the secretariat's overview), beside the published
    ones of the round before."""
    groups = list(groups.annotate(activity_count=Count("activities", distinct=True)))
    published = ProgressEntry.objects.published()
    in_rounds = Q(round__in=[r for r in (reporting_round, previous_round) if r is not None])
    if drafts:
        in_rounds = Q(round=reporting_round) | Q(pk__in=published.filter(round=previous_round).values("pk"))
        published = ProgressEntry.objects.all()
    percents = {}
    for round_id, group_id, activity_id, percent in (
        published.filter(in_rounds, activity__group__in=groups)
        .order_by()
        .values_list("round_id", "activity__group_id", "activity_id", "percent")
    ):
        percents.setdefault((round_id, group_id), {})[activity_id] = percent

    def row(group):
        before = None
        if previous_round is not None:
            before = percents.get((previous_round.pk, group.pk), {})
        return RoundRow(
            now=percents.get((reporting_round.pk, group.pk), {}),
            before=before,
            round=reporting_round,
            previous_round=previous_round,
            group=group,
            activities=group.activity_count,
        )

    return [row(g) for g in groups]
