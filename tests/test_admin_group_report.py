"""The admin's group report: adding one (with a narrative, or with every field empty) and
changing one save the report with its history, as the secretariat."""

import pytest
from django.urls import reverse

from groups.models import Programme, WorkingGroup
from reporting.models import GroupReport, ProgressChange

from .support import factories
from .support.admin_forms import post_data_from

pytestmark = pytest.mark.django_db


@pytest.fixture
def narrative_round(db):
    """An open round of the 2020-2021 programme asking for a narrative, without group reports."""
    programme = Programme.objects.get(start_year=2020)
    return factories.reporting_round(programme, number=7, status="open", progress_form="both")


def _add_page_data(client, reporting_round, group, **values):
    response = client.get(reverse("admin:reporting_groupreport_add"))
    assert response.status_code == 200
    data = post_data_from(response)
    data.update(round=reporting_round.pk, group=group.pk, **values)
    return data


@pytest.mark.parametrize(
    "values, changed",
    [
        (
            {
                "progress_narrative_en": "The group met twice.",
                "progress_narrative_es": "El grupo se reunió dos veces.",
            },
            {"progress_narrative_en", "progress_narrative_es"},
        ),
        ({}, set()),
    ],
    ids=["with a narrative", "every field empty"],
)
def test_adding_a_group_report_saves_it_with_its_history(
    secretariat_client, secretariat_user, narrative_round, values, changed
):
    group = WorkingGroup.objects.by_code("2020-2021", "IV")
    data = _add_page_data(secretariat_client, narrative_round, group, **values)
    response = secretariat_client.post(reverse("admin:reporting_groupreport_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    report = GroupReport.objects.get(round=narrative_round, group=group)
    history = ProgressChange.objects.filter(report=report)
    assert {c.field for c in history} == changed
    assert all(c.changed_by == secretariat_user and c.source == "admin" for c in history)
    assert report.version == (1 if changed else 0)
    for name, value in values.items():
        assert getattr(report, name) == value


def test_changing_a_group_report_records_each_changed_value(
    secretariat_client, secretariat_user, narrative_round
):
    group = WorkingGroup.objects.by_code("2020-2021", "IV")
    report = GroupReport.objects.create(round=narrative_round, group=group, obstacles_en="Funding.")
    url = reverse("admin:reporting_groupreport_change", args=[report.pk])
    data = post_data_from(secretariat_client.get(url))
    data.update(obstacles_en="Funding and staff.", gender_notes_es="Datos por sexo.")
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert (report.obstacles_en, report.gender_notes_es, report.version) == (
        "Funding and staff.",
        "Datos por sexo.",
        1,
    )
    rows = {c.field: (c.old_value, c.new_value) for c in ProgressChange.objects.filter(report=report)}
    assert rows == {
        "obstacles_en": ("Funding.", "Funding and staff."),
        "gender_notes_es": ("", "Datos por sexo."),
    }
