"""The comparison of group IV's proposal for 2022-2023 with the group it continues: what is new,
carried forward (unchanged or changed), dropped, for activities, objectives and outputs, and the
countries added and removed; as a reading page in both languages, readable as the group is, and
as a document (PDF and Word) the Executive Committee reads."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from activities.models import Activity, Output
from core.roles import SYSTEM
from groups.models import Country, GroupRole, WorkingGroup
from reporting.proposal_comparison import CHANGED, DROPPED, NEW, SAME, proposal_comparison
from reporting.services import drafting_publish, proposal_new_group
from reporting.services.proposals import proposal_editing
from reports.rendering import render_document, render_docx

from .support import factories
from .support.drafting_iv import CHANGED_EN, CHANGED_ES, NEW_EN, NEW_ES, conference_meeting, draft_group_iv
from .support.pdf_reading import compact, pdf_text
from .support.word import docx_text

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def drafted(frozen_today):
    return draft_group_iv(frozen_today)


def url(drafted, lang="en"):
    return f"/{lang}/groups/2022-2023/IV/comparison/"


def test_activities_new_carried_changed_and_dropped(drafted):
    comparison = proposal_comparison(drafted.proposal.group)
    old = list(Activity.objects.filter(group=drafted.proposal.continues).order_by("order"))
    kept, changed, new, *dropped = comparison.activities
    assert (kept.status, kept.new, kept.old) == (SAME, drafted.kept, drafted.old_kept)
    assert (changed.status, changed.new, changed.old) == (CHANGED, drafted.changed, drafted.old_changed)
    assert (new.status, new.new, new.old) == (NEW, drafted.new, None)
    assert [p.status for p in dropped] == [DROPPED] * (len(old) - 2)
    assert [p.old for p in dropped] == [a for a in old if a not in (drafted.old_kept, drafted.old_changed)]
    assert comparison.counts("activities") == {NEW: 1, SAME: 1, CHANGED: 1, DROPPED: len(old) - 2}


def test_a_change_in_one_language_only_is_a_change(drafted):
    Activity.objects.filter(pk=drafted.kept.pk).update(text_es=drafted.kept.text_es + " (revisada)")
    statuses = [p.status for p in proposal_comparison(drafted.proposal.group).activities[:2]]
    assert statuses == [CHANGED, CHANGED]


def test_objectives_outputs_and_countries_by_text(drafted):
    group = drafted.proposal.group
    with proposal_editing(drafted.proposal, SYSTEM):
        objective = group.objectives.order_by("kind", "order").first()
        objective.text_en = "A general objective rewritten for 2022-2023"
        objective.save()
        outputs = list(group.outputs.order_by("order"))
        outputs[-1].delete()
        Output.objects.create(group=group, order=99, text_en="A new output", text_es="Un producto nuevo")
        GroupRole.objects.create(
            group=group, role=GroupRole.Role.MEMBER, order=9, country=Country.objects.get(iso3="CHL")
        )
    comparison = proposal_comparison(group)
    objectives = comparison.objectives
    assert objectives[0].status == CHANGED and objectives[0].new == objective
    assert {p.status for p in objectives[1:]} <= {SAME}
    assert [p.status for p in comparison.outputs] == [SAME] * (len(outputs) - 1) + [NEW, DROPPED]
    assert comparison.outputs[-1].old.text_en == outputs[-1].text_en
    assert [(c.country.iso3, c.role) for c in comparison.countries_added] == [("CHL", "member")]
    assert comparison.countries_removed == []


def test_the_page_in_both_languages(drafted, secretariat_client):
    english = secretariat_client.get(url(drafted)).content.decode()
    for text in ("Carried forward, unchanged", "Carried forward, changed", "Dropped", CHANGED_EN, NEW_EN):
        assert text in english
    assert drafted.old_changed.text_en in english
    assert "Draft — not approved" in english
    spanish = secretariat_client.get(url(drafted, "es")).content.decode()
    for text in ("Continúa, sin cambios", "Continúa, con cambios", "Supresión", CHANGED_ES, NEW_ES):
        assert text in spanish
    assert "Borrador — no aprobado" in spanish
    assert "al que da continuidad" in spanish and "Incorporaciones: 1 · sin cambios: 1" in spanish


def test_readable_as_the_group_is(drafted, client, other_focal, coordinator):
    assert client.get(url(drafted)).status_code == 404  # a draft not published yet
    client.force_login(other_focal)
    assert client.get(url(drafted)).status_code == 404  # not group IV's
    client.force_login(coordinator)
    assert client.get(url(drafted)).status_code == 200
    client.logout()
    drafting_publish(drafting=drafted.drafting, user=SYSTEM)
    assert client.get(url(drafted)).status_code == 200


def test_a_new_group_is_new_throughout(drafted, secretariat_client):
    proposal = proposal_new_group(drafting=drafted.drafting, user=SYSTEM, name_en="Working Group on Data")
    Activity.objects.create(group=proposal.group, order=1, text_en="A first activity", text_es="Una")
    comparison = proposal_comparison(proposal.group)
    assert comparison.previous is None and [p.status for p in comparison.activities] == [NEW]
    page = secretariat_client.get(f"/en/groups/2022-2023/{proposal.group.numeral}/comparison/")
    assert "A new group proposed for 2022-2023" in page.content.decode()


def test_no_comparison_for_a_group_never_proposed(db, client):
    assert client.get("/en/groups/2020-2021/IV/comparison/").status_code == 404


def comparison_document(drafted):
    document = factories.document(
        "LC/CE.22/4", kind="group_comparison", group=drafted.proposal.group, meeting=conference_meeting()
    )
    document.full_clean()
    return document


def test_the_document_in_pdf_and_word_in_both_languages(drafted):
    document = comparison_document(drafted)
    english = compact(pdf_text(render_document(document, "en")))
    for text in ("Draft — not approved", "Carried forward, changed", "Dropped", CHANGED_EN, NEW_EN):
        assert compact(text) in english
    spanish = compact(pdf_text(render_document(document, "es")))
    for text in ("Borrador — no aprobado", "Continúa, con cambios", CHANGED_ES, NEW_ES):
        assert compact(text) in spanish
    word = docx_text(render_docx(document, "es"))
    for text in ("Borrador — no aprobado", "Continúa, con cambios", "Supresión", CHANGED_ES, NEW_ES):
        assert text in word


def test_the_document_covers_a_group_alone(drafted, second_round):
    document = comparison_document(drafted)
    document.round = second_round
    with pytest.raises(ValidationError):
        document.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        document.save()


def test_read_in_a_fixed_number_of_queries(drafted, django_assert_num_queries):
    """Four lists a group (activities, objectives, outputs, roles), whatever their length."""
    group = WorkingGroup.objects.select_related("continues").get(pk=drafted.proposal.group_id)
    with django_assert_num_queries(8):
        comparison = proposal_comparison(group)
    assert len(comparison.activities) > 10
