"""The schedule figures of the reading pages appear the same in the admin's activity list and
in the working group's report (PDF): each is checked against what the public pages show."""

import datetime
import re
import zoneinfo

import pytest
import time_machine

from activities.models import Activity
from groups.models import WorkingGroup
from reports.models import Document
from reports.rendering import render_document

from .support.pdf_reading import pdf_text
from .test_pages import text_of

# Opening rounds and the schedule figures read today's date: it is frozen (conftest.FROZEN_NOW).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]
SANTIAGO = zoneinfo.ZoneInfo("America/Santiago")


def flagged_on_home(client):
    """Every group's count of flagged activities, as the home page shows them."""
    page = text_of(client.get("/en/"))
    return sum(int(n) for n in re.findall(r"(\d+) activit(?:y|ies) flagged", page))


def admin_list(client, query=""):
    html = client.get(f"/en/admin/activities/activity/{query}").content.decode()
    return html, re.findall(r'<td class="field-schedule">(.*?)</td>', html)


def test_the_admin_lists_as_many_flagged_activities_as_the_home_page(client, secretariat_client):
    flagged = flagged_on_home(client)
    assert flagged > 0  # the 2020-2021 programme has ended: every unfinished activity is overdue
    html, rows = admin_list(secretariat_client, "?schedule=flagged")
    assert len(rows) == flagged and all("⚠" in row for row in rows)
    assert f"{flagged} activities" in html
    _html, overdue = admin_list(secretariat_client, "?schedule=overdue")
    assert len(overdue) == flagged  # every end month has passed: nothing is merely behind


def test_the_admin_shows_an_activitys_figures_and_why(secretariat_client):
    group = WorkingGroup.objects.get(programme__start_year=2020, number=4)
    activity = Activity.objects.get(group=group, order=7)  # 50% reported, ended in August 2020
    html = secretariat_client.get(
        f"/en/admin/activities/activity/?group__id__exact={group.pk}&q=Minimum+list"
    ).content.decode()
    [row] = re.findall(r'<tr>\s*<td class="action-checkbox">.*?</tr>', html, re.S)
    assert '<td class="field-latest_percent">50</td>' in row
    assert '<td class="field-expected_percent">100</td>' in row
    assert 'title="Its end month has passed and it is at 50%."' in row and "⚠ overdue" in row
    assert activity.text_en[:20] in html


def test_the_admin_schedule_is_in_spanish_too(secretariat_client):
    html = secretariat_client.get("/es/admin/activities/activity/?schedule=overdue").content.decode()
    assert "⚠ vencida" in html and "Su mes de término ya pasó" in html


@pytest.fixture
def report_iv(second_round):
    group = WorkingGroup.objects.get(programme__start_year=2020, number=4)
    return Document.objects.create(
        symbol="LC/CE.20/DDR/4",
        kind="group_report",
        round=second_round,
        group=group,
        meeting=second_round.meeting,
        title_en="Report of the Working Group on Gender Statistics",
        title_es="Informe del Grupo de Trabajo sobre Estadísticas de Género",
        date_en=datetime.date(2021, 3, 30),
        date_es=datetime.date(2021, 3, 30),
    )


def _on_the_meeting_day(report):
    """The clock at noon on the first day of the meeting the report goes to."""
    day = report.round.meeting.start_date
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, 12, tzinfo=SANTIAGO), tick=False
    )


def test_the_group_document_has_the_group_pages_figures_of_its_meeting_day(client, report_iv):
    """The report's schedule is as of its meeting: what the group's page showed that day."""
    with _on_the_meeting_day(report_iv):
        page = text_of(client.get("/en/groups/2020-2021/IV/"))
    progress = re.search(r"Overall progress (\d+)% (\d+) of (\d+) activities reported", page)
    # The counts that are not 0: "2 behind schedule, 1 overdue", "3 overdue".
    flagged = re.search(
        r"(\d+) activit(?:y|ies) flagged ((?:[1-9]\d* behind schedule)?(?:, )?(?:[1-9]\d* overdue)?)", page
    )
    assert progress and flagged and flagged[2], page[:2000]
    assert not re.search(r"\b0 (behind schedule|overdue)", page)
    pdf = pdf_text(render_document(report_iv, "en"))  # today, years after the meeting
    day = report_iv.round.meeting.start_date
    assert f"Schedule as of {day.day} {day:%B} {day.year}" in " ".join(pdf.split())
    assert (f"Overall progress: {progress[1]}% ({progress[2]} of {progress[3]} activities reported).") in pdf
    assert f"{flagged[1]} activit{'y' if flagged[1] == '1' else 'ies'} flagged: {flagged[2]}." in pdf
    assert not re.search(r"\b0 (behind schedule|overdue)", pdf)
    today_page = text_of(client.get("/en/groups/2020-2021/IV/"))
    assert re.search(r"(\d+) activit(?:y|ies) flagged", today_page)[0] != flagged[0], (
        "the page today and on the meeting day should differ, or this test shows nothing"
    )


def test_a_report_on_a_past_round_renders_the_same_on_another_day(report_iv):
    first = render_document(report_iv, "es")
    with time_machine.travel(datetime.datetime(2031, 7, 14, 9, tzinfo=SANTIAGO), tick=False):
        later = render_document(report_iv, "es")
    assert pdf_text(first) == pdf_text(later) and "Cronograma al" in pdf_text(first)
    assert first == later


def test_the_group_document_schedule_in_spanish(report_iv):
    pdf = pdf_text(render_document(report_iv, "es"))
    assert "Cronograma al" in pdf and "Avance general:" in pdf
    assert "Overall progress" not in pdf
