"""A group's plan rows on its admin page: its objective and its outputs offered from the group's
own only, a row naming two outputs saved with them."""

import re

import pytest

from activities.models import Objective, Output, PlanRow

from .support.admin_forms import post_data_from
from .support.every_column import fill_every_column

pytestmark = pytest.mark.django_db


def _select_options(page, name) -> set[int]:
    select = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return {int(v) for v in re.findall(r'<option value="(\d+)"', select)}


def _checkboxes(page, name) -> set[int]:
    return {int(v) for v in re.findall(rf'name="{re.escape(name)}" value="(\d+)"', page)}


def test_a_plan_row_is_offered_its_own_groups_objectives_and_outputs(secretariat_client):
    network = fill_every_column()
    assert (
        Output.objects.exclude(group=network).exists() and Objective.objects.exclude(group=network).exists()
    )
    page = secretariat_client.get(f"/en/admin/groups/workinggroup/{network.pk}/change/").content.decode()
    assert _select_options(page, "plan_rows-0-objective") == set(
        network.objectives.values_list("pk", flat=True)
    )
    assert _checkboxes(page, "plan_rows-0-outputs") == set(network.outputs.values_list("pk", flat=True))
    assert "2. text (en)" in page  # an output is told by its order in the group
    # A group being added has neither yet: nothing of another group is offered.
    page = secretariat_client.get("/en/admin/groups/workinggroup/add/").content.decode()
    assert _select_options(page, "plan_rows-__prefix__-objective") == set()
    assert _checkboxes(page, "plan_rows-__prefix__-outputs") == set()


def test_the_groups_page_saves_a_plan_row_naming_two_outputs(secretariat_client):
    network = fill_every_column()
    url = f"/en/admin/groups/workinggroup/{network.pk}/change/"
    data = post_data_from(secretariat_client.get(url))
    assert data["plan_rows-TOTAL_FORMS"] == "2"
    outputs = list(network.outputs.order_by("order"))
    data.update(
        {
            "plan_rows-TOTAL_FORMS": "3",
            "plan_rows-2-order": "3",
            "plan_rows-2-outputs": [str(o.pk) for o in outputs],
            "plan_rows-2-timetable_en": "Second half of 2021",
            "plan_rows-2-timetable_es": "Segundo semestre de 2021",
        }
    )
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][-1].formset.errors
    row = PlanRow.objects.get(group=network, order=3)
    assert [o.order for o in row.outputs.order_by("order")] == [1, 2]
    assert (row.timetable_en, row.timetable_es, row.text_en) == (
        "Second half of 2021",
        "Segundo semestre de 2021",
        "",
    )


def test_another_groups_output_is_refused(secretariat_client):
    network = fill_every_column()
    url = f"/en/admin/groups/workinggroup/{network.pk}/change/"
    data = post_data_from(secretariat_client.get(url))
    foreign = Output.objects.exclude(group=network).first()
    data["plan_rows-1-outputs"] = [str(foreign.pk)]
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    assert not PlanRow.objects.get(group=network, order=2).outputs.exists()
