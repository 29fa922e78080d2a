"""The outbox: every e-mail the portal sends is first a row here, written in the transaction
that sent it (a transaction rolled back sends nothing), then delivered by a task once that
transaction commits. The row, not the broker, is what keeps the e-mail: when the broker is down
the task is not queued, the row stays pending, and the flush (Celery beat every minute, a
worker as it starts, or `manage.py send_outbox` from cron) delivers it once the broker is back.

A delivery first claims its row with one conditional UPDATE, so that two workers, a flush and a
task, never both send one e-mail; a claim lapses after CLAIM, for a worker killed mid-send."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

CLAIM = timedelta(minutes=10)  # longer than any one delivery (EMAIL_TIMEOUT bounds SMTP's)
MAX_ATTEMPTS = 10  # failed deliveries before an e-mail is given up: some four hours of retries
FLUSH_BATCH = 200  # e-mails one flush delivers at most; the next flush takes the rest


def retry_delay(attempts: int) -> timedelta:
    """How long after its `attempts`-th failed delivery an e-mail is tried again: 1, 2, 4, ...
    minutes, then every hour."""
    return timedelta(minutes=min(2 ** (attempts - 1), 60))


class OutgoingEmailQuerySet(models.QuerySet):
    def due(self, now=None):
        """Pending e-mails that nobody is delivering and whose next attempt has come."""
        now = now or timezone.now()
        return self.filter(status=OutgoingEmail.Status.PENDING).filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
        )

    def finished_before(self, moment):
        """Sent or given up before `moment`: what pruning removes."""
        return self.filter(
            Q(status=OutgoingEmail.Status.SENT, sent_at__lt=moment)
            | Q(status=OutgoingEmail.Status.FAILED, last_attempt_at__lt=moment)
        )


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("given up")

    # What the task needs to send it again (core.mail.as_payload); its body is never shown in
    # the admin, since a password reset's body is a key to its account.
    payload = models.JSONField(_("message"))
    subject = models.TextField(_("subject"))
    recipients = models.TextField(_("recipients"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("delivery attempts"), default=0)
    # While pending: when it may be tried next (empty: at once); while claimed: when the claim
    # lapses.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return self.subject


def email_deliver(pk: int) -> bool:
    """Send the outbox's e-mail `pk` through PORTAL_EMAIL_BACKEND, unless it is sent, given up,
    or being sent by another; True when this call sent it. A failure is recorded on the row
    (tried again later, by the flush), never raised."""
    from .mail import from_payload

    now = timezone.now()
    claimed = (
        OutgoingEmail.objects.filter(pk=pk)
        .due(now)
        .update(attempts=F("attempts") + 1, next_attempt_at=now + CLAIM, last_attempt_at=now)
    )
    if not claimed:
        return False
    email = OutgoingEmail.objects.get(pk=pk)
    try:
        message = from_payload(email.payload)
        message.connection = get_connection(settings.PORTAL_EMAIL_BACKEND)
        message.send()
    except Exception as error:  # the mail server's, or a bad address: kept, tried again
        _failed(email, error)
        return False
    OutgoingEmail.objects.filter(pk=pk).update(
        status=OutgoingEmail.Status.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error=""
    )
    return True


def _failed(email, error) -> None:
    given_up = email.attempts >= MAX_ATTEMPTS
    logger.warning(
        "E-mail %s (%r) not delivered, attempt %d%s: %s",
        email.pk,
        email.subject,
        email.attempts,
        ", given up" if given_up else "",
        error,
    )
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmail.Status.FAILED if given_up else OutgoingEmail.Status.PENDING,
        next_attempt_at=None if given_up else timezone.now() + retry_delay(email.attempts),
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )


def outbox_flush(limit: int = FLUSH_BATCH) -> tuple[int, int]:
    """Deliver the e-mails that are due, oldest first, and prune those finished more than
    EMAIL_OUTBOX_KEEP_DAYS ago: (sent, pruned). Safe to run in many places at once."""
    keep = timedelta(days=settings.EMAIL_OUTBOX_KEEP_DAYS)
    pruned, _per_model = OutgoingEmail.objects.finished_before(timezone.now() - keep).delete()
    due = OutgoingEmail.objects.due().order_by("pk").values_list("pk", flat=True)[:limit]
    sent = sum(email_deliver(pk) for pk in list(due))
    return sent, pruned
