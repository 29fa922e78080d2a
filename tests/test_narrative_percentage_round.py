"""A round that asks for percentages only has no place for a narrative (not on the form nor
the review page): a narrative sent for it is refused where the service decides what a
round takes (reporting/services/progress.py), so every door obeys: the API answers 400 under
the field in the reader's language, the form (which has no such field there) stores nothing of
a forged one, and nothing is written. Clearing a narrative is always allowed."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from reporting.models import GroupReport, ProgressEntry, ReportingRound
from reporting.services import progress_save

from .support.api_clients import ApiClient, group_report_url, token_for
from .support.db_state import snapshot
from .support.progress_forms import progress_post

pytestmark = pytest.mark.django_db

REFUSED = {
    "en": "This round asks for the group's progress as percentages, not a narrative.",
    "es": "Esta ronda pide los avances del grupo como porcentajes, no como narración.",
}


@pytest.fixture
def percentages_round(open_round):
    assert open_round.progress_form == ReportingRound.Form.PERCENTAGES
    return open_round


def _save(group, reporting_round, user, notes):
    return progress_save(
        group=group,
        reporting_round=reporting_round,
        user=user,
        entries={},
        notes=notes,
        seen_version=0,
        submit=False,
    )


def test_the_service_refuses_a_narrative_in_a_percentage_round(percentages_round, group_iv, coordinator):
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        _save(
            group_iv,
            percentages_round,
            coordinator,
            {"progress_narrative_es": "Avanzamos.", "obstacles_en": "None"},
        )
    assert refused.value.message_dict == {"progress_narrative_es": [REFUSED["en"]]}
    assert snapshot() == before


def test_the_service_clears_a_narrative_and_takes_the_other_notes(percentages_round, group_iv, coordinator):
    GroupReport.objects.create(round=percentages_round, group=group_iv, progress_narrative_en="From before.")
    _save(group_iv, percentages_round, coordinator, {"progress_narrative_en": "", "obstacles_en": "None"})
    report = GroupReport.objects.get(round=percentages_round, group=group_iv)
    assert report.obstacles_en == "None" and not report.progress_narrative_en


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_api_refuses_it_under_the_field_in_the_readers_language(
    percentages_round, group_iv, coordinator, lang
):
    client = ApiClient(token_for(coordinator), lang=lang)
    before = snapshot()
    response = client.patch(
        group_report_url(percentages_round, group_iv),
        {
            "version": 0,
            "entries": {"3": {"percent": 40}},
            "notes": {"progress_narrative": {"en": "We advanced."}},
        },
    )
    assert response.status_code == 400
    assert response.json() == {"notes": {"progress_narrative": {"en": [REFUSED[lang]]}}}
    assert snapshot() == before


def test_the_api_takes_it_where_the_round_asks_for_both(percentages_round, group_iv, coordinator):
    percentages_round.progress_form = ReportingRound.Form.BOTH
    percentages_round.save()
    response = ApiClient(token_for(coordinator)).patch(
        group_report_url(percentages_round, group_iv),
        {"version": 0, "notes": {"progress_narrative": {"en": "We advanced."}}},
    )
    assert response.status_code == 200, response.content
    assert response.json()["notes"]["progress_narrative"]["en"] == "We advanced."


def test_the_form_stores_nothing_of_a_forged_narrative(percentages_round, group_iv, coordinator):
    """The form of a percentage round has no narrative field: one added to the POST by hand is
    not the form's, and is not stored; the percentages are."""
    browser = Client()
    browser.force_login(coordinator)
    page = f"/en/rounds/{percentages_round.meeting.code}/{group_iv.programme.period}/{group_iv.numeral}/"
    assert 'name="progress_narrative_en"' not in browser.get(page).content.decode()
    post = progress_post(group_iv, percentages_round, values={3: (40, "", "")})
    post["progress_narrative_en"] = "Forged into the POST."
    browser.post(page, post)
    report = GroupReport.objects.get(round=percentages_round, group=group_iv)
    assert not report.progress_narrative_en and report.version == 1
    assert (
        ProgressEntry.objects.get(
            round=percentages_round, activity__group=group_iv, activity__order=3
        ).percent
        == 40
    )
