"""Every e-mail the portal sends (a round opened, reminders, password resets, anything Django
itself sends) leaves through this backend: it is written to the outbox (core.outbox) in the
transaction that sent it, and delivered by a task (core.tasks.email_send) once that transaction
commits, so that a request never waits for the mail server, a rolled-back transaction sends
nothing, and an e-mail outlives a broker that is down. The task delivers it through
PORTAL_EMAIL_BACKEND."""

import logging

from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)


def as_payload(message) -> dict:
    """What a task needs to send `message` again (a JSON-serialisable dict)."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [list(pair) for pair in getattr(message, "alternatives", [])],
    }


def from_payload(payload) -> EmailMultiAlternatives:
    payload = dict(payload)
    alternatives = [tuple(pair) for pair in payload.pop("alternatives", [])]
    return EmailMultiAlternatives(alternatives=alternatives, **payload)


def email_queue(message):
    """The outbox's row for `message`, written in the current transaction, and its delivery
    queued for when that transaction commits."""
    from .outbox import OutgoingEmail
    from .tasks import email_send, enqueue

    payload = as_payload(message)
    # A savepoint: on PostgreSQL a failed write would otherwise spoil the caller's transaction.
    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            payload=payload,
            subject=str(message.subject),
            recipients=", ".join(payload["to"] + payload["cc"] + payload["bcc"]),
        )
    enqueue(email_send, email.pk)
    return email


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            try:
                email_queue(message)
            except DatabaseError:
                # Django's error mail to ADMINS asks for silence: the error it reports is logged.
                if not self.fail_silently:
                    raise
                logger.exception("E-mail %r not queued: the database refused it.", message.subject)
            else:
                queued += 1
        return queued
