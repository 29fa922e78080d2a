"""A group's proposal for the next programme, from the focal points' side and the review's:
every change to it goes through `proposal_editing` (asked of reporting.policy, locked, checked
against the version the editor saw), then it is submitted, returned with a comment or accepted,
with its conversation kept as a group report's is."""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.roles import person
from core.text import clean_text

from .. import policy
from ..models import Proposal, ProposalComment
from .copying import activity_carry


class ProposalConflict(Exception):
    """The proposal changed since the editor read it (another focal point, the secretariat)."""

    def __init__(self, proposal):
        super().__init__(
            _("Someone else changed this proposal meanwhile: reload it and make your change again.")
        )
        self.proposal = proposal


def _locked(proposal) -> Proposal:
    assert transaction.get_connection().in_atomic_block, "lock inside a transaction"
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("drafting", "group", "continues")
        .get(pk=proposal.pk)
    )


@contextmanager
def proposal_editing(proposal, user, *, version: int | None = None):
    """A change to the proposal's group: inside one transaction, with the proposal locked and
    allowed to `user`, refused with ProposalConflict if it moved on since `version`. A proposal
    not started, or returned, becomes a draft; its version grows."""
    with transaction.atomic():
        locked = _locked(proposal)
        if not policy.can_edit_proposal(user, locked):
            raise PermissionDenied
        if version is not None and locked.version != version:
            raise ProposalConflict(locked)
        yield locked
        if locked.status in (Proposal.Status.NOT_STARTED, Proposal.Status.RETURNED):
            locked.status = Proposal.Status.DRAFT
        locked.version += 1
        locked.updated_at = timezone.now()
        locked.save(update_fields=["status", "version", "updated_at"])
    proposal.status, proposal.version, proposal.updated_at = locked.status, locked.version, locked.updated_at


def proposal_carry(*, proposal, activities, user, version: int | None = None) -> list:
    """Carry `activities` (of the group the proposal continues) into the proposal, each after
    the last of its activities, linked to the activity it continues."""
    from ..drafting_reads import carry_candidates

    with proposal_editing(proposal, user, version=version) as locked:
        offered = {s.activity.pk for s in carry_candidates(locked)}
        refused = [a for a in activities if a.pk not in offered]
        if refused:
            raise ValidationError(
                {
                    "activities": _(
                        "Only unfinished activities of the group, not yet carried, can be carried forward."
                    )
                }
            )
        last = locked.group.activities.aggregate(last=Max("order"))["last"] or 0
        return [activity_carry(a, locked.group, order=last + i) for i, a in enumerate(activities, start=1)]


def proposal_end(*, proposal, user, ends: bool, reason_en: str = "", reason_es: str = "", version=None):
    """The group proposes to end with the current programme (or takes it back)."""
    with proposal_editing(proposal, user, version=version) as locked:
        if ends and locked.is_new_group:
            raise ValidationError({"ends": _("A new group has nothing to end.")})
        if ends and not clean_text(reason_en or reason_es or "").strip():
            raise ValidationError({"end_reason_en": _("Say why the group proposes to end.")})
        locked.ends = ends
        locked.end_reason_en = clean_text(reason_en or "").strip() if ends else ""
        locked.end_reason_es = clean_text(reason_es or "").strip() if ends else ""
        locked.full_clean()
        locked.save(update_fields=["ends", "end_reason", "end_reason_en", "end_reason_es"])
    # The caller's instance says what was saved (proposal_editing brings back only the status).
    for field in ("ends", "end_reason", "end_reason_en", "end_reason_es"):
        setattr(proposal, field, getattr(locked, field))
    return proposal


def proposal_submit(*, proposal, user, version: int | None = None) -> Proposal:
    """The focal points hand the proposal to the secretariat, which is told (notifications)."""
    from ..drafting_mail import proposal_status_notify

    with transaction.atomic():
        locked = _locked(proposal)
        if not policy.can_submit_proposal(user, locked):
            raise PermissionDenied
        if version is not None and locked.version != version:
            raise ProposalConflict(locked)
        locked.status = Proposal.Status.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.version += 1
        locked.save(update_fields=["status", "submitted_at", "version"])
        proposal_status_notify(locked, None)
    return locked


def comment_of(proposal, user, body, *, decision="", language="", now=None) -> ProposalComment:
    """An unsaved, checked message of `user` about the proposal."""
    side = (
        ProposalComment.Side.SECRETARIAT
        if policy.proposal_relation(user, proposal) is policy.Relation.SECRETARIAT
        else ProposalComment.Side.GROUP
    )
    comment = ProposalComment(
        proposal=proposal,
        author=person(user),
        side=side,
        decision=decision,
        body=clean_text(body).strip(),
        language=language,
        created_at=now or timezone.now(),
    )
    if not comment.body:
        raise ValidationError({"body": _("Write the message first.")})
    comment.full_clean()
    return comment


def proposal_review(*, proposal, user, accept: bool, comment: str = "", language: str = "") -> Proposal:
    """The secretariat accepts a submitted proposal, or returns it to the group with a comment,
    which joins the proposal's conversation."""
    from ..drafting_mail import proposal_status_notify

    comment = (comment or "").strip()
    with transaction.atomic():
        locked = _locked(proposal)
        if not policy.can_review_proposal(user, locked):
            raise PermissionDenied
        if locked.status != Proposal.Status.SUBMITTED:
            raise ValidationError(_("Only a submitted proposal can be accepted or returned."))
        if not accept and not comment:
            raise ValidationError({"comment": _("Say why the proposal is returned.")})
        message = None
        if comment:
            decision = ProposalComment.Decision.ACCEPTED if accept else ProposalComment.Decision.RETURNED
            message = comment_of(locked, user, comment, decision=decision, language=language)
            message.save()
        locked.status = Proposal.Status.ACCEPTED if accept else Proposal.Status.RETURNED
        locked.version += 1
        locked.save(update_fields=["status", "version"])
        proposal_status_notify(locked, message)
    return locked


def proposal_comment_add(*, proposal, user, body: str, language: str = "") -> ProposalComment:
    """Add `user`'s message to the conversation about the proposal, e-mailed to the other side."""
    from ..drafting_mail import proposal_comment_notify

    with transaction.atomic():
        locked = _locked(proposal)
        if not policy.can_comment_proposal(user, locked):
            raise PermissionDenied
        message = comment_of(locked, user, body, language=language)
        message.save()
        proposal_comment_notify(message)
    return message
