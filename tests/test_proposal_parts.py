"""The browser's editors of a proposal's parts (workspace:proposal_part): group IV's focal point
changes each part in English and Spanish; bad input is refused next to its field with nothing
written; the group's members read without saving, others see nothing; a submitted proposal is
the secretariat's; a save based on an older version is refused."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from activities.models import Objective
from core.roles import SYSTEM
from groups.models import Country, GroupRole, Meeting
from reporting.models import Proposal
from reporting.services import drafting as drafting_services

from .support.html_forms import forms_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(frozen_today, group_iv):
    """Group IV's proposal for 2022-2023, as the drafting's opening copied it."""
    meeting = Meeting.objects.filter(body=Meeting.Body.CONFERENCE).order_by("-start_date").first()
    drafting = drafting_services.drafting_open(
        start_year=2022,
        end_year=2023,
        meeting=meeting,
        deadline=frozen_today + datetime.timedelta(days=60),
        user=SYSTEM,
    )
    return Proposal.objects.select_related("group").get(drafting=drafting, continues=group_iv)


def url(proposal, part, lang="en"):
    group = proposal.group
    with translation.override(lang):
        return reverse("workspace:proposal_part", args=[group.programme.period, group.numeral, part])


def page_form(client, proposal, part, lang="en"):
    address = url(proposal, part, lang)
    response = client.get(address)
    assert response.status_code == 200
    (form,) = [f for f in forms_of(response.content.decode()) if f.action == address]
    return form


def save(client, proposal, part, lang="en", **changed):
    """Post the part's form as the page drew it, with `changed` fields."""
    form = page_form(client, proposal, part, lang)
    return client.post(url(proposal, part, lang), form.post_data(**changed))


def error_beside(html, field_id, message):
    """The field's box holds the message (in its errorlist) and the field itself."""
    boxes = re.findall(r'<div class="field invalid[^"]*">(.*?)</div>\s*(?=<div|</div|</fieldset)', html, re.S)
    return any(message in box and f'id="{field_id}"' in box for box in boxes)


def problems(response) -> str:
    """The list of problems above the form, as text (for a failing test's message)."""
    found = re.search(r'<ol class="problem-list">(.*?)</ol>', response.content.decode(), re.S)
    return re.sub(r'<a href="#([^"]+)">|<[^>]+>|\s+', r" \1 ", found.group(1)) if found else ""


def version(proposal):
    return Proposal.objects.get(pk=proposal.pk).version


@pytest.fixture
def focal(client, coordinator):
    client.force_login(coordinator)
    return client


def test_focal_point_edits_the_texts_in_both_languages(focal, proposal):
    response = focal.get(url(proposal, "texts"))
    html = response.content.decode()
    assert 'id="save-part"' in html
    assert reverse("workspace:proposal", args=["2022-2023", "IV"]) in html
    response = save(
        focal,
        proposal,
        "texts",
        name_en="Working Group on Time Use",
        name_es="Grupo de Trabajo sobre Uso del Tiempo",
        background_es="Antecedentes en español.",
    )
    assert response.status_code == 302
    group = proposal.group
    group.refresh_from_db()
    assert (group.name_en, group.name_es) == (
        "Working Group on Time Use",
        "Grupo de Trabajo sobre Uso del Tiempo",
    )
    assert group.background_es == "Antecedentes en español."
    saved = Proposal.objects.get(pk=proposal.pk)
    assert saved.status == Proposal.Status.DRAFT and saved.version == proposal.version + 1


def test_focal_point_edits_the_countries(focal, proposal):
    chile, peru = Country.objects.get(iso3="CHL"), Country.objects.get(iso3="PER")
    members = GroupRole.objects.filter(group=proposal.group, role=GroupRole.Role.MEMBER)
    before = members.count()
    n = before  # the first empty member row
    response = save(
        focal,
        proposal,
        "countries",
        **{
            f"members-{n}-country": str(chile.pk),
            f"members-{n + 1}-country": str(peru.pk),
            f"members-{n + 1}-order": "90",
        },
    )
    assert response.status_code == 302, problems(response)
    assert members.count() == before + 2
    assert members.get(country=peru).order == 90
    assert members.get(country=chile).order == 91  # left empty: after the largest number typed


def test_focal_point_edits_objectives_areas_and_lines(focal, proposal):
    group = proposal.group
    objectives = list(group.objectives.order_by("kind", "order"))
    specific = next(o for o in objectives if o.kind == Objective.Kind.SPECIFIC)
    position = objectives.index(specific)
    new = len(objectives)
    response = save(
        focal,
        proposal,
        "objectives",
        **{
            f"objectives-{position}-text_es": "Objetivo específico revisado",
            f"objectives-{new}-kind": "specific",
            f"objectives-{new}-text_en": "A new specific objective",
            f"objectives-{new}-text_es": "Un nuevo objetivo específico",
            "areas-0-objective": str(specific.pk),
            "areas-0-title_en": "Surveys",
            "areas-0-title_es": "Encuestas",
            "areas-0-lines_en": "Write the guide\nTest it",
            "areas-0-lines_es": "Escribir la guía\nProbarla",
        },
    )
    assert response.status_code == 302, problems(response)
    specific.refresh_from_db()
    assert specific.text_es == "Objetivo específico revisado"
    added = group.objectives.get(text_en="A new specific objective")
    assert added.kind == "specific" and added.text_es == "Un nuevo objetivo específico"
    area = specific.areas.get()
    assert (area.title_en, area.title_es) == ("Surveys", "Encuestas")
    assert [(line.text_en, line.text_es) for line in area.action_lines.order_by("order")] == [
        ("Write the guide", "Escribir la guía"),
        ("Test it", "Probarla"),
    ]
