"""Every e-mail the portal sends (a round opened, reminders, password resets, anything Django
itself sends) leaves through this backend: it is queued as a task (core.tasks.email_send) once
the transaction that sent it commits, so that a request never waits for the mail server and a
rolled-back transaction sends nothing. The task delivers it through PORTAL_EMAIL_BACKEND."""

from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend


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


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from .tasks import email_send, enqueue

        # Through enqueue, not the task's delay: with no broker, Celery's eager delay still asks
        # kombu for a connection to serialise the message, and kombu then warns that no broker
        # host was supplied, a warning that reads like a fault on every first run.
        for message in email_messages:
            enqueue(email_send, as_payload(message))
        return len(email_messages)
