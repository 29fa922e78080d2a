"""What a continuing group's proposal starts from (reporting/services/copying.py): its group in the
draft programme has the old group's texts, roles, objectives with their areas and action lines,
topic headings, outputs with their institutions, plan rows and financing, in both languages, and
no activities until the focal points carry some; the old group is left as it was. A carried
activity takes the copies of its objective and topic."""

from decimal import Decimal

import pytest

from activities.models import ActionLine, Objective, Output, PlanRow, ProgrammeArea, Topic
from groups.models import FinancingSource, GroupRole, Institution, WorkingGroup
from reporting.services import proposal_carry
from reporting.standing import standings

from .support import drafting_services as build

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

SKIPPED = {"id", "group", "objective", "area", "continues", "programme"}


def _values(obj) -> dict:
    """Every stored value of `obj` but its key and the links a copy changes by design."""
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.name not in SKIPPED}


def _rows(queryset) -> list:
    return [_values(obj) for obj in queryset]


@pytest.fixture
def old_iv():
    """Group IV of 2020-2021 with every part a group may have (the fixtures give it roles,
    objectives and an output; the rest is added here)."""
    group = WorkingGroup.objects.by_code("2020-2021", "IV")
    specific = group.objectives.filter(kind=Objective.Kind.SPECIFIC).order_by("order").first()
    area = ProgrammeArea.objects.create(
        objective=specific, order=1, title_en="Time use", title_es="Uso del tiempo"
    )
    ActionLine.objects.create(area=area, order=1, text_en="Harmonize surveys", text_es="Armonizar encuestas")
    Topic.objects.create(group=group, order=1, title_en="Guide", title_es="Guía")
    output = group.outputs.order_by("order").first()
    output.institutions.add(Institution.objects.get(code="INE@CHL"))
    row = PlanRow.objects.create(
        group=group, order=1, objective=specific, text_en="Pilot", text_es="Piloto", timetable_en="2021"
    )
    row.outputs.add(output)
    FinancingSource.objects.create(
        group=group,
        order=1,
        institution=Institution.objects.get(code="INEGI@MEX"),
        amount_usd=Decimal("15000.00"),
        form_en="Experts' time",
        form_es="Tiempo de expertos",
        purpose_en="Drafting the guide",
        purpose_es="Redacción de la guía",
    )
    return group


def _parts(group) -> dict:
    objectives = Objective.objects.filter(group=group).order_by("kind", "order")
    return {
        "roles": _rows(GroupRole.objects.filter(group=group).order_by("role", "order", "pk")),
        "objectives": _rows(objectives),
        "areas": [
            (o.kind, o.order, _rows(ProgrammeArea.objects.filter(objective=o).order_by("order")))
            for o in objectives
        ],
        "lines": _rows(
            ActionLine.objects.filter(area__objective__group=group).order_by("area__order", "order")
        ),
        "topics": _rows(Topic.objects.filter(group=group).order_by("order")),
        "outputs": [
            (
                _values(o),
                sorted(o.institutions.values_list("code", flat=True)),
                o.objective and o.objective.order,
            )
            for o in Output.objects.filter(group=group).order_by("order")
        ],
        "plan": [
            (
                _values(r),
                [o.order for o in r.outputs.all()],
                r.objective and (r.objective.kind, r.objective.order),
            )
            for r in PlanRow.objects.filter(group=group).order_by("order")
        ],
        "financing": _rows(FinancingSource.objects.filter(group=group).order_by("order")),
    }


def test_the_draft_group_is_the_old_one_in_both_languages_without_activities(old_iv, secretariat_user):
    before = _parts(old_iv)
    assert all(before.values()), "every part present before the copy"
    assert any(areas for _kind, _order, areas in before["areas"])
    drafting = build.opened(secretariat_user)
    new = build.proposal(drafting, 4).group
    assert _parts(new) == before
    assert _values(new) == _values(old_iv) and new.continues == old_iv
    assert (new.name_en, new.name_es) == (old_iv.name_en, old_iv.name_es) and new.background_es
    assert not new.activities.exists() and old_iv.activities.count() == 18
    # The copies are the new group's own: its objectives' areas, its outputs' plan rows.
    assert not ProgrammeArea.objects.filter(objective__group=new).filter(objective__group=old_iv).exists()
    assert set(PlanRow.objects.filter(group=new).values_list("outputs__group", flat=True)) == {new.pk}
    assert _parts(WorkingGroup.objects.by_code("2020-2021", "IV")) == before


def test_a_carried_activity_takes_the_copies_of_its_objective_and_topic(
    old_iv, secretariat_user, coordinator
):
    topic = old_iv.topics.get()
    under_way = [
        s.activity for s in standings(old_iv.activities.order_by("order")) if s.percent and s.percent < 100
    ]
    activity = under_way[0]
    activity.topic = topic
    activity.objective = old_iv.objectives.order_by("kind", "order").last()
    activity.start_text_en, activity.start_month = "When funds allow", None
    activity.save()
    drafting = build.opened(secretariat_user)
    proposal = build.proposal(drafting, 4)
    [carried] = proposal_carry(proposal=proposal, activities=[activity], user=coordinator)
    carried.refresh_from_db()
    assert carried.topic.group == proposal.group and carried.topic.title_es == "Guía"
    assert carried.objective.group == proposal.group
    assert (carried.objective.kind, carried.objective.order) == (
        activity.objective.kind,
        activity.objective.order,
    )
    assert carried.start_text_en == "" and carried.start_month is None  # the old timing stays behind
    activity.refresh_from_db()  # the old activity unchanged
    assert activity.start_text_en == "When funds allow" and activity.group == old_iv
