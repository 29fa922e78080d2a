"""Who may do what in the drafting (reporting/policy/drafting.py), as a table: every policy
function for every role (the secretariat, a coordinator's focal point of the continued group,
a member country's user, an outsider, an anonymous visitor, the system actor, and a new group's
proposer country), while the proposal is the group's, once submitted, and once the Conference
approved the programme (then nothing is editable)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from core.roles import SYSTEM
from groups.models import Country
from reporting import policy
from reporting.models import Drafting, Proposal
from reporting.policy import Relation
from reporting.services import drafting_publish, proposal_new_group, proposal_submit

from .support import drafting_services as build
from .support import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

ROLES = ("secretariat", "coordinator", "member", "outsider", "anonymous", "system", "proposer")
ON_PROPOSAL = (
    "can_view_proposal",
    "can_edit_proposal",
    "can_submit_proposal",
    "can_review_proposal",
    "can_read_proposal_comments",
    "can_comment_proposal",
)
BOTH_SIDES = {"secretariat", "coordinator"}
THE_GROUP = BOTH_SIDES | {"member"}

# For group IV's proposal: who each function allows, by the proposal's state.
CONTINUING = {
    "draft": {
        "can_view_proposal": THE_GROUP,
        "can_edit_proposal": BOTH_SIDES | {"system"},
        "can_submit_proposal": {"coordinator"},
        "can_review_proposal": {"secretariat"},
        "can_read_proposal_comments": BOTH_SIDES,
        "can_comment_proposal": BOTH_SIDES,
    },
    "submitted": {
        "can_view_proposal": THE_GROUP,
        "can_edit_proposal": {"secretariat", "system"},
        "can_submit_proposal": set(),
        "can_review_proposal": {"secretariat"},
        "can_read_proposal_comments": BOTH_SIDES,
        "can_comment_proposal": BOTH_SIDES,
    },
    "approved": {
        "can_view_proposal": THE_GROUP,
        "can_edit_proposal": set(),
        "can_submit_proposal": set(),
        "can_review_proposal": set(),
        "can_read_proposal_comments": BOTH_SIDES,
        "can_comment_proposal": set(),
    },
}
# A new group's proposal, written by the country the secretariat named (Peru).
NEW_GROUP = {
    "can_view_proposal": {"secretariat", "proposer"},
    "can_edit_proposal": {"secretariat", "proposer", "system"},
    "can_submit_proposal": {"proposer"},
    "can_review_proposal": {"secretariat"},
    "can_read_proposal_comments": {"secretariat", "proposer"},
    "can_comment_proposal": {"secretariat", "proposer"},
}
RELATIONS = {
    "secretariat": Relation.SECRETARIAT,
    "coordinator": Relation.COORDINATOR,
    "member": Relation.MEMBER,
}


@pytest.fixture
def users(secretariat_user, coordinator, member_user, other_focal):
    return {
        "secretariat": secretariat_user,
        "coordinator": coordinator,  # INEGI: coordinates group IV
        "member": member_user,  # Chile: a member country of group IV
        "outsider": other_focal,  # DANE: Colombia takes no part in group IV
        "anonymous": AnonymousUser(),
        "system": SYSTEM,
        "proposer": factories.person("focal-inei", "INEI@PER"),  # Peru: not in group IV
    }


@pytest.fixture
def drafting(users):
    return build.opened(users["secretariat"])


def _allowed(function, users, *args) -> set:
    return {role for role in ROLES if getattr(policy, function)(users[role], *args)}


def _table(users, proposal) -> dict:
    return {function: _allowed(function, users, proposal) for function in ON_PROPOSAL}


def _into(state, proposal, users):
    if state in ("submitted", "approved"):
        proposal_submit(proposal=proposal, user=users["coordinator"])
    if state == "approved":
        # What drafting_approve records last (tests/test_drafting_services.py takes the whole way).
        Drafting.objects.filter(pk=proposal.drafting_id).update(status=Drafting.Status.APPROVED)
    return Proposal.objects.select_related("drafting__programme", "group", "continues").get(pk=proposal.pk)


@pytest.mark.parametrize("state", list(CONTINUING))
def test_a_continuing_groups_proposal(state, users, drafting):
    proposal = _into(state, build.proposal(drafting, 4), users)
    assert _table(users, proposal) == CONTINUING[state]
    if state == "approved":
        assert not proposal.is_editable


def test_how_each_role_stands_towards_a_proposal(users, drafting):
    proposal = build.proposal(drafting, 4)
    relations = {role: policy.proposal_relation(users[role], proposal) for role in ROLES}
    assert relations == {role: RELATIONS.get(role, Relation.NONE) for role in ROLES}


def test_a_new_groups_proposal_is_its_proposer_countrys(users, drafting):
    peru = Country.objects.get(iso3="PER")
    proposal = proposal_new_group(drafting=drafting, user=users["secretariat"], name_en="Data", proposer=peru)
    assert _table(users, proposal) == NEW_GROUP
    assert policy.proposal_relation(users["proposer"], proposal) is Relation.COORDINATOR
    own = proposal_new_group(drafting=drafting, user=users["secretariat"], name_en="Secretariat's own")
    assert _allowed("can_edit_proposal", users, own) == {"secretariat", "system"}


def test_the_secretariat_and_the_system_manage_the_drafting(users):
    for function in ("can_manage_drafting", "can_propose_new_group"):
        assert _allowed(function, users) == {"secretariat", "system"}


def test_a_draft_programmes_groups_are_read_by_the_group_until_published(users, drafting):
    proposal = build.proposal(drafting, 4)
    assert _allowed("can_read_group", users, proposal.group) == THE_GROUP
    assert _allowed("can_read_group", users, proposal.continues) == set(ROLES)
    drafting_publish(drafting=drafting, user=users["secretariat"])
    proposal = build.proposal(drafting, 4)
    assert _allowed("can_read_group", users, proposal.group) == set(ROLES)


def test_nobody_is_no_actor(drafting):
    proposal = build.proposal(drafting, 4)
    for function in ("can_edit_proposal", "can_comment_proposal"):
        with pytest.raises(TypeError):
            getattr(policy, function)(None, proposal)
    with pytest.raises(TypeError):
        policy.can_manage_drafting(None)
