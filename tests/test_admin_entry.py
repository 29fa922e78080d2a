"""Entering a group's programme in the admin: institutions found and told apart by their
country and code; an activity's, output's or programme area's objective offered from its own
group only;
text areas sized for the programme's texts."""

import re

import pytest

from activities.models import Activity, Objective, Output
from groups.models import WorkingGroup

pytestmark = pytest.mark.django_db


def _autocomplete(client, term, lang="en"):
    response = client.get(
        f"/{lang}/admin/autocomplete/",
        {"app_label": "groups", "model_name": "grouprole", "field_name": "institution", "term": term},
    )
    assert response.status_code == 200
    return [r["text"] for r in response.json()["results"]]


@pytest.mark.parametrize("lang, chile", [("en", "Chile"), ("es", "Chile")])
def test_institutions_are_offered_with_their_country_and_code(secretariat_client, lang, chile):
    labels = _autocomplete(secretariat_client, "INE", lang)
    chilean = [label for label in labels if label.endswith("· INE@CHL")]
    assert len(chilean) == 1 and f"— {chile} ·" in chilean[0]
    assert len(set(labels)) == len(labels), "two options read the same"


def test_institutions_are_found_by_country_name_or_code(secretariat_client):
    assert [label for label in _autocomplete(secretariat_client, "INE Chile") if "INE@CHL" in label]
    by_code = _autocomplete(secretariat_client, "INE CHL")
    assert by_code and all("CHL" in label for label in by_code)
    spanish = _autocomplete(secretariat_client, "INEGI México", "es")
    assert spanish and all("INEGI@MEX" in label for label in spanish)


def _options(page, name_pattern):
    select = re.search(rf'<select name="{name_pattern}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return {int(v) for v in re.findall(r'<option value="(\d+)"', select)}


def test_an_activitys_objective_is_offered_from_its_own_group(secretariat_client):
    group = WorkingGroup.objects.by_code("2020-2021", "IV")
    own = set(Objective.objects.filter(group=group).values_list("pk", flat=True))
    assert own and Objective.objects.exclude(group=group).exists()
    page = secretariat_client.get(f"/en/admin/activities/activity/add/?group={group.pk}").content.decode()
    assert _options(page, "objective") == own
    output = Output.objects.filter(group=group).first()
    page = secretariat_client.get(f"/en/admin/activities/output/{output.pk}/change/").content.decode()
    assert _options(page, "objective") == own
    page = secretariat_client.get(
        f"/en/admin/activities/programmearea/add/?group={group.pk}"
    ).content.decode()
    assert _options(page, "objective") == own
    activity = Activity.objects.filter(group=group).first()
    page = secretariat_client.get(f"/en/admin/activities/activity/{activity.pk}/change/").content.decode()
    assert _options(page, "objective") == own
    assert 'rows="5"' in page and 'cols="80"' in page
