"""The reading pages as a reader sees them, in English and Spanish: the programme at a glance
with each group's overall progress and flagged activities, a group's page with the change
since the previous round and its timeline, the countries, a round's progress side by side,
search, the documents of a group and the language switcher.

Expected figures are computed here from the fixture's ProgressEntry rows, not with
reporting.standing."""

import datetime
import re
import unicodedata
from fractions import Fraction

import pytest
from django.utils import timezone

from activities.models import Activity
from groups.models import Programme, WorkingGroup
from reporting.models import ProgressEntry

from .support import factories

# Figures and the timeline depend on today's date: it is frozen (conftest.FROZEN_NOW).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

LANGS = ("en", "es")
NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]
MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}


# Reading a page.


def text_of(html):
    html = html if isinstance(html, str) else html.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def html_of(response, status=200):
    assert response.status_code == status, response.status_code
    return response.content.decode()


def body_rows(html, table_class):
    """The rows (<tr>...</tr>) of the body of the first table whose class starts with `table_class`."""
    start = html.index(f'<table class="{table_class}')
    body = html[html.index("<tbody>", start) : html.index("</tbody>", start)]
    return [row for row in re.findall(r"<tr[^>]*>.*?</tr>", body, re.S) if 'class="topic"' not in row]


def row_of(html, marker):
    """The table row holding `marker`."""
    at = html.index(marker)
    return html[html.rindex("<tr", 0, at) : html.index("</tr>", at)]


def percents_in(html):
    return [int(p) for p in re.findall(r'<span class="pct">(\d+)%</span>', html)]


def numeral_of(row):
    return re.search(r'<td class="numeral">([IVXLC]+)</td>', row).group(1)


def status_count(html):
    """The number of search results the page announces (0 when it found nothing)."""
    match = re.search(r'<p role="status">(\d+) ', html)
    return int(match.group(1)) if match else 0


def day_text(day, lang):
    if lang == "es":
        return f"{day.day} de {MONTHS['es'][day.month - 1]} de {day.year}"
    return f"{day.day} {MONTHS['en'][day.month - 1]} {day.year}"


def month_text(day, lang):
    month = MONTHS[lang][day.month - 1]
    return f"{month} de {day.year}" if lang == "es" else f"{month} {day.year}"


# Figures computed from the fixture's rows.


def rounded(mean: Fraction) -> set[int]:
    """The whole number a mean is shown as: the nearest, half a point rounded up."""
    low = mean.numerator // mean.denominator
    return {low + 1 if mean - low >= Fraction(1, 2) else low}


def latest_percents(group):
    """activity pk -> its percentage in the latest closed round (the fixture's rounds are closed)."""
    latest = {}
    for entry in ProgressEntry.objects.filter(activity__group=group, round__status="closed").order_by(
        "round__number"
    ):
        latest[entry.activity_id] = entry.percent
    return latest


def month_passed(month, today):
    return (month.year, month.month) < (today.year, today.month)


def group_figures(group, today):
    latest = latest_percents(group)
    activities = list(group.activities.all())
    with_months = [a for a in activities if a.start_month and a.end_month]
    # Today is long after 2021: every activity with months has ended, so none can be behind
    # (only overdue, reported below 100% or not reported at all); the counts below rely on it.
    assert all(month_passed(a.end_month, today) for a in with_months)
    overdue = sum(1 for a in with_months if latest.get(a.pk, 0) < 100)
    return {
        "mean": Fraction(sum(latest.values()), len(latest)),
        "reported": len(latest),
        "total": len(activities),
        "overdue": overdue,
    }


def programme_2020():
    return Programme.objects.get(start_year=2020)


def groups_2020():
    return list(WorkingGroup.objects.filter(programme__start_year=2020).order_by("number"))


@pytest.fixture
def previous_round(db):
    """The first report on the 2020-2021 programme: the fixture's CE.20 is the second."""
    return factories.reporting_round(programme_2020(), number=1)


# The programme at a glance.

FLAGS = {
    "en": {
        "one": "{n} activity flagged",
        "many": "{n} activities flagged",
        "split": "{n} overdue",
        "split_one": "1 overdue",
        "zero": "0 behind schedule",
        "none": "None flagged",
        "reported": "{reported} of {total} activities reported",
    },
    "es": {
        "one": "{n} actividad señalada",
        "many": "{n} actividades señaladas",
        "split": "{n} vencidas",
        "split_one": "1 vencida",
        "zero": "0 atrasadas",
        "none": "Ninguna señalada",
        "reported": "{reported} de {total} actividades informadas",
    },
}


@pytest.mark.parametrize("lang", LANGS)
def test_home_shows_every_groups_overall_progress_and_flags(client, lang):
    html = html_of(client.get(f"/{lang}/"))
    today = timezone.localdate()
    words = FLAGS[lang]
    groups = groups_2020()
    assert len(groups) == 11 and len(body_rows(html, "groups")) == 11
    for group in groups:
        figures = group_figures(group, today)
        row = row_of(html, f'href="/{lang}/groups/2020-2021/{group.numeral}/"')
        text = text_of(row)
        (shown,) = percents_in(row)
        assert shown in rounded(figures["mean"]), (group.numeral, shown, float(figures["mean"]))
        assert words["reported"].format(**figures) in text
        assert words["zero"] not in text and not re.search(r"\b0 ", text), group.numeral
        n = figures["overdue"]
        if n:
            assert words["one" if n == 1 else "many"].format(n=n) in text, group.numeral
            assert words["split_one" if n == 1 else "split"].format(n=n) in text, group.numeral
        else:
            assert words["none"] in text, group.numeral


def test_home_figures_of_the_fixture(client):
    """Spot checks against the published report (LC/CE.20/3): group I reported six
    activities (five at 100%, one at 0%), group IV ten."""
    html = html_of(client.get("/en/"))
    assert percents_in(row_of(html, 'href="/en/groups/2020-2021/I/"')) == [83]
    assert "6 of 14 activities reported" in text_of(row_of(html, 'href="/en/groups/2020-2021/I/"'))
    assert percents_in(row_of(html, 'href="/en/groups/2020-2021/IV/"')) == [76]  # 75.5


def test_home_rounds_half_a_point_up(client):
    group = WorkingGroup.objects.get(programme__start_year=2020, number=7)
    assert group_figures(group, timezone.localdate())["mean"] == Fraction(65, 2)
    html = html_of(client.get("/en/"))
    assert percents_in(row_of(html, 'href="/en/groups/2020-2021/VII/"')) == [33]


def test_home_counts_an_activity_behind_schedule(client):
    """A programme running today, with one activity far behind and one on schedule."""
    today = timezone.localdate()
    prog = factories.programme(start_year=today.year)
    wg = factories.group(prog)
    round_ = factories.reporting_round(prog, number=1)
    start, end = datetime.date(today.year - 1, 1, 1), datetime.date(today.year + 1, 12, 1)
    behind = factories.activity(wg, order=1, start_month=start, end_month=end)
    on_time = factories.activity(wg, order=2, start_month=start, end_month=end)
    # Between a third and two thirds of the three years have gone by, whatever today is.
    factories.entry(round_, behind, 0)
    factories.entry(round_, on_time, 60)
    row = row_of(html_of(client.get("/en/")), f'href="/en/groups/{prog.period}/I/"')
    assert "1 activity flagged" in text_of(row) and "1 behind schedule" in text_of(row)
    assert "overdue" not in text_of(row)  # "0 overdue" is not printed
    assert percents_in(row) == [30]  # (0 + 60) / 2


# A group's page: change since the previous round.

CHANGE = {
    "en": {
        "up": "points up",
        "down": "points down",
        "same": "unchanged",
        "none": "no figure in the previous round",
    },
    "es": {
        "up": "puntos más",
        "down": "puntos menos",
        "same": "sin cambios",
        "none": "sin cifra en la ronda anterior",
    },
}


@pytest.mark.parametrize("lang", LANGS)
def test_group_page_shows_the_change_since_the_previous_round(client, previous_round, second_round, lang):
    activities = list(
        Activity.objects.filter(group__programme__start_year=2020, group__number=4).order_by("order")
    )
    entries = {
        e.activity_id: e for e in ProgressEntry.objects.filter(round=second_round, activity__in=activities)
    }
    up, down, same, new = [a for a in activities if a.pk in entries][:4]
    unreported = next(a for a in activities if a.pk not in entries)
    for activity, now, before in ((up, 70, 50), (down, 60, 70), (same, 100, 100)):
        ProgressEntry.objects.filter(pk=entries[activity.pk].pk).update(percent=now)
        factories.entry(previous_round, activity, before)

    html = html_of(client.get(f"/{lang}/groups/2020-2021/IV/"))
    words = CHANGE[lang]

    def row(activity):
        text = text_of(row_of(html, f'id="activity-{activities.index(activity) + 1}"'))
        return text.replace(" )", ")")  # the delta's closing bracket follows a hidden word's tag

    assert f"50 → 70 (+20 {words['up']})" in row(up)
    assert f"70 → 60 (-10 {words['down']})" in row(down)
    assert f"100 → 100 (0 {words['same']})" in row(same)
    assert words["none"] in row(new)
    assert "→" not in row(unreported) and "—" in row(unreported)


def test_group_page_change_ignores_a_draft_in_an_open_round(client, second_round):
    """An open round with a draft: readers still see CE.20's figures, with no change."""
    group = WorkingGroup.objects.get(programme__start_year=2020, number=4)
    round_3 = factories.reporting_round(programme_2020(), number=3, status="open")
    factories.group_report(round_3, group, status="draft")
    activities = list(group.activities.order_by("order"))
    entry = ProgressEntry.objects.filter(round=second_round, activity__group=group, percent=70).first()
    factories.entry(round_3, entry.activity, 90)
    row = row_of(
        html_of(client.get("/en/groups/2020-2021/IV/")),
        f'id="activity-{activities.index(entry.activity) + 1}"',
    )
    assert percents_in(row) == [70]
    assert "→" not in row and "no figure in the previous round" in text_of(row)


# A group's page: the timeline.

TIMELINE = {
    "en": {
        "title": "Timeline of the activities, {first} to {last}",
        "after": "Today, {today}, is after the period shown, which ends in {last}: every "
        "activity should have ended.",
        "during": "The vertical line marks today, {today}.",
        "desc_today": "A vertical line marks today, {today}.",
        "before": "Today, {today}, is before the period shown, which starts in {first}.",
        "today": "Today",
    },
    "es": {
        "title": "Línea de tiempo de las actividades, de {first} a {last}",
        "after": "Hoy, {today}, es posterior al período que se muestra, que termina en {last}: "
        "todas las actividades deberían haber concluido.",
        "during": "La línea vertical marca la fecha de hoy, {today}.",
        "desc_today": "Una línea vertical marca la fecha de hoy, {today}.",
        "before": "Hoy, {today}, es anterior al período que se muestra, que comienza en {first}.",
        "today": "Hoy",
    },
}


def svg_of(html):
    return html[html.index("<svg") : html.index("</svg>") + len("</svg>")]


def caption_of(html):
    return text_of(html[html.index("<figcaption>") : html.index("</figcaption>")])


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_has_a_row_per_activity_a_title_and_a_description(client, lang):
    group = WorkingGroup.objects.get(programme__start_year=2020, number=4)
    activities = list(group.activities.all())
    html = html_of(client.get(f"/{lang}/groups/2020-2021/IV/"))
    svg = svg_of(html)
    opening = svg[: svg.index(">")]
    assert 'role="img"' in opening
    # The title names the chart and the description describes it, for screen readers.
    assert re.search(r'aria-labelledby="[^"]*timeline-title', opening)
    assert re.search(r'aria-(labelledby|describedby)="[^"]*timeline-desc', opening)
    assert len(re.findall(r'<g class="row[ "]', svg)) == len(activities) == 18
    first = min(a.start_month for a in activities if a.start_month)
    first = min(first, datetime.date(2020, 1, 1))
    last = max(max(a.end_month for a in activities if a.end_month), datetime.date(2021, 12, 1))
    title = re.search(r'<title id="timeline-title">(.*?)</title>', svg, re.S).group(1)
    assert text_of(title) == TIMELINE[lang]["title"].format(
        first=month_text(first, lang), last=month_text(last, lang)
    )
    desc = text_of(re.search(r'<desc id="timeline-desc">(.*?)</desc>', svg, re.S).group(1))
    assert desc.startswith("18 activities;" if lang == "en" else "18 actividades;")
    # Each row has a title of its own.
    assert svg.count("<title>") == 18


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_of_2020_2021_says_today_is_after_the_period(client, lang):
    html = html_of(client.get(f"/{lang}/groups/2020-2021/IV/"))
    today = timezone.localdate()
    assert TIMELINE[lang]["after"].format(
        today=day_text(today, lang), last=month_text(datetime.date(2021, 12, 1), lang)
    ) in caption_of(html)
    assert 'class="today"' not in svg_of(html)
    # The chart itself points past its right edge to today.
    marker = {"en": "Today, {today} →", "es": "Hoy, {today} →"}[lang].format(today=day_text(today, lang))
    assert re.search(r'text-anchor="end" class="today-label">' + re.escape(marker) + "</text>", svg_of(html))


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_marks_today_inside_a_running_programme(client, lang):
    today = timezone.localdate()
    prog = factories.programme(start_year=today.year)
    wg = factories.group(prog)
    factories.activity(
        wg,
        order=1,
        start_month=datetime.date(today.year, 1, 1),
        end_month=datetime.date(today.year + 1, 12, 1),
    )
    factories.activity(wg, order=2, start_text_en="When funds allow", start_text_es="Cuando haya fondos")
    html = html_of(client.get(f"/{lang}/groups/{prog.period}/I/"))
    svg = svg_of(html)
    assert len(re.findall(r'<g class="row[ "]', svg)) == 2
    line = re.search(r'<line x1="([\d.]+)" x2="([\d.]+)" [^>]*class="today"/>', svg)
    assert line, "no line for today"
    # 24 months over 900 units, after the 48 units of the numbers' column.
    days = (
        datetime.date(today.year + (today.month == 12), today.month % 12 + 1, 1)
        - datetime.date(today.year, today.month, 1)
    ).days
    x = 48 + (today.month - 1 + (today.day - 1) / days) * 900 / 24
    assert float(line.group(1)) == pytest.approx(x, abs=0.06)
    assert f'class="today-label">{TIMELINE[lang]["today"]}</text>' in svg
    words = TIMELINE[lang]
    assert words["desc_today"].format(today=day_text(today, lang)) in text_of(svg)
    assert words["during"].format(today=day_text(today, lang)) in caption_of(html)


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_of_a_future_programme_says_today_is_before_it(client, lang):
    today = timezone.localdate()
    prog = factories.programme(start_year=today.year + 2)
    factories.activity(
        factories.group(prog),
        start_month=datetime.date(today.year + 2, 3, 1),
        end_month=datetime.date(today.year + 2, 9, 1),
    )
    html = html_of(client.get(f"/{lang}/groups/{prog.period}/I/"))
    assert TIMELINE[lang]["before"].format(
        today=day_text(today, lang), first=month_text(datetime.date(today.year + 2, 1, 1), lang)
    ) in caption_of(html)
    assert 'class="today"' not in svg_of(html)
    # The chart itself points back from its left edge to today.
    marker = {"en": "← Today, {today}", "es": "← Hoy, {today}"}[lang].format(today=day_text(today, lang))
    assert f'class="today-label">{marker}</text>' in svg_of(html)


# A group's page: activities that are not compared with a schedule say why.

REASONS = {
    "en": {
        "phrase": "Not compared with a schedule: its dates are given as a phrase, not as months.",
        "none": "Not compared with a schedule: the plan gives it no start and end months.",
        "label": "No months to compare",
    },
    "es": {
        "phrase": "No se compara con un cronograma: sus fechas se indican con una frase, no en meses.",
        "none": "No se compara con un cronograma: el plan no le asigna meses de inicio y de término.",
        "label": "Sin meses para comparar",
    },
}


@pytest.mark.parametrize("lang", LANGS)
def test_activities_without_months_say_why_they_are_not_flagged(client, lang):
    def position(numeral, **filters):
        group = WorkingGroup.objects.get(programme__start_year=2020, number=NUMERALS.index(numeral) + 1)
        activities = list(group.activities.order_by("order"))
        return activities.index(group.activities.filter(**filters).order_by("order").first()) + 1

    phrase = position("II", start_month__isnull=True, start_text_en__gt="")
    html = html_of(client.get(f"/{lang}/groups/2020-2021/II/"))
    row = text_of(row_of(html, f'id="activity-{phrase}"'))
    assert REASONS[lang]["label"] in row and REASONS[lang]["phrase"] in row

    bare = position("IV", start_month__isnull=True, start_text_en="", end_text_en="")
    html = html_of(client.get(f"/{lang}/groups/2020-2021/IV/"))
    row_html = row_of(html, f'id="activity-{bare}"')
    assert REASONS[lang]["none"] in text_of(row_html)
    assert 'class="flagged"' not in row_html


def test_a_flagged_activity_says_why(client):
    group = WorkingGroup.objects.get(programme__start_year=2020, number=4)
    activities = list(group.activities.order_by("order"))
    latest = latest_percents(group)
    overdue = next(a for a in activities if a.end_month and latest.get(a.pk, 100) < 100)
    row_html = row_of(
        html_of(client.get("/en/groups/2020-2021/IV/")), f'id="activity-{activities.index(overdue) + 1}"'
    )
    assert 'class="flagged"' in row_html
    assert f"Its end month has passed and it is at {latest[overdue.pk]}%." in text_of(row_html)


# A group's documents.


@pytest.mark.parametrize("lang", LANGS)
def test_group_page_links_its_documents_in_both_languages(client, second_round, lang):
    group = WorkingGroup.objects.get(programme__start_year=2020, number=4)
    factories.document(
        "LC/CE.20/DDR/4",
        kind="group_report",
        round=second_round,
        group=group,
        title_en="Report of the time-use group",
        title_es="Informe del grupo de uso del tiempo",
    )
    html = html_of(client.get(f"/{lang}/groups/2020-2021/IV/"))
    section = html[html.index('<h2 id="documents">') :]
    for symbol in ("LC/CEA.10/5", "LC/CE.20/3", "LC/CE.20/DDR/4"):
        assert f"<strong>{symbol}</strong>" in section
        for pdf_lang in LANGS:
            assert f'href="/{lang}/documents/{symbol}/{pdf_lang}.pdf"' in section
    assert (
        "Informe del grupo de uso del tiempo" if lang == "es" else "Report of the time-use group"
    ) in section
    # Another group's page does not list it.
    assert "LC/CE.20/DDR/4" not in html_of(client.get(f"/{lang}/groups/2020-2021/V/"))


def test_documents_of_another_programme_are_not_on_the_group_page(client):
    document, _activity = factories.small_report()
    html = html_of(client.get("/en/groups/2020-2021/IV/"))
    assert document.symbol not in html


# Countries.


@pytest.mark.parametrize("lang", LANGS)
def test_country_page_lists_the_groups_mexico_takes_part_in(client, lang):
    html = html_of(client.get(f"/{lang}/countries/MEX/"))
    rows = body_rows(html, "groups")
    assert [numeral_of(r) for r in rows] == ["I", "IV", "VI", "VII", "IX", "X"]
    assert ("<h1>México</h1>" if lang == "es" else "<h1>Mexico</h1>") in html
    words = {
        "en": (
            "Coordinating country (National Institute of Statistics and Geography)",
            "Member country",
            "Working groups the country coordinates or belongs to",
        ),
        "es": (
            "País coordinador (Instituto Nacional de Estadística y Geografía)",
            "País miembro",
            "Grupos de trabajo que el país coordina o integra",
        ),
    }[lang]
    for row in rows:
        assert words[0] in text_of(row)
    assert words[1] in text_of(rows[4])  # IX: Mexico is also one of its member countries
    assert words[2] in text_of(html)
    today = timezone.localdate()
    for row in rows:
        group = WorkingGroup.objects.get(
            programme__start_year=2020, number=NUMERALS.index(numeral_of(row)) + 1
        )
        (shown,) = percents_in(row)
        assert shown in rounded(group_figures(group, today)["mean"])


def test_country_page_takes_the_code_in_any_case_and_unknown_is_404(client):
    assert client.get("/en/countries/mex/").status_code == 200
    assert client.get("/en/countries/ZZZ/").status_code == 404
    assert client.get("/es/countries/ZZZ/").status_code == 404


def test_country_of_no_group_says_so(client):
    from groups.models import Country, GroupRole

    taking_part = GroupRole.objects.filter(country__isnull=False).values("country")
    country = Country.objects.exclude(pk__in=taking_part).order_by("iso3").first()
    html = html_of(client.get(f"/es/countries/{country.iso3}/"))
    assert "Este país no coordina ni integra ningún grupo de trabajo." in html


@pytest.mark.parametrize("lang", LANGS)
def test_country_list_links_each_country_to_its_groups(client, lang):
    html = html_of(client.get(f"/{lang}/countries/"))
    row = row_of(html, f'href="/{lang}/countries/MEX/"')
    coordinates, member = re.findall(r'<td data-label="[^"]+">(.*?)</td>', row, re.S)
    assert re.findall(r">([IVX]+)</a>", coordinates) == ["I", "IV", "VI", "VII", "IX", "X"]
    assert re.findall(r">([IVX]+)</a>", member) == ["IX"]
    assert f'href="/{lang}/groups/2020-2021/IX/"' in member
    assert ("Países" if lang == "es" else "Countries") in text_of(html[html.index("<h1>") :])


# A round's progress, side by side.


def round_means(reporting_round):
    """numeral -> the exact mean of the percentages each group reported in the round."""
    means = {}
    for group in groups_2020():
        values = list(
            ProgressEntry.objects.filter(round=reporting_round, activity__group=group).values_list(
                "percent", flat=True
            )
        )
        means[group.numeral] = Fraction(sum(values), len(values)) if values else None
    return means


def header_of(html, href):
    """The column heading linking to `href`."""
    at = html.index(f'href="{href}')
    return html[html.rindex("<th", 0, at) : html.index("</th>", at)]


def round_table(html):
    """(numeral, the round's percentage) per row, in the page's order."""
    return [(numeral_of(row), (percents_in(row) or [None])[0]) for row in body_rows(html, "round-progress")]


@pytest.mark.parametrize("lang", LANGS)
def test_round_page_lists_every_group_with_its_mean(client, second_round, lang):
    html = html_of(client.get(f"/{lang}/progress/CE.20/"))
    means = round_means(second_round)
    table = round_table(html)
    assert [numeral for numeral, _p in table] == NUMERALS
    for numeral, shown in table:
        assert shown in rounded(means[numeral]), numeral
    heading = {
        "en": "Progress of the working groups: Second report (CE.20)",
        "es": "Avance de los grupos de trabajo: Segundo informe (CE.20)",
    }[lang]
    assert f"<h1>{heading}</h1>" in html


@pytest.mark.parametrize("order", ["", "desc"])
def test_round_page_sorted_by_progress(client, second_round, order):
    html = html_of(client.get("/en/progress/CE.20/", {"sort": "progress", "order": order}))
    shown = [p for _n, p in round_table(html)]
    assert shown == sorted(shown, reverse=order == "desc")
    assert len(shown) == 11
    means = round_means(second_round)
    exact = sorted(means.values(), reverse=order == "desc")
    assert all(p in rounded(m) for p, m in zip(shown, exact, strict=True))
    assert f'aria-sort="{"descending" if order else "ascending"}"' in header_of(html, "?sort=progress")


def test_round_page_sorted_by_number_descending(client):
    html = html_of(client.get("/en/progress/CE.20/?sort=number&order=desc"))
    assert [n for n, _p in round_table(html)] == NUMERALS[::-1]


@pytest.mark.parametrize(
    "query", ["?sort=bogus", "?sort=group__number", "?sort=", "?order=desc&sort=x", "?sort=__class__"]
)
def test_round_page_unknown_sort_falls_back_to_the_default(client, query):
    default = round_table(html_of(client.get("/en/progress/CE.20/")))
    html = html_of(client.get(f"/en/progress/CE.20/{query}"))
    table = round_table(html)
    assert [n for n, _p in table] == (NUMERALS[::-1] if "desc" in query else NUMERALS)
    if "desc" not in query:
        assert table == default


def test_round_page_with_a_previous_round_shows_and_sorts_the_change(client, second_round, previous_round):
    # Group I and III are given a first round; the others have no change to show.
    changes = {}
    for number, minus in ((1, 30), (3, 10)):
        entries = ProgressEntry.objects.filter(
            round=second_round,
            activity__group__number=number,
            activity__group__programme=second_round.programme,
        )
        for entry in entries:
            factories.entry(previous_round, entry.activity, max(entry.percent - minus, 0))
    means, before = round_means(second_round), round_means(previous_round)
    for numeral in ("I", "III"):
        changes[numeral] = (before[numeral], means[numeral])
    html = html_of(client.get("/en/progress/CE.20/?sort=change&order=desc"))
    rows = body_rows(html, "round-progress")
    order = [numeral_of(r) for r in rows]
    # Largest change first; groups without a change go last, in the programme's order.
    assert order[:2] == sorted(changes, key=lambda n: changes[n][1] - changes[n][0], reverse=True)
    assert order[2:] == [n for n in NUMERALS if n not in changes]
    first = text_of(rows[0])
    assert "→" in first and "points up" in first
    assert "First report" in text_of(html[html.index("<thead>") : html.index("</thead>")])
    assert "The change is against the First report" in text_of(html)


def test_unknown_round_is_404(client):
    assert client.get("/en/progress/CE.99/").status_code == 404
    assert client.get("/es/progress/nonsense/").status_code == 404


# Search.


def fold(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def count_holding(word, lang):
    """Records whose text in `lang` holds `word`: groups (output, name or theme), activities,
    outputs, published remarks, countries, institutions (name or acronym) and documents
    (symbol, or title)."""
    from activities.models import Output
    from groups.models import Country, Institution
    from reporting.models import ProgressEntry
    from reports.models import Document

    word = fold(word)

    def holding(records, *fields):
        return sum(
            1
            for r in records
            if any(word in fold(getattr(r, f"{f}_{lang}", None) or getattr(r, f, "") or "") for f in fields)
        )

    return (
        holding(WorkingGroup.objects.all(), "output", "name", "theme")
        + holding(Activity.objects.all(), "text")
        + holding(Output.objects.all(), "text")
        + holding(ProgressEntry.objects.published(), "remarks")
        + holding(Country.objects.all(), "name")
        + holding(Institution.objects.all(), "name", "acronym")
        + holding(Document.objects.all(), "symbol", "title")
    )


def search(client, lang, query, status=200):
    return html_of(client.get(f"/{lang}/search/", {"q": query}), status)


def test_search_ignores_accents(client):
    expected = count_holding("estadística", "es")
    assert expected > 0
    html = search(client, "es", "estadistica")
    assert status_count(html) == expected
    assert re.search(r"<mark>[Ee]stadística", html)
    assert f"{expected} resultados para «estadistica»." in text_of(html)


@pytest.mark.parametrize("query", ["ESTADÍSTICA", "EsTaDiStIcA", "Estadística", "estadística"])
def test_search_ignores_case(client, query):
    assert status_count(search(client, "es", query)) == count_holding("estadistica", "es")


def test_search_needs_every_word(client):
    first, second = Activity.objects.filter(group__programme__start_year=2020).order_by("pk")[:2]
    first.text_es, second.text_es = "Censo de quetzales y colibríes", "Censo de quetzales y tucanes"
    first.save()
    second.save()
    assert status_count(search(client, "es", "quetzales")) == 2
    html = search(client, "es", "quetzales tucanes")
    assert status_count(html) == 1 and "tucanes" in text_of(html) and "colibríes" not in text_of(html)
    assert status_count(search(client, "es", "quetzales tucanes pingüinos")) == 0


def test_search_finds_the_readers_language_first_then_the_other_marked(client):
    activity = Activity.objects.filter(group__programme__start_year=2020).order_by("pk").first()
    activity.text_en, activity.text_es = "Hummingbird census", "Censo de colibríes"
    activity.save()
    assert status_count(search(client, "en", "hummingbird")) == 1
    html = search(client, "es", "hummingbird")
    assert status_count(html) == 1
    assert "[Encontrado en el texto en EN] Hummingbird census" in text_of(html)
    assert '<span class="untranslated" lang="en">' in html and "<mark>Hummingbird</mark> census" in html
    assert status_count(search(client, "es", "colibries")) == 1
    assert "Found in the text in ES" in text_of(search(client, "en", "colibries"))
    assert "Nothing found for “quetzales”." in text_of(search(client, "en", "quetzales"))


def test_search_of_an_english_word_of_the_fixtures_is_marked_english_in_spanish(client):
    assert count_holding("quality", "es") == 0
    expected = count_holding("quality", "en")
    assert status_count(search(client, "en", "quality")) == expected > 0
    html = search(client, "es", "quality")
    assert status_count(html) == expected
    assert "Encontrado en el texto en EN" in text_of(html)


def test_search_marks_the_words_found(client):
    activity = Activity.objects.filter(group__programme__start_year=2020).order_by("pk").first()
    activity.text_es = "Censo de Colibríes y de colibríes"
    activity.save()
    html = search(client, "es", "colibries censo")
    assert "<mark>Censo</mark> de <mark>Colibríes</mark> y de <mark>colibríes</mark>" in html
    group = activity.group
    assert f'href="/es/groups/2020-2021/{group.numeral}/#activities"' in html


def test_search_keeps_user_text_escaped(client):
    activity = Activity.objects.filter(group__programme__start_year=2020).order_by("pk").first()
    activity.text_en = 'Train staff <script>alert("x")</script> in the field'
    activity.save()
    html = search(client, "en", "<script>")
    assert status_count(html) == 1
    assert "<script" not in html
    # Words are matched, not punctuation: both "script"s are marked, every piece escaped.
    assert "&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; in the field" in html
    assert 'value="&lt;script&gt;"' in html  # the query typed, in the search box


ERRORS = {
    "en": {
        "empty": "Type a word to search for.",
        "long": "Search for at most 100 characters.",
        "words": "Search for at most 8 words.",
    },
    "es": {
        "empty": "Escriba una palabra para buscar.",
        "long": "Busque como máximo 100 caracteres.",
        "words": "Busque como máximo 8 palabras.",
    },
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "query, error",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("a" * 101, "long"),
        ("uno dos tres cuatro cinco seis siete ocho nueve", "words"),
    ],
)
def test_search_refuses_an_empty_or_too_long_query_in_the_pages_language(client, lang, query, error):
    html = search(client, lang, query, status=400)
    message = ERRORS[lang][error]
    assert f'<p class="errorlist" id="search-error" role="alert">{message}</p>' in html
    assert 'aria-invalid="true"' in html
    assert f'<html lang="{lang}">' in html


def test_search_of_100_characters_is_accepted(client):
    assert client.get("/en/search/", {"q": "a" * 100}).status_code == 200


def test_search_page_without_a_query_is_just_the_form(client):
    html = html_of(client.get("/es/search/"))
    assert 'role="alert"' not in html and 'role="status"' not in html
    assert "Buscar grupos de trabajo, actividades y productos" in html


# The language switcher keeps the page, and its query.


@pytest.mark.parametrize(
    "url, other",
    [
        ("/en/", "/es/"),
        ("/es/", "/en/"),
        ("/en/countries/", "/es/countries/"),
        ("/en/countries/MEX/", "/es/countries/MEX/"),
        ("/es/countries/MEX/", "/en/countries/MEX/"),
        ("/en/progress/CE.20/", "/es/progress/CE.20/"),
        ("/en/progress/CE.20/?sort=progress&order=desc", "/es/progress/CE.20/?sort=progress&amp;order=desc"),
        ("/es/progress/CE.20/?sort=change", "/en/progress/CE.20/?sort=change"),
        ("/en/search/", "/es/search/"),
        ("/en/search/?q=estadistica", "/es/search/?q=estadistica"),
        ("/es/search/?q=calidad+estad%C3%ADstica", "/en/search/?q=calidad+estad%C3%ADstica"),
        ("/en/groups/2020-2021/IV/", "/es/groups/2020-2021/IV/"),
    ],
)
def test_language_switcher_keeps_the_page_and_its_query(client, url, other):
    html = client.get(url).content.decode()
    switcher = html[html.index('<nav class="languages"') :]
    switcher = switcher[: switcher.index("</nav>")]
    assert f'href="{other}"' in switcher


def test_search_finds_remarks_countries_institutions_and_document_symbols(client):
    """Issue 17: search found groups, activities and outputs only."""
    from reporting.models import ProgressEntry

    entry = (
        ProgressEntry.objects.published().select_related("activity__group__programme").order_by("pk").first()
    )
    entry.remarks_en = "The hummingbird survey was fielded"
    entry.save()
    html = search(client, "en", "hummingbird survey")
    assert "found-remarks" in html and f"Activity {entry.activity.order}" in text_of(html)
    assert 'href="/es/countries/MEX/"' in search(client, "es", "Mexico")
    html = search(client, "es", "INEGI")
    assert "found-institutions" in html and 'href="/es/countries/MEX/"' in html
    assert re.search(r'Participa en:.*?href="/es/groups/2020-2021/IV/"', html, re.S)
    html = search(client, "en", "LC/CE.20/3")
    assert "found-documents" in html and 'href="/en/documents/LC/CE.20/3/en.pdf"' in html
