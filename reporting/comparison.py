"""A group's figures in a round beside the round before, like for like.

A group that reports eight more activities this time cannot be compared by its two means: the
new activities, often just begun, pull the mean down although nothing fell. So the change is
computed on the activities reported in both rounds, and the difference in how many reported is
given beside it ("61%, 18 of 18 reported; the 10 reported both times moved 76 → 79").

reporting/standing.py gives these figures to every face (the round's page, a group's page, the
secretariat's overview, the documents, the API); nothing else computes them."""

from dataclasses import dataclass

from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Floor

from activities.models import Activity

from .models import GroupReport, ProgressEntry, ReportingRound
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


def with_activity_count(groups):
    """`groups` with how many activities each has (RoundRow.activities): a subquery, so that a
    page of groups counts its own activities only, and counting the groups counts no activity."""
    counted = Activity.objects.filter(group=OuterRef("pk")).order_by().values("group").annotate(n=Count("pk"))
    return groups.annotate(activity_count=Coalesce(Subquery(counted.values("n")), 0))


def round_rows(reporting_round, previous_round, groups, *, drafts: bool = False) -> list[RoundRow]:
    """Every group's figures in `reporting_round` beside `previous_round` (which may be None),
    in two queries whatever the number of groups. Published entries only; with `drafts`, the
    round's entries as the groups saved them (the secretariat's overview), beside the published
    ones of the round before. `groups` may also be a page of groups already read
    `with_activity_count` (a slice of a QuerySet cannot be annotated)."""
    if isinstance(groups, QuerySet) and not groups.query.is_sliced:
        groups = with_activity_count(groups)
    groups = list(groups)
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


# The figures of RoundRow a round's page may sort its groups by, as the database computes them
# for every group of a programme: the page then reads only its own groups' entries.
SORTS = ("number", "progress", "previous", "change", "reported")
_NONE = Value(None, output_field=FloatField())


def _published(reporting_round) -> Q:
    """On a group: readers may see its entries of `reporting_round` (ProgressEntry.published(),
    which holds for a round and a group alike: asked once per group, not once per entry)."""
    if reporting_round.status == ReportingRound.Status.CLOSED:
        return Q(pk__isnull=False)
    report = GroupReport.objects.filter(round=reporting_round, group=OuterRef("pk"))
    return Q(Exists(report.filter(GroupReport.published_condition())))


def with_published_progress(rounds):
    """`rounds` in which readers may see some progress, as ReportingRound.objects.
    with_published_progress() says, asked per group report rather than per entry (which reads
    every activity of the programme): a closed round with an entry, or a published group report
    with an entry of its group."""
    entries = ProgressEntry.objects.filter(round=OuterRef("pk"))
    reported = ProgressEntry.objects.filter(round=OuterRef("round"), activity__group=OuterRef("group"))
    shared = (
        GroupReport.objects.filter(round=OuterRef("pk"))
        .filter(GroupReport.published_condition())
        .filter(Exists(reported))
    )
    return rounds.filter(Q(status=ReportingRound.Status.CLOSED) & Exists(entries) | Exists(shared))


def _whole(mean):
    """A mean percentage as readers see it (schedule.whole: half up)."""
    return Floor(mean + Value(0.5, output_field=FloatField()))


def _of_group(reporting_round, **filters):
    return (
        ProgressEntry.objects.filter(round=reporting_round, activity__group=OuterRef("pk"), **filters)
        .order_by()
        .values("activity__group")
    )


def _figure(name, reporting_round, previous_round):
    """The expression of RoundRow's figure `name` for a group (NULL where the row shows none)."""
    if name == "reported":
        counted = _of_group(reporting_round).annotate(n=Count("pk")).values("n")
        return Case(
            When(_published(reporting_round), then=Coalesce(Subquery(counted), 0)),
            default=0,
            output_field=IntegerField(),
        )
    if name in ("progress", "previous"):
        shown = reporting_round if name == "progress" else previous_round
        mean = _of_group(shown).annotate(mean=_whole(Avg(Cast("percent", FloatField())))).values("mean")
        return Case(When(_published(shown), then=Subquery(mean)), default=_NONE, output_field=FloatField())
    # Like for like (Comparison.change): each round's mean over the activities reported in both.
    both = _of_group(reporting_round, activity__progress__round=previous_round).annotate(
        change=_whole(Avg(Cast("percent", FloatField())))
        - _whole(Avg(Cast("activity__progress__percent", FloatField())))
    )
    return Case(
        When(_published(reporting_round) & _published(previous_round), then=Subquery(both.values("change"))),
        default=_NONE,
        output_field=FloatField(),
    )


def sorted_for_round(groups, reporting_round, previous_round, sort: str, *, descending=False):
    """`groups` in the order of RoundRow's figure `sort` (SORTS) in `reporting_round`, computed
    by the database over all of them: groups without the figure last in either direction, ties
    by number."""
    if sort not in SORTS or sort == "number":
        return groups.order_by("-number" if descending else "number")
    if previous_round is None and sort in ("previous", "change"):
        return groups.order_by("number")  # no group has the figure
    figure = F("sort_figure")
    ordering = figure.desc(nulls_last=True) if descending else figure.asc(nulls_last=True)
    return groups.annotate(sort_figure=_figure(sort, reporting_round, previous_round)).order_by(
        ordering, "number"
    )
