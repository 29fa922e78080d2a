"""Two rounds side by side compare like with like (issue 26): a group's change is computed on
the activities it reported in both rounds, and the pages say how many more (or fewer) reported.
Activities past their end month with no progress at all are overdue, and a count of 0 is never
printed. Small records for the arithmetic; the real programme (group IV, ten activities in
LC/CE.20/3) reporting eight more in the next round for every face: the round's page, the
group's page, the secretariat's overview, the working group's report (PDF) and the API."""

import datetime
import re
from statistics import fmean

import pytest
from django.utils import timezone

from groups.models import WorkingGroup
from reporting import standing
from reporting.models import ProgressEntry
from reporting.schedule import Schedule, whole
from reporting.services import EntryValues, progress_save
from reports.models import Document
from reports.rendering import render_document

from .support import factories
from .support.pdf_reading import pdf_text
from .test_reading_pages import body_rows, html_of, row_of, text_of

pytestmark = pytest.mark.django_db

D = datetime.date
MID_2030 = D(2030, 7, 1)


# The arithmetic, on small records.


@pytest.fixture
def programme(db):
    return factories.programme(start_year=2030)


@pytest.fixture
def wg(programme):
    return factories.group(programme)


def two_rounds(programme, wg, first, second):
    """Rounds 1 and 2 with `first` and `second` ({order: percent}) reported in them."""
    rounds = [factories.reporting_round(programme, number=n) for n in (1, 2)]
    activities = {}
    for round_, percents in zip(rounds, (first, second), strict=True):
        for order, percent in percents.items():
            if order not in activities:
                activities[order] = factories.activity(wg, order=order)
            factories.entry(round_, activities[order], percent)
    return rounds


def round_row(programme, wg, first, second):
    round_1, round_2 = two_rounds(programme, wg, first, second)
    (row,) = standing.round_rows(round_2, round_1, WorkingGroup.objects.filter(pk=wg.pk))
    return row


def test_activities_reported_for_the_first_time_do_not_read_as_a_fall(programme, wg):
    row = round_row(programme, wg, {1: 80, 2: 60}, {1: 90, 2: 70, 3: 10, 4: 10})
    assert (row.progress, row.previous) == (45, 70)  # the two means: 25 points apart
    assert (len(row.both), row.both_previous, row.both_progress, row.change) == (2, 70, 80, 10)
    assert (row.reported, row.previous_reported, row.more, row.fewer) == (4, 2, 2, None)
    assert not row.same_activities


def test_fewer_activities_reported(programme, wg):
    row = round_row(programme, wg, {1: 80, 2: 20, 3: 20}, {1: 90})
    assert (row.progress, row.previous, row.change) == (90, 40, 10)
    assert (row.more, row.fewer) == (-2, 2)


def test_the_same_activities_change_as_their_means(programme, wg):
    row = round_row(programme, wg, {1: 80, 2: 60}, {1: 85, 2: 70})
    assert row.same_activities and row.change == row.progress - row.previous == 8  # 77.5 is 78
    assert row.more == 0


def test_no_activity_in_both_rounds_has_no_change(programme, wg):
    row = round_row(programme, wg, {1: 80}, {2: 30})
    assert row.both == [] and row.change is None and row.more == 0


def test_without_a_round_before_nothing_is_compared(programme, wg):
    (_round_1, round_2) = two_rounds(programme, wg, {}, {1: 50})
    (row,) = standing.round_rows(round_2, None, WorkingGroup.objects.filter(pk=wg.pk))
    assert (row.progress, row.previous, row.change, row.more, row.previous_reported) == (
        50,
        None,
        None,
        None,
        None,
    )


def test_a_group_that_has_not_reported_yet_is_not_fewer(programme, wg):
    row = round_row(programme, wg, {1: 80, 2: 60}, {})
    assert row.reported == 0 and row.more is None and row.fewer is None and row.change is None


def test_the_overview_counts_drafts_the_pages_do_not(programme, wg):
    round_1 = factories.reporting_round(programme, number=1)
    round_2 = factories.reporting_round(programme, number=2, status="open")
    activity = factories.activity(wg)
    factories.entry(round_1, activity, 40)
    factories.entry(round_2, activity, 55)
    factories.group_report(round_2, wg, status="draft")
    groups = WorkingGroup.objects.filter(pk=wg.pk)
    (public,) = standing.round_rows(round_2, round_1, groups)
    (overview,) = standing.round_rows(round_2, round_1, groups, drafts=True)
    assert (public.reported, public.change) == (0, None)
    assert (overview.reported, overview.change, overview.more) == (1, 15, 0)


def test_a_groups_page_compares_its_latest_round_as_the_rounds_page_does(programme, wg):
    round_1, round_2 = two_rounds(programme, wg, {1: 80, 2: 60, 5: 30}, {1: 90, 2: 70, 3: 10, 4: 10})
    (summary,) = standing.group_standings([wg], MID_2030)
    compared = summary.since_previous
    (row,) = standing.round_rows(round_2, round_1, WorkingGroup.objects.filter(pk=wg.pk))
    # Activity 5 was reported in round 1 only: its latest entry is there, and it counts before.
    assert compared.now == row.now and compared.before == row.before
    assert (compared.round, compared.previous_round) == (round_2, round_1)
    assert (compared.change, compared.more) == (row.change, row.more) == (10, 1)


def test_a_groups_page_without_a_round_before_compares_nothing(programme, wg):
    two_rounds(programme, wg, {}, {1: 50})
    (summary,) = standing.group_standings([wg], MID_2030)
    assert summary.since_previous is None


# The real programme: group IV reports its ten activities of LC/CE.20/3 again, ten points
# higher, and eight more at 10%.

NEW_PERCENT = 10


@pytest.fixture
def third_round(open_round):
    """The open round, publishing what groups submit (the figures must reach the pages)."""
    open_round.publish_on = open_round.Publication.ON_SUBMISSION
    open_round.save()
    return open_round


@pytest.fixture
def eight_more(third_round, second_round, group_iv, coordinator):
    """Group IV submits all 18 activities in the third round; returns the expected figures,
    computed from the data."""
    before = {
        e.activity_id: e.percent
        for e in ProgressEntry.objects.filter(round=second_round, activity__group=group_iv)
    }
    now = {
        a.pk: min(before[a.pk] + 10, 100) if a.pk in before else NEW_PERCENT
        for a in group_iv.activities.all()
    }
    progress_save(
        group=group_iv,
        reporting_round=third_round,
        user=coordinator,
        entries={pk: EntryValues(percent, "Done", "Hecho") for pk, percent in now.items()},
        notes={},
        seen_version=0,
        submit=True,
    )
    figures = {
        "code": third_round.meeting.code,
        "all": whole(fmean(now.values())),
        "previous": whole(fmean(before.values())),
        "both": len(before),
        "more": len(now) - len(before),
        "both_now": whole(fmean(now[pk] for pk in before)),
    }
    figures["change"] = figures["both_now"] - figures["previous"]
    figures["raw"] = figures["all"] - figures["previous"]
    assert (figures["both"], figures["more"], figures["previous"]) == (10, 8, 76)
    # The two ways of comparing disagree, or the test shows nothing.
    assert figures["raw"] < 0 < figures["change"]
    return figures


WORDS = {
    "en": {
        "both": "the {both} activities reported in both rounds",
        "more": "({more} more than in CE.20)",
        "group": "{n} activities reported in {code} ({more} more than in CE.20); the {both} reported in "
        "both rounds moved {previous} → {both_now} (+{change}",
    },
    "es": {
        "both": "las {both} actividades informadas en ambas rondas",
        "more": "({more} más que en CE.20)",
        "group": "{n} actividades informadas en {code} ({more} más que en CE.20); las {both} informadas en "
        "ambas rondas pasaron de {previous} → {both_now} (+{change}",
    },
}


def change_text(figures):
    return f"{figures['previous']} → {figures['both_now']} (+{figures['change']}"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_rounds_page_shows_the_like_for_like_change_and_how_many_more(client, eight_more, lang):
    html = html_of(client.get(f"/{lang}/progress/{eight_more['code']}/"))
    row = text_of(row_of(html, f'href="/{lang}/groups/2020-2021/IV/"'))
    assert f"{eight_more['all']}%" in row and f"{eight_more['previous']}%" in row
    assert change_text(eight_more) in row
    assert WORDS[lang]["both"].format(**eight_more) in row
    assert f"18 / 18 {WORDS[lang]['more'].format(**eight_more)}" in row
    raw = f"{eight_more['previous']} → {eight_more['all']}"
    assert raw not in row and f"({eight_more['raw']}" not in row
    # The other groups have not reported yet: no change, not "N fewer", not "0 / 14".
    others = [text_of(r) for r in body_rows(html, "round-progress") if "/IV/" not in r]
    assert all("→" not in r and "fewer" not in r and "menos" not in r for r in others)
    assert not [r for r in others if re.search(r"\b0 / ", r)]


def test_the_rounds_page_sorts_by_the_like_for_like_change(client, eight_more):
    html = html_of(client.get(f"/en/progress/{eight_more['code']}/?sort=change&order=desc"))
    assert "/groups/2020-2021/IV/" in body_rows(html, "round-progress")[0]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_groups_page_says_the_same(client, eight_more, lang):
    html = html_of(client.get(f"/{lang}/groups/2020-2021/IV/"))
    summary = text_of(html[html.index('class="summary"') : html.index('aria-labelledby="roles"')])
    assert WORDS[lang]["group"].format(n=18, **eight_more) in summary.replace(
        " ;", ";"
    )  # text_of puts a space for each tag


def test_the_secretariats_overview_says_the_same(secretariat_client, eight_more):
    html = html_of(secretariat_client.get(f"/en/rounds/{eight_more['code']}/"))
    row = text_of(row_of(html, "/2020-2021/IV/"))
    assert change_text(eight_more) in row and "(8 more than in CE.20)" in row
    assert "the 10 activities reported in both rounds" in row
    statuses = text_of(html[html.index('<ul class="status-counts">') :]).split("Group reports in this round")[
        0
    ]
    assert ": 0" not in statuses and "Submitted: 1" in statuses
    assert not re.search(r"\b0 / \d", text_of(html))  # groups that have reported nothing: "—"


def test_the_working_groups_report_says_the_same(eight_more, third_round, group_iv):
    document = Document.objects.create(
        symbol="LC/CE.99/DDR/4",
        kind="group_report",
        round=third_round,
        group=group_iv,
        meeting=third_round.meeting,
        title_en="Report of the Working Group on Gender Statistics",
        title_es="Informe del Grupo de Trabajo sobre Estadísticas de Género",
        date_en=third_round.deadline,
        date_es=third_round.deadline,
    )
    text = " ".join(pdf_text(render_document(document, "en")).split())
    expected = WORDS["en"]["group"].format(n=18, **eight_more)
    assert f"Since the previous round: {expected})." in text
    assert not re.search(r"\b0 (behind schedule|overdue)", text)


def test_the_api_gives_the_like_for_like_figures(client, eight_more):
    body = client.get(f"/api/v1/rounds/{eight_more['code']}/").json()
    assert body["previous_round"] == "CE.20"
    iv = next(g for g in body["groups"] if g["group"] == "2020-2021/IV")
    assert iv == {
        "group": "2020-2021/IV",
        "percent": eight_more["all"],
        "reported": 18,
        "activities": 18,
        "previous_percent": eight_more["previous"],
        "previous_reported": 10,
        "more_reported": 8,
        "like_for_like": {
            "activities": 10,
            "previous_percent": eight_more["previous"],
            "percent": eight_more["both_now"],
            "change": eight_more["change"],
        },
    }
    first = next(g for g in body["groups"] if g["group"] == "2020-2021/I")
    assert first["reported"] == 0 and first["more_reported"] is None
    assert first["like_for_like"] == {
        "activities": 0,
        "previous_percent": None,
        "percent": None,
        "change": None,
    }


def test_the_api_schema_documents_the_figures(client):
    schema = client.get("/api/schema/?format=json").json()
    text = str(schema)
    for name in ("like_for_like", "more_reported", "previous_round", "overdue"):
        assert name in text, name
    assert "with no progress reported at all" in text


# Overdue without any progress, on the real programme (today is after 2021: every end month of
# the 2020-2021 programme has passed).


@pytest.fixture
def never_reported(db, frozen_today):
    """Group IV's activities with months that no round ever reported on."""
    group = WorkingGroup.objects.get(programme__start_year=2020, number=4)
    reported = set(ProgressEntry.objects.filter(activity__group=group).values_list("activity_id", flat=True))
    activities = list(group.activities.order_by("order"))
    silent = [a for a in activities if a.end_month and a.pk not in reported]
    assert silent and all(a.end_month < timezone.localdate().replace(day=1) for a in silent)
    return activities, silent


@pytest.mark.parametrize(
    "lang, reason",
    [
        ("en", "Its end month has passed and no progress has been reported."),
        ("es", "Su mes de término ya pasó y no se ha informado avance."),
    ],
)
def test_an_activity_never_reported_after_its_end_month_is_flagged_overdue(
    client, never_reported, lang, reason
):
    activities, silent = never_reported
    html = html_of(client.get(f"/{lang}/groups/2020-2021/IV/"))
    for activity in silent:
        row = row_of(html, f'id="activity-{activities.index(activity) + 1}"')
        assert 'class="flagged"' in row and "schedule-overdue" in row
        assert reason in text_of(row)


def test_overdue_activities_without_progress_are_counted_everywhere(client, never_reported):
    activities, silent = never_reported
    rows = standing.standings(activities, today=timezone.localdate())
    overdue = [r for r in rows if r.schedule is Schedule.OVERDUE]
    assert {r.activity for r in overdue} >= set(silent)
    page = text_of(client.get("/en/groups/2020-2021/IV/"))
    assert f"{len(overdue)} activities flagged {len(overdue)} overdue" in page
    group = client.get("/api/v1/groups/2020-2021/IV/").json()["progress"]
    assert (group["flagged"], group["behind"], group["overdue"]) == (len(overdue), 0, len(overdue))
    listed = client.get("/api/v1/progress/", {"group": "2020-2021/IV", "flagged": "true"}).json()["results"]
    by_key = {r["activity"]: r["standing"] for r in listed}
    for activity in silent:
        row = by_key[f"2020-2021/IV/{activity.order}"]
        assert (row["schedule"], row["percent"], row["flagged"]) == ("overdue", None, True)
        assert row["reason"]["es"] == "Su mes de término ya pasó y no se ha informado avance."


# No count of 0 anywhere a count is shown.

PAGES = [
    "/{lang}/",
    "/{lang}/groups/2020-2021/IV/",
    "/{lang}/groups/2020-2021/II/",
    "/{lang}/progress/CE.20/",
]
ZERO = {
    "en": r"\b0 (behind schedule|overdue|activit|more|fewer|of|/)",
    "es": r"\b0 (atrasad|vencid|actividad|más|menos|de|/)",
}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("page", PAGES)
def test_no_count_of_0_is_printed(client, frozen_today, page, lang):
    text = text_of(html_of(client.get(page.format(lang=lang))))
    assert not re.search(ZERO[lang], text), re.search(ZERO[lang], text)


def test_a_count_of_0_beside_another_is_left_out(client):
    """A programme running today with one activity behind and none overdue: "1 behind schedule"
    alone, in both languages."""
    today = timezone.localdate()
    prog = factories.programme(start_year=today.year)
    wg = factories.group(prog)
    round_ = factories.reporting_round(prog, number=1)
    start, end = D(today.year - 1, 1, 1), D(today.year + 1, 12, 1)
    factories.entry(round_, factories.activity(wg, order=1, start_month=start, end_month=end), 0)
    for lang, behind, zero in (("en", "1 behind schedule", "0 overdue"), ("es", "1 atrasada", "0 vencidas")):
        row = text_of(row_of(html_of(client.get(f"/{lang}/")), f'href="/{lang}/groups/{prog.period}/I/"'))
        assert behind in row and zero not in row and "," not in row.split(behind)[1][:3]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_group_with_nothing_reported_is_not_0_of_anything(client, lang):
    """A programme running today whose only group has not reported: "not reported", without
    "0 of 1 activities reported", on the home page and the group's page."""
    today = timezone.localdate()
    prog = factories.programme(start_year=today.year)
    factories.activity(
        factories.group(prog), start_month=D(today.year, 1, 1), end_month=D(today.year + 1, 12, 1)
    )
    home = text_of(row_of(html_of(client.get(f"/{lang}/")), f'href="/{lang}/groups/{prog.period}/I/"'))
    page = text_of(html_of(client.get(f"/{lang}/groups/{prog.period}/I/")))
    for text in (home, page):
        assert {"en": "not reported", "es": "no informado"}[lang] in text
        assert not re.search(ZERO[lang], text), re.search(ZERO[lang], text)
