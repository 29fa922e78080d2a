"""The drafting of the next programme through its services (reporting/services/drafting.py and
proposals.py): opening it after the programme in force, a new group, publishing, every change
inside proposal_editing (version, status), carrying unfinished activities forward, ending, the
review, and the approval that makes the draft the programme in force and leaves the old one as
it was. The copy a proposal starts from: tests/test_drafting_copy.py."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activities.models import Activity
from core.roles import SYSTEM
from groups.models import Country, Meeting, Programme, WorkingGroup
from reporting.models import Drafting, Proposal, ProposalComment, ReportingRound
from reporting.services import (
    drafting_approve,
    drafting_publish,
    proposal_carry,
    proposal_comment_add,
    proposal_editing,
    proposal_end,
    proposal_new_group,
    proposal_review,
    proposal_submit,
    unfinished_proposals,
)
from reporting.services.proposals import ProposalConflict
from reporting.standing import standings

from .support import drafting_services as build

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def drafting(secretariat_user):
    return build.opened(secretariat_user)


@pytest.fixture
def proposal_iv(drafting):
    return build.proposal(drafting, 4)


def _by_percent(group):
    """Group IV of 2020-2021's activities: finished (100%) and under way (below 100%)."""
    states = standings(group.activities.order_by("order"))
    return (
        [s.activity for s in states if s.percent == 100],
        [s.activity for s in states if s.percent is not None and s.percent < 100],
    )


def test_opening_drafts_the_next_programme_with_a_proposal_per_group(drafting):
    old = Programme.objects.get(start_year=2020)
    programme = drafting.programme
    assert (programme.period, programme.status, programme.follows) == ("2022-2023", "draft", old)
    assert programme.published_at is None and not programme.is_readable
    assert Programme.objects.current() == old and programme not in Programme.objects.readable()
    proposals = list(drafting.proposals.with_groups().order_by("continues__number"))
    assert [p.continues.number for p in proposals] == list(range(1, 12))
    for item in proposals:
        assert item.status == Proposal.Status.NOT_STARTED and item.version == 0
        assert item.group.programme == programme and item.group.continues == item.continues
        assert item.group.number == item.continues.number and item.group.name_es == item.continues.name_es


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start_year": 2023, "end_year": 2022}, "end_year"),
        ({"start_year": 2021, "end_year": 2022}, "start_year"),
        ({"deadline": datetime.date(2026, 11, 30)}, "deadline"),
    ],
)
def test_opening_refuses_years_and_deadlines_that_cannot_be(secretariat_user, changes, field):
    with pytest.raises(ValidationError) as refused:
        build.opened(secretariat_user, **changes)
    assert field in refused.value.message_dict
    assert not Drafting.objects.exists() and not Programme.objects.filter(status="draft").exists()


def test_opening_refuses_a_committee_meeting_a_second_drafting_and_anyone_else(
    secretariat_user, coordinator, drafting
):
    committee = Meeting.objects.get(code="CE.20")
    with pytest.raises(ValidationError) as refused:
        build.opened(secretariat_user, meeting=committee, start_year=2024, end_year=2025)
    assert {"meeting", "__all__"} <= set(refused.value.message_dict)
    with pytest.raises(PermissionDenied):
        build.opened(coordinator, meeting=Meeting.objects.get(code="CEA.11"), start_year=2024, end_year=2025)
    assert Drafting.objects.count() == 1


def test_a_new_group_is_proposed_at_the_next_position(drafting, secretariat_user, coordinator):
    chile = Country.objects.get(iso3="CHL")
    proposal = proposal_new_group(
        drafting=drafting,
        user=secretariat_user,
        name_en=" Working Group on Data ",
        name_es="",
        proposer=chile,
    )
    assert proposal.is_new_group and proposal.proposer == chile and proposal.status == "not_started"
    assert (proposal.group.number, proposal.group.name_en) == (12, "Working Group on Data")
    assert not proposal.group.activities.exists() and proposal.group.continues is None
    with pytest.raises(ValidationError) as unnamed:
        proposal_new_group(drafting=drafting, user=secretariat_user, name_en="  ")
    assert list(unnamed.value.message_dict) == ["name_en"]
    with pytest.raises(PermissionDenied):
        proposal_new_group(drafting=drafting, user=coordinator, name_en="Mine")
    with pytest.raises(ValidationError) as ended:
        proposal_end(proposal=proposal, user=secretariat_user, ends=True, reason_en="No work")
    assert list(ended.value.message_dict) == ["ends"]


def test_publishing_shows_the_draft_once(drafting, secretariat_user, coordinator):
    with pytest.raises(PermissionDenied):
        drafting_publish(drafting=drafting, user=coordinator)
    drafting_publish(drafting=drafting, user=secretariat_user)
    published = Programme.objects.get(pk=drafting.programme_id).published_at
    assert published is not None and drafting.programme in Programme.objects.readable()
    drafting_publish(drafting=drafting, user=secretariat_user)
    assert Programme.objects.get(pk=drafting.programme_id).published_at == published
    assert Programme.objects.current().period == "2020-2021"


def test_every_change_is_versioned_and_a_stale_one_refused(proposal_iv, coordinator, other_focal):
    with proposal_editing(proposal_iv, coordinator, version=0) as locked:
        locked.group.name_en = "Working Group on Gender Statistics and Time Use"
        locked.group.save(update_fields=["name_en"])
    assert (proposal_iv.status, proposal_iv.version) == ("draft", 1)
    with pytest.raises(ProposalConflict), proposal_editing(proposal_iv, coordinator, version=0) as locked:
        locked.group.name_en = "Lost"
        locked.group.save(update_fields=["name_en"])
    with pytest.raises(PermissionDenied), proposal_editing(proposal_iv, other_focal):
        pass
    proposal_iv.refresh_from_db()
    assert proposal_iv.version == 1 and proposal_iv.group.name_en.endswith("Time Use")


def test_carrying_links_unfinished_activities_and_refuses_finished_ones(proposal_iv, coordinator):
    finished, under_way = _by_percent(proposal_iv.continues)
    assert finished and len(under_way) >= 2
    with pytest.raises(ValidationError) as refused:
        proposal_carry(proposal=proposal_iv, activities=[under_way[0], finished[0]], user=coordinator)
    assert list(refused.value.message_dict) == ["activities"]
    assert not proposal_iv.group.activities.exists() and proposal_iv.status == "not_started"

    carried = proposal_carry(proposal=proposal_iv, activities=under_way[:2], user=coordinator, version=0)
    assert [a.order for a in carried] == [1, 2]
    for new, old in zip(carried, under_way[:2], strict=True):
        new.refresh_from_db()
        assert new.continues == old and new.is_carried and new.group == proposal_iv.group
        assert (new.text_en, new.text_es) == (old.text_en, old.text_es)
        assert new.start_month is None and new.end_month is None and new.plan_no is None
    with pytest.raises(ValidationError):  # carried once only
        proposal_carry(proposal=proposal_iv, activities=under_way[:1], user=coordinator)
    more = proposal_carry(proposal=proposal_iv, activities=under_way[2:3], user=SYSTEM)
    assert [a.order for a in more] == [3]
    proposal_iv.refresh_from_db()
    assert (proposal_iv.status, proposal_iv.version) == ("draft", 2)
    assert Activity.objects.filter(group=proposal_iv.continues).count() == 18  # the old ones stay


def test_ending_needs_a_reason_and_can_be_taken_back(proposal_iv, coordinator):
    with pytest.raises(ValidationError) as refused:
        proposal_end(proposal=proposal_iv, user=coordinator, ends=True)
    assert list(refused.value.message_dict) == ["end_reason_en"]
    proposal_end(proposal=proposal_iv, user=coordinator, ends=True, reason_es="Cumplió su mandato")
    proposal_iv.refresh_from_db()
    assert proposal_iv.ends and proposal_iv.end_reason_es == "Cumplió su mandato"
    proposal_end(proposal=proposal_iv, user=coordinator, ends=False, reason_en="ignored")
    proposal_iv.refresh_from_db()
    assert not proposal_iv.ends and proposal_iv.end_reason_en == proposal_iv.end_reason_es == ""


def test_review_returns_with_a_comment_and_accepts(proposal_iv, coordinator, secretariat_user):
    with pytest.raises(PermissionDenied):
        proposal_submit(proposal=proposal_iv, user=secretariat_user)  # the group submits
    proposal_submit(proposal=proposal_iv, user=coordinator, version=0)
    proposal_iv.refresh_from_db()
    assert proposal_iv.status == "submitted" and proposal_iv.submitted_at is not None
    with pytest.raises(PermissionDenied), proposal_editing(proposal_iv, coordinator):
        pass
    with pytest.raises(ValidationError) as unexplained:
        proposal_review(proposal=proposal_iv, user=secretariat_user, accept=False)
    assert list(unexplained.value.message_dict) == ["comment"]
    with pytest.raises(PermissionDenied):
        proposal_review(proposal=proposal_iv, user=coordinator, accept=True)
    proposal_review(proposal=proposal_iv, user=secretariat_user, accept=False, comment="Add months.")
    proposal_iv.refresh_from_db()
    assert proposal_iv.status == "returned"
    [message] = proposal_iv.comments.all()
    assert (message.side, message.decision, message.author) == ("secretariat", "returned", secretariat_user)
    proposal_comment_add(proposal=proposal_iv, user=coordinator, body="Done: see activity 1.")
    assert proposal_iv.comments.last().side == ProposalComment.Side.GROUP
    with pytest.raises(ValidationError):
        proposal_review(proposal=proposal_iv, user=secretariat_user, accept=True)  # not submitted
    build.accepted(proposal_iv, by=coordinator, reviewer=secretariat_user)
    proposal_iv.refresh_from_db()
    assert proposal_iv.status == "accepted" and not proposal_iv.is_editable


def _old_state(old):
    return (
        list(old.groups.order_by("number").values_list("pk", "number", "name_en", "name_es")),
        list(
            Activity.objects.filter(group__programme=old).order_by("pk").values_list("pk", "group", "text_en")
        ),
        list(
            ReportingRound.objects.filter(programme=old).order_by("pk").values_list("pk", "status", "number")
        ),
        (old.status, old.approved_at_id, old.follows_id),
    )


def test_approval_waits_for_every_proposal_then_makes_the_draft_current(
    drafting, secretariat_user, coordinator
):
    old = Programme.objects.get(start_year=2020)
    before = _old_state(old)
    proposal_iv = build.proposal(drafting, 4)
    _finished, under_way = _by_percent(proposal_iv.continues)
    carried = proposal_carry(proposal=proposal_iv, activities=under_way[:2], user=coordinator)
    ending = build.proposal(drafting, 8)
    proposal_end(proposal=ending, user=secretariat_user, ends=True, reason_en="Its work is done.")
    meeting = Meeting.objects.get(code="CEA.11")
    approve = {"meeting": meeting, "approved_on": datetime.date(2021, 11, 19), "resolution_en": "15(XI)"}
    with pytest.raises(ValidationError) as waiting:
        drafting_approve(drafting=drafting, user=secretariat_user, **approve)
    assert "still waiting" in waiting.value.messages[0] and Programme.objects.current() == old
    assert len(unfinished_proposals(drafting)) == 11
    with pytest.raises(PermissionDenied):
        drafting_approve(drafting=drafting, user=coordinator, **approve)
    for item in drafting.proposals.all():
        build.accepted(item, reviewer=secretariat_user)
    drafting_approve(drafting=drafting, user=secretariat_user, resolution_es="15(XI)", **approve)

    new = Programme.objects.get(start_year=2022)
    assert Programme.objects.current() == new and new.status == "approved" and new.approved_at == meeting
    assert (new.approved_on, new.resolution_en) == (datetime.date(2021, 11, 19), "15(XI)")
    assert Drafting.objects.get().status == Drafting.Status.APPROVED
    assert sorted(new.groups.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6, 7, 9, 10, 11]
    ending.refresh_from_db()
    assert ending.group is None and ending.continues.number == 8 and ending.ends
    assert [a.continues for a in WorkingGroup.objects.by_code("2022-2023", "IV").activities.all()] == [
        c.continues for c in carried
    ]
    assert _old_state(old) == before
    with pytest.raises(ValidationError):
        drafting_approve(drafting=drafting, user=secretariat_user, **approve)
