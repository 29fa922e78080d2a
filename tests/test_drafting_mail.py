"""E-mail about the drafting (reporting/drafting_mail.py), through the portal's mail queue as
tests/test_mail_queue.py sends it: the focal points are told once when the drafting opens and
reminded once before the deadline (within PROGRESS_REMINDER_DAYS) while their proposal is not
submitted, however often the reminders run; the secretariat when a group submits; the focal
points, with the comment, when it is returned; each side of the conversation by the other."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from core.outbox import OutgoingEmail
from reporting.drafting_mail import proposal_reminders_send
from reporting.models import ProposalReminder
from reporting.services import proposal_comment_add, proposal_review, proposal_submit

from .support import drafting_services as build

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

INEGI_GROUPS = ["I", "IV", "VI", "VII", "IX", "X"]  # the groups INEGI coordinates (fixtures)


@pytest.fixture
def queued(settings, django_capture_on_commit_callbacks):
    """Each block sends through the queue (core.mail) and delivers once it commits."""
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.PORTAL_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    def flushed():
        return django_capture_on_commit_callbacks(execute=True)

    return flushed


def _to(address):
    return [m for m in mail.outbox if address in m.to]


def test_opening_tells_each_groups_focal_points_once(
    queued, secretariat_user, coordinator, other_focal, frozen_today
):
    with queued():
        drafting = build.opened(secretariat_user)
    told = _to(coordinator.email)
    assert sorted(m.subject.split(":")[0].split()[-1] for m in told) == sorted(INEGI_GROUPS)
    [iv] = [m for m in told if m.subject.startswith("Working group IV:")]
    assert "propose your programme of work for 2022-2023" in iv.subject
    assert "/en/proposals/2022-2023/IV/" in iv.body and "/es/proposals/2022-2023/IV/" in iv.body
    assert "to be approved at the eleventh meeting of the Statistical Conference" in iv.body
    assert "Grupo de trabajo IV: proponga su programa de trabajo 2022-2023" in iv.subject
    assert "La secretaría ha abierto la elaboración del programa de trabajo 2022-2023" in iv.body
    assert "undécima reunión de la Conferencia Estadística de las Américas" in iv.body
    assert other_focal.email not in iv.to and _to(other_focal.email)  # DANE: groups I, VII, VIII, IX
    assert OutgoingEmail.objects.filter(status="sent").count() == len(mail.outbox)
    sent = len(mail.outbox)
    with queued():
        assert proposal_reminders_send(today=frozen_today) == []
        assert proposal_reminders_send(today=frozen_today + datetime.timedelta(days=1)) == []
    assert len(mail.outbox) == sent and drafting.proposals.count() == 11
    assert ProposalReminder.objects.filter(kind="deadline").count() == 0  # the deadline is a month away


def test_the_deadline_reminder_goes_once_within_the_days_before_it(
    queued, settings, secretariat_user, coordinator, frozen_today
):
    settings.PROGRESS_REMINDER_DAYS = 7
    deadline = frozen_today + datetime.timedelta(days=20)
    with queued():
        drafting = build.opened(secretariat_user, deadline=deadline)
    proposal_submit(proposal=build.proposal(drafting, 10), user=coordinator)  # X is done
    mail.outbox.clear()
    with queued():
        assert proposal_reminders_send(today=deadline - datetime.timedelta(days=8)) == []
    with queued():
        reminders = proposal_reminders_send(today=deadline - datetime.timedelta(days=7))
    assert {r.proposal.continues.numeral for r in reminders if coordinator.email in r.recipients} == {
        "I",
        "IV",
        "VI",
        "VII",
        "IX",
    }
    assert {r.kind for r in reminders} == {"deadline"}
    [iv] = [m for m in _to(coordinator.email) if m.subject.startswith("Working group IV:")]
    assert "proposal for the next programme due" in iv.subject and "This is a reminder" in iv.body
    assert "propuesta para el próximo programa de trabajo, plazo" in iv.subject
    assert "Le recordamos que su grupo de trabajo aún no ha enviado su propuesta" in iv.body
    sent = len(mail.outbox)
    with queued():
        assert proposal_reminders_send(today=deadline - datetime.timedelta(days=7)) == []
        assert proposal_reminders_send(today=deadline) == []
    assert len(mail.outbox) == sent


def test_submitting_tells_the_secretariat_and_returning_the_focal_points_with_the_comment(
    queued, secretariat_user, coordinator
):
    secretariat_user.email = "clerk@example.org"
    secretariat_user.save()
    drafting = build.opened(secretariat_user)
    proposal = build.proposal(drafting, 4)
    mail.outbox.clear()
    with queued():
        proposal_submit(proposal=proposal, user=coordinator)
    [submitted] = mail.outbox
    assert submitted.to == ["clerk@example.org"] and "IV" in submitted.subject
    assert "/en/proposals/2022-2023/IV/" in submitted.body and "/es/proposals/2022-2023/IV/" in submitted.body
    mail.outbox.clear()
    with queued():
        proposal_review(
            proposal=proposal, user=secretariat_user, accept=False, comment="Give activity 2 months."
        )
    [returned] = mail.outbox
    assert returned.to == [coordinator.email]
    assert "proposal for 2022-2023 returned with comments" in returned.subject
    assert "propuesta para 2022-2023 devuelta con comentarios" in returned.subject
    assert returned.body.count("Give activity 2 months.") == 2  # under each language's words
    mail.outbox.clear()
    with queued():
        proposal_comment_add(proposal=proposal, user=coordinator, body="Which months do you suggest?")
    [asked] = mail.outbox
    assert asked.to == ["clerk@example.org"] and "Which months do you suggest?" in asked.body
    mail.outbox.clear()
    with queued():
        proposal_comment_add(proposal=proposal, user=secretariat_user, body="Those of 2022.")
    [answered] = mail.outbox
    assert answered.to == [coordinator.email] and "#thread" in answered.body


def test_a_refused_return_sends_nothing(queued, secretariat_user, coordinator):
    drafting = build.opened(secretariat_user)
    proposal = build.proposal(drafting, 4)
    proposal_submit(proposal=proposal, user=coordinator)
    mail.outbox.clear()
    queued_before = OutgoingEmail.objects.count()
    with queued(), pytest.raises(ValidationError, match="returned"):
        proposal_review(proposal=proposal, user=secretariat_user, accept=False, comment="")
    assert mail.outbox == [] and OutgoingEmail.objects.count() == queued_before
