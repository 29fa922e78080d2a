"""The browser's editors of a proposal's parts (workspace:proposal_part): group IV's focal point
changes each part in English and Spanish; bad input is refused next to its field with nothing
written; the group's members read without saving, others see nothing; a submitted proposal is
the secretariat's; a save based on an older version is refused."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from activities.models import Activity, Objective
from core.roles import SYSTEM
from groups.models import Country, FinancingSource, GroupRole, Institution, Meeting
from reporting.drafting_reads import carry_candidates
from reporting.models import Proposal
from reporting.services import drafting as drafting_services
from reporting.services import proposals as proposal_services

from .support import second_factor
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


def error_beside(response, field_id, message) -> bool:
    """The field's box holds the message (in its error list) and the field itself."""
    boxes = re.findall(r'<div class="field invalid[^"]*">(.*?)</div>', response.content.decode(), re.S)
    return any(message in box and f'id="{field_id}"' in box for box in boxes)


def problems(response) -> str:
    """The list of problems above the form, as text (for a failing test's message)."""
    found = re.search(r'<ol class="problem-list">(.*?)</ol>', response.content.decode(), re.S)
    return " ".join(re.sub(r'<a href="#([^"]+)">|<[^>]+>', r" \1 ", found.group(1)).split()) if found else ""


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


@pytest.fixture
def carried(proposal):
    """Three of group IV's unfinished activities carried into the proposal (orders 1 to 3)."""
    chosen = [standing.activity for standing in carry_candidates(proposal)[:3]]
    assert len(chosen) == 3
    proposal_services.proposal_carry(proposal=proposal, activities=chosen, user=SYSTEM)
    proposal.refresh_from_db()
    return list(proposal.group.activities.order_by("order"))


def test_focal_point_edits_reorders_adds_and_removes_activities(focal, proposal, carried):
    first, second, third = carried
    page = focal.get(url(proposal, "activities")).content.decode()
    assert 'id="activities-0-carried"' in page and first.continues.text_en[:30] in page
    objective = proposal.group.objectives.order_by("kind", "order").first()
    response = save(
        focal,
        proposal,
        "activities",
        **{
            "activities-0-text_en": "Harmonize the time-use surveys",
            "activities-0-text_es": "Armonizar las encuestas de uso del tiempo",
            "activities-0-start_month": "2022-03",
            "activities-0-end_month": "2023-06",
            "activities-0-order": "2",
            "activities-1-order": "1",
            "activities-2-DELETE": "on",
            "activities-3-text_en": "A new activity",
            "activities-3-text_es": "Una actividad nueva",
            "activities-3-objective": str(objective.pk),
            "activities-3-start_text_en": "Once the survey is out",
            "activities-3-start_text_es": "Cuando salga la encuesta",
        },
    )
    assert response.status_code == 302, problems(response)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.order, second.order) == (2, 1)
    assert first.text_es == "Armonizar las encuestas de uso del tiempo"
    assert (first.start_month, first.end_month) == (datetime.date(2022, 3, 1), datetime.date(2023, 6, 1))
    assert first.continues_id == carried[0].continues_id is not None  # still carried
    assert not Activity.objects.filter(pk=third.pk).exists()  # removed: no longer carried
    new = proposal.group.activities.get(text_en="A new activity")
    assert (new.order, new.objective, new.start_text_es) == (3, objective, "Cuando salga la encuesta")
    assert new.continues_id is None


def test_focal_point_edits_outputs_and_their_agencies(focal, proposal):
    outputs = list(proposal.group.outputs.order_by("order"))
    assert outputs, "group IV's outputs are copied into its proposal"
    inegi, dane = Institution.objects.get(code="INEGI@MEX"), Institution.objects.get(code="DANE@COL")
    response = save(
        focal,
        proposal,
        "outputs",
        **{
            "outputs-0-institutions": [str(inegi.pk), str(dane.pk)],
            "outputs-0-by_member_countries": "on",
            "outputs-0-agency_es": "Los países miembros, el INEGI y el DANE",
            "outputs-0-timetable_en": "Second half of 2023",
            "outputs-0-timetable_es": "Segundo semestre de 2023",
        },
    )
    assert response.status_code == 302, problems(response)
    output = proposal.group.outputs.get(pk=outputs[0].pk)
    assert set(output.institutions.all()) == {inegi, dane}
    assert output.by_member_countries
    assert (output.timetable_en, output.timetable_es) == ("Second half of 2023", "Segundo semestre de 2023")
    assert output.agency_es == "Los países miembros, el INEGI y el DANE"


def test_focal_point_edits_the_financing(focal, proposal):
    rows = FinancingSource.objects.filter(group=proposal.group)
    n = rows.count()
    inegi = Institution.objects.get(code="INEGI@MEX")
    response = save(
        focal,
        proposal,
        "financing",
        **{
            f"financing-{n}-institution": str(inegi.pk),
            f"financing-{n}-amount_usd": "15000.50",
            f"financing-{n}-form_en": "Staff time",
            f"financing-{n}-form_es": "Tiempo del personal",
            f"financing-{n}-purpose_es": "Talleres",
        },
    )
    assert response.status_code == 302, problems(response)
    row = rows.get(institution=inegi, form_en="Staff time")
    assert (row.amount_usd, row.form_es, row.purpose_es) == (
        Decimal("15000.50"),
        "Tiempo del personal",
        "Talleres",
    )
    assert row.order == n + 1


def test_an_end_month_before_the_start_is_refused_beside_it(focal, proposal, carried):
    before = version(proposal)
    response = save(
        focal,
        proposal,
        "activities",
        lang="es",
        **{
            "activities-0-start_month": "2023-05",
            "activities-0-end_month": "2022-01",
            "activities-1-text_en": "Changed, but not saved",
        },
    )
    assert response.status_code == 400
    assert error_beside(
        response, "id_activities-0-end_month", "El mes de término no puede ser anterior al mes de inicio."
    )
    assert version(proposal) == before
    assert Activity.objects.get(pk=carried[1].pk).text_en == carried[1].text_en
    assert Activity.objects.get(pk=carried[0].pk).start_month == carried[0].start_month


def test_an_empty_required_text_is_refused_beside_it(focal, proposal, carried):
    before = proposal.group.name_en, version(proposal)
    response = save(focal, proposal, "texts", name_en="", name_es="Solo en español")
    assert response.status_code == 400
    assert error_beside(response, "id_name_en", "This field is required.")
    proposal.group.refresh_from_db()
    assert (proposal.group.name_en, version(proposal)) == before
    response = save(focal, proposal, "activities", **{"activities-0-text_en": ""})
    assert error_beside(response, "id_activities-0-text_en", "This field is required.")


def test_an_unknown_institution_is_refused_beside_it(focal, proposal):
    response = save(focal, proposal, "outputs", **{"outputs-0-institutions": ["999999"]})
    assert response.status_code == 400
    assert error_beside(response, "id_outputs-0-institutions", "999999 is not one of the available choices")
    assert not proposal.group.outputs.filter(institutions__pk=999999).exists()
    n = FinancingSource.objects.filter(group=proposal.group).count()
    response = save(
        focal,
        proposal,
        "financing",
        **{f"financing-{n}-institution": "999999", f"financing-{n}-label_en": "X"},
    )
    assert error_beside(response, f"id_financing-{n}-institution", "That choice is not one of the available")
    assert FinancingSource.objects.filter(group=proposal.group).count() == n
    assert version(proposal) == 0


def test_two_rows_with_one_number_are_refused_beside_it(focal, proposal, carried):
    response = save(focal, proposal, "activities", **{"activities-1-order": "1"})
    assert response.status_code == 400
    assert error_beside(response, "id_activities-1-order", "Another row has this number")
    assert [a.order for a in proposal.group.activities.order_by("pk")] == [1, 2, 3]


def test_a_member_reads_without_saving_and_an_outsider_sees_nothing(
    client, proposal, member_user, other_focal
):
    client.force_login(member_user)
    page = client.get(url(proposal, "texts"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="read-only"' in html and 'id="save-part"' not in html
    assert client.post(url(proposal, "texts"), {"version": "0", "name_en": "Mine"}).status_code == 403
    client.force_login(other_focal)
    for part in ("texts", "activities"):
        assert client.get(url(proposal, part)).status_code == 404
        assert client.post(url(proposal, part), {"version": "0", "name_en": "Mine"}).status_code == 404
    proposal.group.refresh_from_db()
    assert proposal.group.name_en != "Mine" and version(proposal) == 0


def test_a_submitted_proposal_is_no_longer_the_focal_points(focal, proposal, coordinator, secretariat_user):
    form = page_form(focal, proposal, "texts")
    proposal_services.proposal_submit(proposal=proposal, user=coordinator)
    assert focal.post(url(proposal, "texts"), form.post_data(name_en="Too late")).status_code == 403
    assert 'id="read-only"' in focal.get(url(proposal, "texts")).content.decode()
    proposal.group.refresh_from_db()
    assert proposal.group.name_en != "Too late"
    # The secretariat may still correct it.
    secretariat = second_factor.log_in(Client(), secretariat_user)
    response = save(secretariat, proposal, "texts", name_es="Corregido por la secretaría")
    assert response.status_code == 302, problems(response)
    proposal.group.refresh_from_db()
    assert proposal.group.name_es == "Corregido por la secretaría"


def test_a_save_based_on_an_older_version_is_refused(focal, proposal, coordinator):
    form = page_form(focal, proposal, "texts")
    with proposal_services.proposal_editing(proposal, coordinator) as locked:
        locked.group.theme_en = "changed meanwhile"
        locked.group.save()
    response = focal.post(url(proposal, "texts"), form.post_data(name_en="Overwriting"))
    assert response.status_code == 409
    html = response.content.decode()
    assert 'id="conflict"' in html and "Someone else changed this proposal meanwhile" in html
    proposal.group.refresh_from_db()
    assert proposal.group.name_en != "Overwriting" and proposal.group.theme_en == "changed meanwhile"
    assert version(proposal) == 1


def test_warnings_of_the_part_show_above_it(focal, proposal):
    html = focal.get(url(proposal, "activities")).content.decode()
    assert 'id="warnings"' in html and "The proposal has no activities." in html
    assert "The proposal has no activities." not in focal.get(url(proposal, "outputs")).content.decode()


def test_an_unknown_part_or_group_is_not_found(focal, proposal):
    assert focal.get(url(proposal, "budget")).status_code == 404
    address = reverse("workspace:proposal_part", args=["2022-2023", "XC", "texts"])
    assert focal.get(address).status_code == 404


def test_the_pages_speak_spanish(focal, proposal, carried):
    html = focal.get(url(proposal, "activities", lang="es")).content.decode()
    for words in (
        "Actividad (inglés)",
        "Actividad (español)",
        "Nueva actividad",
        "Trasladada: continúa",
        "Guardar",
    ):
        assert words in html
    response = save(focal, proposal, "activities", lang="es", **{"activities-3-text_es": "Sin inglés"})
    assert error_beside(response, "id_activities-3-text_en", "Este campo es obligatorio.")
    assert "Actividad (fila nueva) · Actividad (inglés)" in problems(response)


def test_action_lines_come_in_the_same_number_in_both_languages(focal, proposal):
    specific = proposal.group.objectives.filter(kind=Objective.Kind.SPECIFIC).first()
    response = save(
        focal,
        proposal,
        "objectives",
        **{
            "areas-0-objective": str(specific.pk),
            "areas-0-title_en": "Surveys",
            "areas-0-lines_en": "One\nTwo",
            "areas-0-lines_es": "Uno",
        },
    )
    assert response.status_code == 400
    assert error_beside(response, "id_areas-0-lines_es", "as many action lines in Spanish as in English (2)")
    assert not specific.areas.exists()


def test_a_clash_of_numbers_shows_with_the_other_problems(focal, proposal, carried):
    response = save(
        focal,
        proposal,
        "activities",
        **{
            "activities-0-start_month": "2023-05",
            "activities-0-end_month": "2022-01",
            "activities-1-order": "1",
            "activities-2-DELETE": "on",
            "activities-3-order": "3",  # the removed row's number: no clash
            "activities-3-text_es": "Sin inglés",
        },
    )
    assert response.status_code == 400
    listed = problems(response)
    assert listed.count("Another row has this number") == 1
    assert error_beside(response, "id_activities-1-order", "Another row has this number")
    assert error_beside(
        response, "id_activities-0-end_month", "The end month cannot be before the start month."
    )
    assert error_beside(response, "id_activities-3-text_en", "This field is required.")
    assert not error_beside(response, "id_activities-3-order", "Another row")
    assert proposal.group.activities.count() == 3


def test_a_row_of_another_group_cannot_be_slipped_in(focal, proposal, carried, group_iv):
    """The current programme's activity, named in the proposal's form, is refused, not changed."""
    other = group_iv.activities.order_by("order").first()
    response = save(
        focal, proposal, "activities", **{"activities-0-id": str(other.pk), "activities-0-text_en": "Forged"}
    )
    assert response.status_code == 400
    other.refresh_from_db()
    assert other.text_en != "Forged"
    assert not Activity.objects.filter(text_en="Forged").exists()
