"""E-mail about the drafting of the next programme, as reporting/notifications.py and
reporting/reminders.py write it about a group report: the focal points are told when the
drafting opens and reminded before its deadline while their proposal is not submitted; the
secretariat when a group submits; the focal points when the secretariat returns or accepts it;
each side when the other writes in the proposal's conversation."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Affiliation
from core.bilingual import LANGUAGES, shown

from .models import Drafting, Proposal, ProposalComment, ProposalReminder
from .notifications import _addresses, _secretariat

DONE = (Proposal.Status.SUBMITTED, Proposal.Status.ACCEPTED)


def _focal_points(proposal, exclude=None) -> list:
    """Who proposes: the focal points of the group it continues, or of the country named for a new
    group (reporting.policy.drafting.proposal_relation)."""
    if proposal.continues_id:
        affiliations = Affiliation.objects.focal_points_of(proposal.continues)
    elif proposal.proposer_id:
        affiliations = (
            Affiliation.objects.filter(institution__country=proposal.proposer_id, user__is_active=True)
            .exclude(user__email="")
            .select_related("user")
        )
    else:
        return []
    return [a.user for a in affiliations if a.user_id != getattr(exclude, "pk", None)]


def proposal_email(
    template: str, proposal, context: dict, recipients, languages=LANGUAGES, anchor=""
) -> EmailMessage:
    """`reporting/email/proposal_<template>_subject.txt` and `_body.txt` in each language, one
    after the other, with `url` (the proposal's page) and `name` in each language's words."""
    group = proposal.group or proposal.continues
    parts, subjects = [], []
    for lang in languages:
        with translation.override(lang):
            local = {
                **context,
                "proposal": proposal,
                "group": group,
                "drafting": proposal.drafting,
                "programme": proposal.drafting.programme,
                "name": shown(group, "name").text,
                "url": settings.PORTAL_URL.rstrip("/")
                + reverse("workspace:proposal", args=[proposal.drafting.programme.period, group.numeral])
                + anchor,
            }
            subjects.append(
                render_to_string(f"reporting/email/proposal_{template}_subject.txt", local).strip()
            )
            parts.append(render_to_string(f"reporting/email/proposal_{template}_body.txt", local).strip())
    return EmailMessage(
        " / ".join(dict.fromkeys(subjects)), "\n\n----------\n\n".join(parts), to=list(recipients)
    )


def proposal_status_notify(proposal, comment=None) -> None:
    """Tell whoever acts next that the proposal moved (call inside the transaction that moved it)."""
    if proposal.group is None:
        return
    if proposal.status == Proposal.Status.SUBMITTED:
        recipients = _addresses(_secretariat())
    elif proposal.status in (Proposal.Status.RETURNED, Proposal.Status.ACCEPTED):
        recipients = _addresses(_focal_points(proposal))
    else:
        return
    if recipients:
        proposal_email("review", proposal, {"status": proposal.status, "comment": comment}, recipients).send()


def proposal_comment_notify(comment: ProposalComment) -> None:
    """E-mail a message of the proposal's conversation to the other side."""
    proposal = comment.proposal
    if proposal.group is None:
        return
    if comment.side == ProposalComment.Side.SECRETARIAT:
        readers = _focal_points(proposal, exclude=comment.author)
    else:
        readers = list(_secretariat(exclude=comment.author))
    recipients = _addresses(readers)
    if recipients:
        proposal_email("comment", proposal, {"comment": comment}, recipients, anchor="#thread").send()


def _due(drafting, proposal, today) -> list[str]:
    kinds = [ProposalReminder.Kind.OPENED]
    warn_from = drafting.deadline - datetime.timedelta(days=settings.PROGRESS_REMINDER_DAYS)
    if warn_from <= today <= drafting.deadline and proposal.status not in DONE:
        kinds.append(ProposalReminder.Kind.DEADLINE)
    return kinds


def proposal_reminders_send(*, today: datetime.date) -> list[ProposalReminder]:
    """Send every drafting e-mail due today not sent yet (once each, however many servers run
    it: the unique record is written first); return those sent."""
    sent = []
    for drafting in Drafting.objects.filter(status=Drafting.Status.OPEN).select_related("programme"):
        proposals = drafting.proposals.with_groups().exclude(group=None)
        done = set(
            ProposalReminder.objects.filter(proposal__drafting=drafting).values_list("proposal_id", "kind")
        )
        for proposal in proposals:
            for kind in _due(drafting, proposal, today):
                recipients = _addresses(_focal_points(proposal))
                if (proposal.pk, kind) in done or not recipients:
                    continue
                try:
                    with transaction.atomic():
                        reminder = ProposalReminder.objects.create(
                            proposal=proposal,
                            kind=kind,
                            sent_at=timezone.now(),
                            recipients=", ".join(recipients),
                        )
                        proposal_email("reminder", proposal, {"kind": kind}, recipients).send()
                except IntegrityError:
                    continue
                sent.append(reminder)
    return sent
