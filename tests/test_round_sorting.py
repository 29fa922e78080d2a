"""The database sorts a round's groups by each figure of its page (reporting.comparison.
sorted_for_round) exactly as the figures shown (round_rows) sort: at ten times the data, and in
an open round where some groups' reports are published (accepted, or submitted where the round
publishes on submission) and others are drafts, whose entries readers do not see; and the rounds
with published progress as the entries' publication says."""

import pytest

from groups.models import Programme
from reporting import standing
from reporting.comparison import SORTS, sorted_for_round, with_published_progress
from reporting.models import ProgressEntry, ReportingRound

from .support import factories, scaling

pytestmark = pytest.mark.django_db


def python_order(rows, sort, descending):
    """The order the round's page had when it sorted every row in Python: rows without the
    figure last, ties by number."""

    def key(row):
        return row.group.number if sort == "number" else getattr(row, sort)

    known = sorted((r for r in rows if key(r) is not None), key=key, reverse=descending)
    return [r.group.pk for r in known + [r for r in rows if key(r) is None]]


def assert_same_order(reporting_round, previous_round, groups):
    rows = standing.round_rows(reporting_round, previous_round, groups.order_by("number"))
    for sort in SORTS:
        for descending in (False, True):
            ordered = sorted_for_round(groups, reporting_round, previous_round, sort, descending=descending)
            assert list(ordered.values_list("pk", flat=True)) == python_order(rows, sort, descending), (
                sort,
                descending,
            )


def test_every_figure_sorts_as_shown_at_ten_times_the_data():
    programme = Programme.objects.get(start_year=2020)
    scaling.previous_round(programme)
    scaling.multiply(programme)
    reporting_round = ReportingRound.objects.get(meeting__code="CE.20")
    previous = ReportingRound.objects.previous_to(reporting_round)
    assert_same_order(reporting_round, previous, programme.groups.all())


@pytest.mark.parametrize("publish_on", ["submission", "acceptance"])
def test_an_open_round_sorts_only_what_readers_may_see(publish_on):
    programme = Programme.objects.get(start_year=2020)
    second = ReportingRound.objects.get(meeting__code="CE.20")
    third = factories.reporting_round(programme, number=3, status="open", publish_on=publish_on)
    groups = list(programme.groups.order_by("number"))
    statuses = ["accepted", "submitted", "draft", "returned", None]
    for index, group in enumerate(groups):
        status = statuses[index % len(statuses)]
        if status:
            factories.group_report(third, group, status=status, review_comment="Please check")
        for activity in group.activities.order_by("order")[: 2 + index % 4]:
            factories.entry(third, activity, (activity.order * 17 + index * 7) % 101)
    # Activities reported in the round before and not now, and the other way round.
    ProgressEntry.objects.filter(round=second, activity__group__number__in=(2, 5), activity__order=1).delete()
    assert_same_order(third, second, programme.groups.all())
    assert_same_order(second, None, programme.groups.all())
    rounds = ReportingRound.objects.filter(programme=programme)
    assert set(with_published_progress(rounds)) == set(rounds.with_published_progress())


@pytest.mark.parametrize("status", ["draft", "submitted", "accepted"])
def test_a_round_has_published_progress_as_its_entries_say(status):
    programme = Programme.objects.get(start_year=2020)
    third = factories.reporting_round(programme, number=3, status="open", publish_on="submission")
    group = programme.groups.get(number=2)
    factories.group_report(third, group, status=status)
    factories.entry(third, group.activities.order_by("order").first(), 40)
    rounds = ReportingRound.objects.filter(programme=programme)
    assert set(with_published_progress(rounds)) == set(rounds.with_published_progress())
    assert (third in with_published_progress(rounds)) is (status != "draft")
