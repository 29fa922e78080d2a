"""Tasks that know no domain. Each is retried when its service fails, and acknowledged only once
done (CELERY_TASK_ACKS_LATE), so a worker killed in the middle leaves it for another."""
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection

from .mail import from_payload


@shared_task(autoretry_for=(OSError, smtplib.SMTPException), retry_backoff=True,
             retry_backoff_max=600, max_retries=10)
def email_send(payload: dict) -> None:
    """Deliver one e-mail queued by core.mail.QueuedEmailBackend."""
    message = from_payload(payload)
    message.connection = get_connection(settings.PORTAL_EMAIL_BACKEND)
    message.send()
