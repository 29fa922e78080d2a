"""The drafting of the next programme, from the secretariat's side: opening it (each group's
proposal starts as a copy of its current programme), a new group's proposal, publishing the
draft and recording the Conference's approval, which makes the draft the programme in force
without copying anything by hand."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import Meeting, Programme, WorkingGroup

from .. import policy
from ..models import Drafting, Proposal
from .copying import group_copy


def drafting_open(
    *, start_year: int, end_year: int, meeting, deadline, user, today=None, follows=None
) -> Drafting:
    """Open the drafting of the programme of `start_year`-`end_year`, following `follows` (by
    default the programme in force): its groups' proposals start from their current programme,
    and their focal points are told at once, then reminded before `deadline`
    (reporting/drafting_mail.py)."""
    if not policy.can_manage_drafting(user):
        raise PermissionDenied
    today = today or timezone.localdate()
    errors = {}
    if end_year < start_year:
        errors["end_year"] = _("The last year cannot be before the first.")
    follows = follows or Programme.objects.current()
    if follows and start_year <= follows.end_year:
        errors["start_year"] = _("The next programme starts after %(period)s, the programme in force.") % {
            "period": follows.period
        }
    if Programme.objects.filter(start_year=start_year).exists():
        errors["start_year"] = _("There is already a programme starting in %(year)s.") % {"year": start_year}
    if deadline < today:
        errors["deadline"] = _("The deadline cannot be in the past.")
    if meeting.body != Meeting.Body.CONFERENCE:
        errors["meeting"] = _("A programme is approved at a meeting of the Conference.")
    if Drafting.objects.filter(status=Drafting.Status.OPEN).exists():
        errors["__all__"] = _("The drafting of another programme is open: approve it first.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        programme = Programme.objects.create(
            start_year=start_year, end_year=end_year, status=Programme.Status.DRAFT, follows=follows
        )
        drafting = Drafting.objects.create(
            programme=programme, meeting=meeting, deadline=deadline, opened_at=timezone.now()
        )
        groups = follows.groups.order_by("number") if follows else WorkingGroup.objects.none()
        for group in groups:
            Proposal.objects.create(drafting=drafting, continues=group, group=group_copy(group, programme))
    _remind(today)
    return drafting


def _remind(today) -> None:
    from ..drafting_mail import proposal_reminders_send

    proposal_reminders_send(today=today)


def proposal_new_group(
    *, drafting: Drafting, user, name_en: str, name_es: str = "", proposer=None
) -> Proposal:
    """A new group's proposal, begun empty at the next free position of the draft programme:
    the secretariat's own, or that of the country it names (`proposer`), whose focal points then
    write it."""
    if not policy.can_propose_new_group(user):
        raise PermissionDenied
    if not drafting.is_open:
        raise ValidationError(_("The drafting of this programme is closed."))
    if not (name_en or "").strip():
        raise ValidationError({"name_en": _("Name the new group.")})
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=drafting.programme_id)
        last = programme.groups.aggregate(last=Max("number"))["last"] or 0
        group = WorkingGroup(
            programme=programme, number=last + 1, name_en=name_en.strip(), name_es=name_es.strip()
        )
        group.full_clean()
        group.save()
        proposal = Proposal(drafting=drafting, group=group, proposer=proposer)
        proposal.full_clean()
        proposal.save()
    return proposal


def drafting_publish(*, drafting: Drafting, user) -> Drafting:
    """Show the draft programme to readers (pages, documents, API), marked as a draft."""
    if not policy.can_manage_drafting(user):
        raise PermissionDenied
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=drafting.programme_id)
        if programme.published_at is None:
            programme.published_at = timezone.now()
            programme.save(update_fields=["published_at"])
    drafting.programme = programme
    return drafting


def unfinished_proposals(drafting: Drafting) -> list[Proposal]:
    """Proposals not yet accepted: the approval waits for them."""
    return list(drafting.proposals.with_groups().exclude(status=Proposal.Status.ACCEPTED))


def drafting_approve(
    *, drafting: Drafting, user, meeting, approved_on, resolution_en: str, resolution_es: str = ""
):
    """Record the Conference's approval: the draft becomes the programme in force (rounds from
    then on report on it), the groups that proposed to end leave it, and the previous programme
    stays as it was, with its rounds, documents and history."""
    if not policy.can_manage_drafting(user):
        raise PermissionDenied
    errors = {}
    if meeting.body != Meeting.Body.CONFERENCE:
        errors["meeting"] = _("A programme is approved at a meeting of the Conference.")
    if not (resolution_en or "").strip():
        errors["resolution_en"] = _("Give the resolution that approved the programme.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        drafting = Drafting.objects.select_for_update().select_related("programme").get(pk=drafting.pk)
        if not drafting.is_open:
            raise ValidationError(_("This programme has already been approved."))
        waiting = unfinished_proposals(drafting)
        if waiting:
            names = ", ".join(p.group.numeral if p.group else str(p) for p in waiting)
            raise ValidationError(
                _("Accept every proposal before recording the approval; still waiting: %(groups)s.")
                % {"groups": names}
            )
        for proposal in drafting.proposals.filter(ends=True).select_related("group"):
            if proposal.group is not None:
                proposal.group.delete()  # its copy; the proposal keeps what it continued
        programme = drafting.programme
        programme.status = Programme.Status.APPROVED
        programme.approved_at = meeting
        programme.approved_on = approved_on
        programme.resolution_en = resolution_en.strip()
        programme.resolution_es = (resolution_es or "").strip()
        programme.full_clean()
        programme.save()
        drafting.status = Drafting.Status.APPROVED
        drafting.save(update_fields=["status"])
    return drafting
