"""Who may do what in the drafting of the next programme (reporting.models.drafting), by the
rules of reporting.policy: the secretariat opens, reviews, publishes and approves; the focal
points of a continuing group's coordinating institutions propose its programme (a new group's,
the focal points of the country the secretariat named); the group's members read it. Until the
secretariat publishes the draft, a proposal is private to its group and the secretariat."""

from core.roles import SystemActor

from . import Relation, _an_actor, _institution, _secretariat, _verified, relation


def proposal_relation(user, proposal) -> Relation:
    """How the user stands towards a proposal: as towards the group it continues (fixed when the
    drafting opened, whatever countries the proposal names), or, for a new group, as a focal
    point of the country named to propose it."""
    if not user.is_authenticated or not user.is_active or not _verified(user):
        return Relation.NONE
    if _secretariat(user):
        return Relation.SECRETARIAT
    if proposal.continues_id:
        return relation(user, proposal.continues)
    institution = _institution(user)
    if proposal.proposer_id and institution is not None and institution.country_id == proposal.proposer_id:
        return Relation.COORDINATOR
    return Relation.NONE


def can_manage_drafting(user) -> bool:
    """Open the drafting of the next programme, name who proposes a new group, publish the draft
    and record the Conference's approval."""
    _an_actor(user)
    return isinstance(user, SystemActor) or _secretariat(user)


def readable_programmes(user):
    """The programmes `user` may read, and their documents: the approved ones and a published
    draft, for everyone; every draft too, for the secretariat."""
    from groups.models import Programme

    if user.is_authenticated and not isinstance(user, SystemActor) and _secretariat(user):
        return Programme.objects.all()
    return Programme.objects.readable()


def can_read_programme(user, programme) -> bool:
    """A programme's documents and the documents of its rounds and groups (readable_programmes)."""
    return programme.is_readable or readable_programmes(user).filter(pk=programme.pk).exists()


def can_view_proposal(user, proposal) -> bool:
    """The proposal's page with its status and warnings: its group (members read it) and the
    secretariat."""
    return proposal_relation(user, proposal) is not Relation.NONE


def can_read_group(user, group) -> bool:
    """A group's reading pages and its API record: any group of a readable programme (approved, or
    a published draft); a group of an unpublished draft only for its proposal's side."""
    if group.programme.is_readable:
        return True
    proposal = getattr(group, "proposal", None)
    return proposal is not None and can_view_proposal(user, proposal)


def can_edit_proposal(user, proposal) -> bool:
    """Change the proposal (its texts, roles, objectives, activities, outputs, financing; carry
    activities forward; propose to end) in the browser or the workbook: its focal points while it
    is theirs (not submitted nor accepted), the secretariat at any time, while the drafting is
    open; the system actor (the demo's loader)."""
    _an_actor(user)
    if not proposal.drafting.is_open:
        return False
    if isinstance(user, SystemActor):
        return True
    who = proposal_relation(user, proposal)
    return who is Relation.SECRETARIAT or (
        who is Relation.COORDINATOR and proposal.status in proposal.EDITABLE
    )


def can_submit_proposal(user, proposal) -> bool:
    """Submit the proposal to the secretariat: its focal points, while they may change it."""
    return proposal_relation(user, proposal) is Relation.COORDINATOR and can_edit_proposal(user, proposal)


def can_review_proposal(user, proposal) -> bool:
    """Return a submitted proposal with a comment, or accept it."""
    return proposal.drafting.is_open and _secretariat(user)


def can_read_proposal_comments(user, proposal) -> bool:
    """The conversation about a proposal: its two sides."""
    return proposal_relation(user, proposal) in (Relation.SECRETARIAT, Relation.COORDINATOR)


def can_comment_proposal(user, proposal) -> bool:
    """Write in that conversation while the drafting is open."""
    _an_actor(user)
    return proposal.drafting.is_open and can_read_proposal_comments(user, proposal)


def can_propose_new_group(user) -> bool:
    """Start a new group's proposal (for the secretariat itself or for a country it names)."""
    return can_manage_drafting(user)
