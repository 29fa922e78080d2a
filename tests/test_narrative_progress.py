"""Rounds that ask for progress as a narrative (paragraphs, no percentage per activity), or for
both: the progress form, the API and the working group's report (PDF) follow what the round asks."""

import datetime

import pytest
from django.test import Client

from reporting.models import GroupReport, ProgressChange, ProgressEntry, ReportingRound
from reports.models import Document
from reports.rendering import render_document

from .support.api_clients import ApiClient, group_report_url, token_for
from .support.db_state import snapshot
from .support.pdf_reading import pdf_text
from .support.progress_forms import progress_post

pytestmark = pytest.mark.django_db

NARRATIVE_EN = "The guide's first chapter was drafted.\n\nThe second is under review."
NARRATIVE_ES = "Se redactó el primer capítulo de la guía.\n\nEl segundo está en revisión."


def _asks(reporting_round, form):
    """The round asks for `form`, and publishes what a group submits at once (new rounds wait
    for the secretariat's acceptance; here the documents are what is tested)."""
    reporting_round.progress_form = form
    reporting_round.publish_on = ReportingRound.Publication.ON_SUBMISSION
    reporting_round.save()
    return reporting_round


@pytest.fixture
def focal(coordinator):
    client = Client()
    client.force_login(coordinator)
    return client


def _page(open_round, group):
    return f"/en/rounds/{open_round.meeting.code}/{group.programme.period}/{group.numeral}/"


def _words(content):
    return " ".join(pdf_text(content).split())


def _report_document(reporting_round, group):
    return Document.objects.create(
        symbol=f"LC/{reporting_round.meeting.code}/DDR/4",
        kind="group_report",
        round=reporting_round,
        group=group,
        meeting=reporting_round.meeting,
        title_en="Report of the group",
        title_es="Informe del grupo",
        date_en=datetime.date(2031, 3, 30),
        date_es=datetime.date(2031, 3, 30),
    )


def test_a_narrative_round_asks_for_paragraphs_not_percentages(focal, open_round, group_iv):
    _asks(open_round, ReportingRound.Form.NARRATIVE)
    page = focal.get(_page(open_round, group_iv)).content.decode()
    assert 'name="progress_narrative_en"' in page and 'name="progress_narrative_es"' in page
    assert "-percent" not in page, "no percentage is asked for"


def test_submitting_a_narrative_round_needs_the_narrative(focal, open_round, group_iv):
    _asks(open_round, ReportingRound.Form.NARRATIVE)
    url = _page(open_round, group_iv)
    before = snapshot()
    refused = focal.post(url, progress_post(group_iv, open_round, action="submit"))
    assert refused.status_code == 400 and snapshot() == before
    assert "Write the group&#x27;s progress to date before submitting." in refused.content.decode()
    done = focal.post(
        url,
        progress_post(
            group_iv,
            open_round,
            action="submit",
            notes={"progress_narrative_en": NARRATIVE_EN, "progress_narrative_es": NARRATIVE_ES},
        ),
    )
    assert done.status_code == 302
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    assert report.status == GroupReport.Status.SUBMITTED and report.progress_narrative_es == NARRATIVE_ES
    assert set(ProgressChange.objects.filter(report=report).values_list("field", flat=True)) >= {
        "progress_narrative_en",
        "progress_narrative_es",
        "status",
    }
    assert not ProgressEntry.objects.filter(round=open_round).exists()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_report_of_a_narrative_round_prints_the_narrative(focal, open_round, group_iv, lang):
    _asks(open_round, ReportingRound.Form.NARRATIVE)
    focal.post(
        _page(open_round, group_iv),
        progress_post(
            group_iv,
            open_round,
            action="submit",
            notes={"progress_narrative_en": NARRATIVE_EN, "progress_narrative_es": NARRATIVE_ES},
        ),
    )
    text = _words(render_document(_report_document(open_round, group_iv), lang))
    narrative = NARRATIVE_EN if lang == "en" else NARRATIVE_ES
    for paragraph in narrative.split("\n\n"):
        assert paragraph in text
    assert "reported no progress" not in text and "no informó avances" not in text


def test_a_narrative_round_refuses_percentages_through_the_api(coordinator, open_round, group_iv):
    _asks(open_round, ReportingRound.Form.NARRATIVE)
    api, url = ApiClient(token_for(coordinator)), group_report_url(open_round, group_iv)
    before = snapshot()
    refused = api.patch(url, {"version": 0, "entries": {"3": {"percent": 40}}})
    assert refused.status_code == 400
    assert refused.json()["entries"]["3"]["percent"] == [
        "This round asks for the group's progress as a narrative, not percentages."
    ]
    assert snapshot() == before
    saved = api.patch(url, {"version": 0, "notes": {"progress_narrative": {"en": NARRATIVE_EN}}})
    assert saved.status_code == 200
    assert saved.json()["notes"]["progress_narrative"] == {"en": NARRATIVE_EN, "es": None}


def test_a_round_asking_for_both_prints_both(focal, open_round, group_iv):
    _asks(open_round, ReportingRound.Form.BOTH)
    values = {a.order: (50, "", "") for a in group_iv.activities.all()}
    response = focal.post(
        _page(open_round, group_iv),
        progress_post(
            group_iv,
            open_round,
            action="submit",
            values=values,
            notes={"progress_narrative_en": NARRATIVE_EN, "progress_narrative_es": NARRATIVE_ES},
        ),
    )
    assert response.status_code == 302
    text = _words(render_document(_report_document(open_round, group_iv), "en"))
    assert "The guide's first chapter was drafted." in text and "50%" in text


def test_a_percentages_round_leaves_a_narrative_as_it_is(focal, open_round, group_iv, secretariat_user):
    report = GroupReport.objects.create(round=open_round, group=group_iv, progress_narrative_en="Kept")
    page = focal.get(_page(open_round, group_iv)).content.decode()
    assert 'name="progress_narrative_en"' not in page
    assert (
        focal.post(
            _page(open_round, group_iv), progress_post(group_iv, open_round, values={3: (20, "", "")})
        ).status_code
        == 302
    )
    report.refresh_from_db()
    assert report.progress_narrative_en == "Kept"
