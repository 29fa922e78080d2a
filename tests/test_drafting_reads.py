"""What the drafting reads about a proposal (reporting/drafting_reads.py): the activities offered
to carry forward, the warnings before submitting and for the reviewer (each kind, and none for a
proposal in order), and a carried activity's history across both programmes."""

import datetime

import pytest

from activities.models import Activity, Output
from reporting.drafting_reads import Warning, carry_candidates, lineage, proposal_warnings
from reporting.services import proposal_carry, proposal_editing, proposal_end, proposal_new_group
from reporting.standing import published_entries, standings

from .support import drafting_services as build

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def drafting(secretariat_user):
    return build.opened(secretariat_user)


@pytest.fixture
def proposal_iv(drafting):
    return build.proposal(drafting, 4)


def _under_way(group):
    return [
        s.activity for s in standings(group.activities.order_by("order")) if s.percent and s.percent < 100
    ]


def _in_order(proposal, coordinator):
    """Group IV's proposal with nothing to warn of: one carried activity with months in 2022."""
    [carried] = proposal_carry(
        proposal=proposal, activities=_under_way(proposal.continues)[:1], user=coordinator
    )
    with proposal_editing(proposal, coordinator):
        carried.start_month, carried.end_month = datetime.date(2022, 1, 1), datetime.date(2022, 6, 1)
        carried.save()
    return carried


def test_the_activities_offered_are_the_unfinished_ones_not_yet_carried(proposal_iv, coordinator):
    states = {s.activity.order: s.percent for s in standings(proposal_iv.continues.activities.all())}
    offered = [s.activity.order for s in carry_candidates(proposal_iv)]
    assert offered == sorted(order for order, percent in states.items() if percent is None or percent < 100)
    assert 3 not in offered and 6 in offered  # 100% at the last round; 70%
    carried = proposal_iv.continues.activities.get(order=6)
    proposal_carry(proposal=proposal_iv, activities=[carried], user=coordinator)
    assert 6 not in [s.activity.order for s in carry_candidates(proposal_iv)]


def test_a_new_group_has_nothing_to_carry_and_says_it_has_no_activities(drafting, secretariat_user):
    proposal = proposal_new_group(drafting=drafting, user=secretariat_user, name_en="Data", name_es="Datos")
    assert carry_candidates(proposal) == []
    assert proposal_warnings(proposal) == [Warning("activities", "The proposal has no activities.")]


def test_a_proposal_in_order_has_no_warnings(proposal_iv, coordinator):
    _in_order(proposal_iv, coordinator)
    assert proposal_warnings(proposal_iv) == []


def test_each_thing_worth_a_second_look_is_warned_of(proposal_iv, coordinator):
    carried = _in_order(proposal_iv, coordinator)
    group = proposal_iv.group
    with proposal_editing(proposal_iv, coordinator):
        Activity.objects.create(group=group, order=2, text_en="Workshop", text_es="Taller")
        Activity.objects.create(
            group=group,
            order=3,
            text_en="Survey",
            text_es="",
            start_month=datetime.date(2021, 10, 1),
            end_month=datetime.date(2022, 2, 1),
        )
        carried.text_en = carried.text_es = "Something else entirely: a census of bicycles"
        carried.save()
        Output.objects.create(group=group, order=2, text_en="Report", text_es="Informe")
    assert proposal_warnings(proposal_iv) == [
        Warning(
            "activities",
            "Activity 1 is carried forward, but its text no longer resembles the activity it continues.",
        ),
        Warning("activities", "Activity 2 has no start and end months."),
        Warning("activities", "Activity 3 falls outside the programme's years (2022-2023)."),
        Warning("texts", "Activity 3: activity is missing in ES."),
        Warning("outputs", "Output 2 has no agency responsible."),
    ]


def test_a_carried_activity_slightly_reworded_is_still_recognized(proposal_iv, coordinator):
    carried = _in_order(proposal_iv, coordinator)
    with proposal_editing(proposal_iv, coordinator):
        carried.text_en = carried.text_en + " (second edition)"
        carried.save()
    assert proposal_warnings(proposal_iv) == []


def test_a_group_proposing_to_end_has_no_warnings(proposal_iv, coordinator):
    proposal_end(proposal=proposal_iv, user=coordinator, ends=True, reason_en="Done")
    assert proposal_warnings(proposal_iv) == []


def test_a_carried_activitys_history_runs_across_both_programmes(proposal_iv, coordinator):
    old = proposal_iv.continues.activities.get(order=6)
    [new] = proposal_carry(proposal=proposal_iv, activities=[old], user=coordinator)
    old_entries = list(published_entries([old]))
    assert old_entries and old_entries[-1].percent == 70
    for start in (old, new):
        lives = lineage(start)
        assert [life.activity.pk for life in lives] == [old.pk, new.pk]
        assert [e.pk for e in lives[0].entries] == [e.pk for e in old_entries] and lives[1].entries == []
        assert [life.activity.group.programme.period for life in lives] == ["2020-2021", "2022-2023"]
