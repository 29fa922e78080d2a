"""Programmes and rounds of every kind the Conference has had: a three-year programme without a
title of its own, progress reported to a meeting of the Conference itself, and a round that took
place before the portal, entered as closed without e-mailing anyone."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from groups.models import Meeting, Programme
from reporting.models import ReportingRound, RoundReminder
from reporting.services import round_record_past
from reports.rendering import render_document

from .support import factories
from .support.pdf_reading import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_years(db):
    """A programme of 2009-2011, before the portal, with a round reported to a Conference meeting."""
    programme = Programme.objects.create(start_year=2009, end_year=2011)
    group = factories.group(programme)
    factories.activity(group, start_month=datetime.date(2009, 3, 1), end_month=datetime.date(2011, 10, 1))
    conference = Meeting.objects.create(
        body=Meeting.Body.CONFERENCE,
        number=48,
        place_en="Santiago",
        place_es="Santiago",
        start_date=datetime.date(2010, 11, 20),
        end_date=datetime.date(2010, 11, 22),
    )
    reporting_round = ReportingRound(
        programme=programme,
        meeting=conference,
        number=1,
        opens_on=datetime.date(2010, 9, 1),
        deadline=datetime.date(2010, 10, 1),
    )
    reporting_round.full_clean()  # a Conference meeting is a meeting progress is reported to
    reporting_round.save()
    return programme, group, reporting_round


def test_a_three_year_programme_without_a_title_is_shown_by_its_period(client, three_years):
    current = Programme.objects.create(start_year=2033, end_year=2035)  # the latest: the current one
    factories.activity(
        factories.group(current), start_month=datetime.date(2033, 3, 1), end_month=datetime.date(2035, 10, 1)
    )
    assert "<h1>Programme 2033-2035</h1>" in client.get("/en/").content.decode()
    assert "<h1>Programa 2033-2035</h1>" in client.get("/es/").content.decode()
    for period in ("2033-2035", "2009-2011"):
        page = client.get(f"/en/groups/{period}/I/")
        assert page.status_code == 200 and period[-4:] in page.content.decode()


def test_a_past_round_is_recorded_closed_and_nobody_is_emailed(secretariat_user, coordinator, three_years):
    _programme, _group, reporting_round = three_years
    recorded = round_record_past(reporting_round=reporting_round, user=secretariat_user)
    assert recorded.status == ReportingRound.Status.CLOSED and recorded.opened_at is None
    assert mail.outbox == [] and not RoundReminder.objects.filter(round=reporting_round).exists()
    with pytest.raises(ValidationError):
        round_record_past(reporting_round=reporting_round, user=secretariat_user)


def test_a_round_still_to_come_is_opened_not_recorded_as_past(secretariat_user, three_years):
    _programme, _group, reporting_round = three_years
    reporting_round.opens_on = datetime.date.today()
    reporting_round.deadline = datetime.date.today() + datetime.timedelta(days=3)
    reporting_round.save()
    with pytest.raises(ValidationError, match="Its deadline has not passed"):
        round_record_past(reporting_round=reporting_round, user=secretariat_user)
    assert ReportingRound.objects.get(pk=reporting_round.pk).status == ReportingRound.Status.PLANNED


def test_the_admin_records_a_past_round(secretariat_client, three_years):
    _programme, _group, reporting_round = three_years
    response = secretariat_client.post(
        "/es/admin/reporting/reportinground/",
        {"action": "record_past_round", "_selected_action": [reporting_round.pk]},
        follow=True,
    )
    assert "registró como una ronda pasada" in response.content.decode()
    assert ReportingRound.objects.get(pk=reporting_round.pk).status == ReportingRound.Status.CLOSED


@pytest.mark.parametrize(
    "lang, meeting",
    [
        ("en", "Forty-eighth meeting of the Statistical Conference of the Americas"),
        ("es", "Cuadragésima octava reunión de la Conferencia Estadística de las Américas"),
    ],
)
def test_a_report_to_a_conference_meeting_renders(secretariat_user, three_years, lang, meeting):
    _programme, group, reporting_round = three_years
    round_record_past(reporting_round=reporting_round, user=secretariat_user)
    factories.entry(reporting_round, group.activities.get(), 60, remarks_en="Halfway", remarks_es="A medias")
    document = factories.document(
        symbol="LC/CEA.48/9",
        round=reporting_round,
        date_en=datetime.date(2010, 11, 1),
        date_es=datetime.date(2010, 11, 1),
    )
    text = " ".join(pdf_text(render_document(document, lang)).split())
    assert meeting in text
    assert ("Halfway" if lang == "en" else "A medias") in text
