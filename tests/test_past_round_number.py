"""A past round takes only what its document gives: no number and no dates are invented. Such a
round is added and recorded as past in the admin, has a title without an ordinal wherever it is
named (the report page, the documents), cannot be opened until it has its dates, and takes its
place among its programme's rounds the same way on SQLite and PostgreSQL."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from groups.models import Meeting
from reporting import standing
from reporting.models import ReportingRound
from reporting.services import round_open
from reports.rendering import render_document

from .support import factories
from .support.admin_forms import post_data_from
from .support.pdf_reading import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def meeting(year):
    return Meeting.objects.create(
        body=Meeting.Body.EXECUTIVE_COMMITTEE,
        number=next(factories._numbers),
        is_virtual=True,
        start_date=datetime.date(year, 4, 1),
        end_date=datetime.date(year, 4, 2),
    )


def past_round(programme, year, number=None, **values):
    return ReportingRound.objects.create(
        programme=programme, meeting=meeting(year), number=number, status="closed", **values
    )


def test_the_admin_adds_a_round_without_number_or_dates_and_records_it_as_past(secretariat_client):
    programme = factories.programme(start_year=2016)
    held = meeting(2017)
    add_url = reverse("admin:reporting_reportinground_add")
    data = post_data_from(secretariat_client.get(add_url))
    data.update(programme=programme.pk, meeting=held.pk, number="", opens_on="", deadline="")
    response = secretariat_client.post(add_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    reporting_round = ReportingRound.objects.get(meeting=held)
    assert (reporting_round.number, reporting_round.opens_on, reporting_round.deadline) == (None, None, None)
    response = secretariat_client.post(
        reverse("admin:reporting_reportinground_changelist"),
        {"action": "record_past_round", "_selected_action": [reporting_round.pk]},
        follow=True,
    )
    assert "recorded as a past round" in response.content.decode()
    reporting_round.refresh_from_db()
    assert reporting_round.status == ReportingRound.Status.CLOSED


def test_a_round_without_dates_is_not_opened(secretariat_user):
    reporting_round = ReportingRound.objects.create(
        programme=factories.programme(start_year=2016), meeting=meeting(2027), number=None
    )
    with pytest.raises(
        ValidationError, match="Give the round its opening date and deadline before opening it."
    ):
        round_open(reporting_round=reporting_round, user=secretariat_user)
    reporting_round.refresh_from_db()
    assert reporting_round.status == ReportingRound.Status.PLANNED


@pytest.mark.parametrize(
    "lang, title, invented", [("en", "Report", "First report"), ("es", "Informe", "Primer informe")]
)
def test_a_round_without_a_number_prints_no_ordinal(secretariat_client, lang, title, invented):
    document, activity = factories.small_report(remarks_en="Going well")
    reporting_round = document.round
    reporting_round.number = None
    reporting_round.save()
    with translation.override(lang):
        assert reporting_round.title == title
    group = activity.group
    page = secretariat_client.get(
        f"/{lang}/rounds/{reporting_round.meeting.code}/{group.programme.period}/{group.numeral}/"
    ).content.decode()
    assert f"{title}: {reporting_round.meeting.name}" in page
    assert invented not in page
    text = " ".join(pdf_text(render_document(document, lang)).split())
    assert invented not in text and "First" not in text and "Primer" not in text
    assert ("Going well" if lang == "en" else "Va bien") in text


def test_rounds_without_a_number_come_first_by_their_meetings_date_on_every_engine():
    programme = factories.programme(start_year=2016)
    second = past_round(programme, 2020, number=2)
    later_numberless = past_round(programme, 2018)
    first = past_round(programme, 2019, number=1)
    earlier_numberless = past_round(programme, 2017)
    assert list(ReportingRound.objects.filter(programme=programme)) == [
        earlier_numberless,
        later_numberless,
        first,
        second,
    ]
    previous = ReportingRound.objects.previous_to
    assert previous(second) == first
    assert previous(first) == later_numberless
    assert previous(later_numberless) == earlier_numberless
    assert previous(earlier_numberless) is None


def test_figures_of_rounds_without_a_number_compare_with_no_other_round():
    programme = factories.programme(start_year=2016)
    group = factories.group(programme)
    activity = factories.activity(group)
    older, old = past_round(programme, 2017), past_round(programme, 2018)
    factories.entry(older, activity, 20)
    factories.entry(old, activity, 50)
    [row] = standing.standings([activity], today=datetime.date(2026, 12, 2))
    assert (row.latest.round, row.latest.percent, row.previous) == (old, 50, None)
    assert standing.GroupStanding(group, [row]).since_previous is None
    assert ReportingRound.objects.latest_published(programme) == old
    numbered = past_round(programme, 2019, number=1)
    factories.entry(numbered, activity, 80)
    [row] = standing.standings([activity], today=datetime.date(2026, 12, 2))
    assert (row.latest.round, row.latest.percent) == (numbered, 80)
    assert ReportingRound.objects.latest_published(programme) == numbered
    entries = standing.published_entries([activity], up_to_round=old)
    assert [e.round for e in entries] == [older, old]


def test_reading_pages_take_rounds_with_and_without_a_number(client):
    """The group's page sorted its rounds by number in Python (None beside a number failed),
    the home page took the newest by number (PostgreSQL puts NULLs first when descending)."""
    programme = factories.programme(start_year=2090)  # the latest programme: the home page's
    group = factories.group(programme)
    first, second = factories.activity(group, 1), factories.activity(group, 2)
    numberless, numbered = past_round(programme, 2091), past_round(programme, 2092, number=1)
    factories.entry(numberless, first, 20)
    factories.entry(numbered, second, 50)
    assert client.get(f"/en/groups/{programme.period}/I/").status_code == 200
    page = client.get(f"/en/progress/{numbered.meeting.code}/").content.decode()
    others = page[page.index("<h1") :]  # the list of the programme's rounds, after the title
    numberless_link = f'href="/en/progress/{numberless.meeting.code}/">Report ({numberless.meeting.code})'
    here = f'aria-current="page">First report ({numbered.meeting.code})'
    assert others.index(numberless_link) < others.index(here)
    assert client.get("/en/").status_code == 200
    assert ReportingRound.objects.latest_published(programme) == numbered
