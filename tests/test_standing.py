"""reporting.standing, on small records of its own: the expected percentage of an activity on
a given day, its standing against its schedule (behind, overdue, completed, not reported, no
months), its latest published percentage and change since the previous round, a group's
overall progress and flagged counts, and a round's figures per group."""

import datetime

import pytest

from activities.models import Activity
from reporting import standing
from reporting.standing import Schedule

from .support import factories

pytestmark = pytest.mark.django_db

D = datetime.date
MID_2030 = D(2030, 7, 1)  # exactly half of January-December 2030 has gone by


@pytest.fixture
def programme(db):
    return factories.programme(start_year=2030)


@pytest.fixture
def wg(programme):
    return factories.group(programme)


@pytest.fixture
def round_1(programme):
    return factories.reporting_round(programme, number=1)


def months(start, end):
    """Activity values for a schedule from `start` to `end`, both "YYYY-MM"."""
    return {"start_month": D(*map(int, start.split("-")), 1), "end_month": D(*map(int, end.split("-")), 1)}


def scheduled(start=None, end=None, **values):
    """An activity that is not saved: expected_percent needs no database."""
    return Activity(**(months(start, end) if start else {}), **values)


def standing_of(activity, today):
    (row,) = standing.standings([activity], standing.published_entries([activity]), today)
    return row


def reported(wg, round_, percent, start="2030-01", end="2030-12", order=1, **values):
    """An activity of `wg` with `percent` reported in `round_`."""
    activity = factories.activity(wg, order=order, **months(start, end), **values)
    factories.entry(round_, activity, percent)
    return activity


# The expected percentage: the share of the activity's months elapsed.


@pytest.mark.parametrize("today", [D(2029, 12, 31), D(2029, 1, 1), D(2020, 6, 15)])
def test_expected_is_0_before_the_start_month(today):
    assert standing.expected_percent(scheduled("2030-01", "2030-12"), today) == 0


@pytest.mark.parametrize("today", [D(2031, 1, 1), D(2031, 1, 31), D(2040, 6, 15)])
def test_expected_is_100_once_the_end_month_is_over(today):
    assert standing.expected_percent(scheduled("2030-01", "2030-12"), today) == 100


@pytest.mark.parametrize(
    "start, end, today, expected",
    [
        ("2030-01", "2030-12", D(2030, 7, 1), 50),  # 6 of 12 months
        ("2030-01", "2030-12", D(2030, 1, 1), 0),  # the first day: nothing gone by yet
        ("2030-01", "2030-12", D(2030, 4, 1), 25),
        ("2030-01", "2030-04", D(2030, 3, 1), 50),  # 2 of 4 months
        ("2030-01", "2030-04", D(2030, 2, 15), 37.5),  # 1 month and 14 of February's 28 days
        ("2030-06", "2030-06", D(2030, 6, 16), 50),  # a single month: 15 of its 30 days
        ("2029-07", "2030-06", D(2030, 1, 1), 50),  # across a new year
    ],
)
def test_expected_mid_schedule_is_the_share_of_months_elapsed(start, end, today, expected):
    assert standing.expected_percent(scheduled(start, end), today) == pytest.approx(expected)


def test_expected_on_the_last_day_of_the_end_month_is_just_below_100():
    value = standing.expected_percent(scheduled("2030-01", "2030-12"), D(2030, 12, 31))
    assert value == pytest.approx(100 * (11 + 30 / 31) / 12) and value < 100


@pytest.mark.parametrize(
    "values",
    [
        {"start_text_en": "To be decided in May 2030", "end_text_en": "To be decided in May 2030"},
        {"start_text_en": "Six months after the document is agreed"},
        {"start_month": D(2030, 1, 1), "end_text_en": "When the survey is over"},
        {},
    ],
)
def test_expected_is_none_without_start_and_end_months(values):
    assert standing.expected_percent(Activity(**values), MID_2030) is None


# Standing against the schedule.


def test_26_points_below_expected_is_behind_schedule(wg, round_1):
    row = standing_of(reported(wg, round_1, 24), MID_2030)
    assert row.expected == 50
    assert row.schedule is Schedule.BEHIND and row.flagged
    assert row.reason == "24% reported, 50% expected by now: more than 25 points behind."


def test_25_points_below_expected_is_on_schedule(wg, round_1):
    row = standing_of(reported(wg, round_1, 25), MID_2030)
    assert row.schedule is Schedule.ON_SCHEDULE and not row.flagged
    assert row.reason == "25% reported, 50% expected by now."


def test_ahead_of_schedule_is_on_schedule(wg, round_1):
    assert standing_of(reported(wg, round_1, 90), MID_2030).schedule is Schedule.ON_SCHEDULE


def test_the_threshold_follows_the_setting(settings, wg, round_1):
    settings.SLIPPAGE_THRESHOLD = 10
    assert standing.threshold() == 10
    behind = standing_of(reported(wg, round_1, 39, order=1), MID_2030)
    on_time = standing_of(reported(wg, round_1, 40, order=2), MID_2030)
    assert behind.schedule is Schedule.BEHIND
    assert behind.reason == "39% reported, 50% expected by now: more than 10 points behind."
    assert on_time.schedule is Schedule.ON_SCHEDULE


def test_below_100_after_the_end_month_is_overdue(wg, round_1):
    row = standing_of(reported(wg, round_1, 99, start="2030-01", end="2030-06"), D(2030, 7, 1))
    assert row.schedule is Schedule.OVERDUE and row.flagged
    assert row.expected == 100
    assert row.reason == "Its end month has passed and it is at 99%."


def test_during_the_end_month_it_is_not_yet_overdue(wg, round_1):
    nearly = standing_of(reported(wg, round_1, 99, order=1, start="2030-01", end="2030-06"), D(2030, 6, 30))
    nothing = standing_of(reported(wg, round_1, 0, order=2, start="2030-01", end="2030-06"), D(2030, 6, 30))
    assert nearly.schedule is Schedule.ON_SCHEDULE
    assert nothing.schedule is Schedule.BEHIND


@pytest.mark.parametrize("today", [D(2029, 6, 1), MID_2030, D(2032, 1, 1)])
def test_100_is_completed_whenever_it_is_reported(wg, round_1, today):
    row = standing_of(reported(wg, round_1, 100), today)
    assert row.schedule is Schedule.COMPLETED and not row.flagged
    assert row.reason == "Completed."


@pytest.mark.parametrize("today", [MID_2030, D(2030, 12, 31)])
def test_no_progress_reported_before_the_end_month_is_over_is_not_flagged(wg, today):
    row = standing_of(factories.activity(wg, **months("2030-01", "2030-12")), today)
    assert row.schedule is Schedule.NOT_REPORTED and not row.flagged
    assert row.latest is None and row.percent is None and row.change is None
    assert row.reason == "Not compared with its schedule: no progress has been reported yet."


@pytest.mark.parametrize("today", [D(2031, 1, 1), D(2035, 6, 1)])
def test_no_progress_at_all_after_the_end_month_is_overdue(wg, today):
    row = standing_of(factories.activity(wg, **months("2030-01", "2030-12")), today)
    assert row.schedule is Schedule.OVERDUE and row.flagged
    assert row.percent is None and row.expected_shown == 100
    assert row.reason == "Its end month has passed and no progress has been reported."


def test_overdue_without_progress_says_so_in_spanish(wg):
    from django.utils import translation

    row = standing_of(factories.activity(wg, **months("2030-01", "2030-12")), D(2031, 1, 1))
    with translation.override("es"):
        assert row.reason == "Su mes de término ya pasó y no se ha informado avance."
        assert str(row.schedule.label) == "vencida"


def test_a_phrase_schedule_has_no_months_to_compare_and_says_why(wg, round_1):
    activity = factories.activity(
        wg, start_text_en="To be decided in May 2030", start_text_es="Por definir en mayo de 2030"
    )
    factories.entry(round_1, activity, 10)
    row = standing_of(activity, D(2035, 1, 1))
    assert row.schedule is Schedule.NO_MONTHS and not row.flagged
    assert row.expected is None and row.expected_shown is None
    assert row.percent == 10
    assert row.reason == "Not compared with a schedule: its dates are given as a phrase, not as months."


def test_no_months_and_no_phrase_says_the_plan_gives_none(wg):
    row = standing_of(factories.activity(wg), MID_2030)
    assert row.schedule is Schedule.NO_MONTHS and not row.flagged
    assert row.reason == "Not compared with a schedule: the plan gives it no start and end months."


def test_reasons_are_in_the_readers_language(wg, round_1):
    from django.utils import translation

    row = standing_of(reported(wg, round_1, 24), MID_2030)
    with translation.override("es"):
        assert row.reason == "24% informado y 50% esperado a la fecha: más de 25 puntos de atraso."
        assert str(row.schedule.label) == "atrasada"


# The latest published percentage and the change since the previous round.


def test_latest_is_the_entry_of_the_latest_round_and_change_is_against_the_one_before(programme, wg):
    # Created out of order: the rounds' numbers decide, not the order of the records.
    round_2 = factories.reporting_round(programme, number=2)
    round_1 = factories.reporting_round(programme, number=1)
    activity = factories.activity(wg, **months("2030-01", "2030-12"))
    factories.entry(round_2, activity, 70)
    factories.entry(round_1, activity, 50)
    row = standing_of(activity, MID_2030)
    assert row.latest.round == round_2 and row.percent == 70
    assert row.previous.round == round_1 and row.previous_percent == 50
    assert row.change == 20


def test_a_fall_is_a_negative_change(programme, wg, round_1):
    activity = factories.activity(wg)
    factories.entry(round_1, activity, 80)
    factories.entry(factories.reporting_round(programme, number=2), activity, 70)
    assert standing_of(activity, MID_2030).change == -10


def test_a_single_round_has_no_change(wg, round_1):
    row = standing_of(reported(wg, round_1, 40), MID_2030)
    assert row.previous is None and row.change is None


def test_change_is_only_against_the_immediately_previous_round(programme, wg, round_1):
    activity = factories.activity(wg)
    factories.reporting_round(programme, number=2)  # the activity has no entry in it
    round_3 = factories.reporting_round(programme, number=3)
    factories.entry(round_1, activity, 20)
    factories.entry(round_3, activity, 60)
    row = standing_of(activity, MID_2030)
    assert row.latest.round == round_3 and row.percent == 60
    assert row.previous is None and row.change is None


@pytest.mark.parametrize("report_status", [None, "not_started", "draft", "returned"])
def test_a_draft_is_not_counted(programme, wg, round_1, report_status):
    """An open round's entries stay with the group until its report is submitted."""
    activity = factories.activity(wg, **months("2030-01", "2030-12"))
    factories.entry(round_1, activity, 50)
    round_2 = factories.reporting_round(programme, number=2, status="open")
    factories.entry(round_2, activity, 90)
    if report_status:
        factories.group_report(round_2, wg, status=report_status, review_comment="Check activity 1")
    row = standing_of(activity, MID_2030)
    assert row.latest.round == round_1 and row.percent == 50
    assert row.previous is None and row.change is None


@pytest.mark.parametrize("report_status", ["submitted", "accepted"])
def test_a_submitted_report_in_an_open_round_is_counted(programme, wg, round_1, report_status):
    """In a round that publishes on submission (its figures are read before review)."""
    activity = factories.activity(wg, **months("2030-01", "2030-12"))
    factories.entry(round_1, activity, 50)
    round_2 = factories.reporting_round(programme, number=2, status="open", publish_on="submission")
    factories.entry(round_2, activity, 90)
    factories.group_report(round_2, wg, status=report_status)
    row = standing_of(activity, MID_2030)
    assert row.latest.round == round_2 and row.percent == 90 and row.change == 40


def test_a_draft_of_another_group_does_not_hide_a_submitted_report(programme, wg):
    other = factories.group(programme, number=2)
    round_ = factories.reporting_round(programme, number=1, status="open", publish_on="submission")
    mine, theirs = factories.activity(wg), factories.activity(other)
    factories.entry(round_, mine, 30)
    factories.entry(round_, theirs, 80)
    factories.group_report(round_, wg, status="submitted")
    factories.group_report(round_, other, status="draft")
    rows = standing.standings([mine, theirs], standing.published_entries([mine, theirs]), MID_2030)
    assert [r.percent for r in rows] == [30, None]


# A group's overall progress and flagged counts.


def test_group_progress_is_the_mean_of_latest_percentages(programme, wg, round_1):
    round_2 = factories.reporting_round(programme, number=2)
    first = reported(wg, round_1, 10, order=1)
    factories.entry(round_2, first, 70)  # latest: 70
    reported(wg, round_1, 30, order=2)  # only in round 1: 30
    reported(wg, round_2, 80, order=3)  # only in round 2: 80
    factories.activity(wg, order=4)  # not reported: left out of the mean
    (summary,) = standing.group_standings([wg], MID_2030)
    assert [s.percent for s in summary.activities] == [70, 30, 80, None]
    assert len(summary.reported) == 3
    assert summary.progress == 60


def test_group_mean_is_rounded_to_a_whole_number(wg, round_1):
    for order, percent in enumerate((10, 20, 30, 41), start=1):
        reported(wg, round_1, percent, order=order)
    (summary,) = standing.group_standings([wg], MID_2030)
    assert summary.progress == 25  # 25.25


@pytest.mark.parametrize(
    "percents, shown",
    [
        ((75, 76), 76),
        ((32, 33), 33),
        ((62, 63), 63),
    ],
)
def test_group_mean_rounds_half_a_point_up(wg, round_1, percents, shown):
    for order, percent in enumerate(percents, start=1):
        reported(wg, round_1, percent, order=order)
    (summary,) = standing.group_standings([wg], MID_2030)
    assert summary.progress == shown


def test_group_flagged_counts(wg, round_1):
    reported(wg, round_1, 10, order=1)  # behind (50 expected)
    reported(wg, round_1, 20, order=2)  # behind
    reported(wg, round_1, 60, order=3, start="2030-01", end="2030-06")  # overdue
    reported(wg, round_1, 100, order=4, start="2030-01", end="2030-06")  # completed
    reported(wg, round_1, 40, order=5)  # on schedule
    factories.activity(wg, order=6, **months("2030-01", "2030-12"))  # not reported, not over
    factories.activity(wg, order=7, start_text_en="Later")  # no months
    factories.activity(wg, order=8, **months("2029-01", "2029-12"))  # over, nothing reported
    (summary,) = standing.group_standings([wg], MID_2030)
    assert [s.schedule for s in summary.activities] == [
        Schedule.BEHIND,
        Schedule.BEHIND,
        Schedule.OVERDUE,
        Schedule.COMPLETED,
        Schedule.ON_SCHEDULE,
        Schedule.NOT_REPORTED,
        Schedule.NO_MONTHS,
        Schedule.OVERDUE,
    ]
    assert (summary.flagged, summary.behind, summary.overdue) == (4, 2, 2)
    assert summary.progress == 46  # (10 + 20 + 60 + 100 + 40) / 5


def test_group_without_progress_has_no_figure_and_nothing_flagged(wg):
    factories.activity(wg, **months("2030-01", "2030-06"))
    (summary,) = standing.group_standings([wg], D(2030, 6, 1))
    assert summary.progress is None and summary.reported == []
    assert (summary.flagged, summary.behind, summary.overdue) == (0, 0, 0)


def test_group_without_progress_after_its_months_has_them_overdue(wg):
    factories.activity(wg, **months("2030-01", "2030-06"))
    (summary,) = standing.group_standings([wg], D(2031, 1, 1))
    assert summary.progress is None and summary.reported == []
    assert (summary.flagged, summary.behind, summary.overdue) == (1, 0, 1)


def test_group_standings_keep_the_groups_order_and_their_own_activities(programme, round_1):
    second, first = factories.group(programme, number=2), factories.group(programme, number=1)
    reported(first, round_1, 10)
    reported(second, round_1, 90)
    factories.activity(second, order=2)
    rows = standing.group_standings([second, first], MID_2030)
    assert [r.group for r in rows] == [second, first]
    assert [len(r.activities) for r in rows] == [2, 1]
    assert [r.progress for r in rows] == [90, 10]


# A round's figures per group.


def test_round_rows_mean_previous_change_and_counts(programme, wg, round_1):
    from groups.models import WorkingGroup

    other = factories.group(programme, number=2)
    round_2 = factories.reporting_round(programme, number=2)
    a1, a2 = reported(wg, round_1, 20, order=1), reported(wg, round_1, 40, order=2)
    factories.entry(round_2, a1, 50)
    factories.entry(round_2, a2, 70)
    factories.activity(wg, order=3)
    reported(other, round_2, 10)  # nothing in round 1
    rows = standing.round_rows(
        round_2, round_1, WorkingGroup.objects.filter(programme=programme).order_by("number")
    )
    assert [(r.group, r.progress, r.previous, r.change, r.reported, r.activities) for r in rows] == [
        (wg, 60, 30, 30, 2, 3),
        (other, 10, None, None, 1, 1),
    ]


def test_round_rows_without_a_previous_round_and_without_drafts(programme, wg):
    from groups.models import WorkingGroup

    other = factories.group(programme, number=2)
    round_ = factories.reporting_round(programme, number=1, status="open", publish_on="submission")
    reported(wg, round_, 40)
    reported(other, round_, 80)
    factories.group_report(round_, wg, status="submitted")
    factories.group_report(round_, other, status="draft")
    rows = standing.round_rows(
        round_, None, WorkingGroup.objects.filter(programme=programme).order_by("number")
    )
    assert [(r.progress, r.previous, r.change, r.reported) for r in rows] == [
        (40, None, None, 1),
        (None, None, None, 0),
    ]


def test_the_flag_agrees_with_the_expected_percentage_shown(wg, round_1):
    """On 2 July the expected share is 50.27%, shown as 50: 25 reported is 25 points below
    what the reader sees, so it is not flagged, and the reason gives the same figures."""
    activity = reported(wg, round_1, 25)
    row = standing_of(activity, D(2030, 7, 2))
    assert row.expected == pytest.approx(50.27, abs=0.01) and row.expected_shown == 50
    assert row.schedule is Schedule.ON_SCHEDULE
    assert row.reason == "25% reported, 50% expected by now."
    assert standing_of(activity, D(2030, 7, 20)).schedule is Schedule.BEHIND  # 55 shown


def test_a_start_month_without_an_end_month_says_so(wg):
    activity = factories.activity(wg, start_month=D(2030, 3, 1))
    row = standing_of(activity, MID_2030)
    assert row.schedule is Schedule.NO_MONTHS and not row.flagged
    assert row.reason == "Not compared with a schedule: the plan gives it only a start or an end month."
