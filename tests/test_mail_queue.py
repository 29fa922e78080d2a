"""Every e-mail is written to the outbox with the work that sent it and leaves through a task
queued after its transaction commits (core/mail.py): a request never waits for the mail server,
and a transaction rolled back sends nothing. Here the queue has no broker, so the task runs in
the process after commit, as under `make run`; the outbox itself: tests/test_outbox.py."""

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.db import transaction

from core.outbox import OutgoingEmail
from reporting.services import round_open

from .support import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.PORTAL_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_an_email_goes_once_its_transaction_commits(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Subject", "Body", "portal@example.org", ["focal@example.org"])
        assert mail.outbox == []  # queued, not sent, while the transaction is open
    assert [(m.subject, m.to) for m in mail.outbox] == [("Subject", ["focal@example.org"])]
    assert list(OutgoingEmail.objects.values_list("subject", "status")) == [("Subject", "sent")]


def test_a_rolled_back_transaction_sends_nothing(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Subject", "Body", "portal@example.org", ["focal@example.org"])
        raise RuntimeError("the save failed")
    assert mail.outbox == [] and not OutgoingEmail.objects.exists()


def test_a_password_reset_is_mailed_through_the_queue(
    queued, client, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/es/accounts/password_reset/", {"email": coordinator.email})
    assert response.status_code == 302 and len(callbacks) == 1
    [message] = mail.outbox
    assert message.to == [coordinator.email] and "/es/accounts/reset/" in message.body


def test_opening_a_round_mails_the_focal_points_through_the_queue(
    queued, secretariat_user, coordinator, django_capture_on_commit_callbacks
):
    from groups.models import Programme

    planned = factories.reporting_round(Programme.objects.get(start_year=2020), number=3, status="planned")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        round_open(reporting_round=planned, user=secretariat_user)
    assert callbacks and all(coordinator.email in m.to for m in mail.outbox)
    assert any("Working group IV:" in m.subject for m in mail.outbox)
    assert OutgoingEmail.objects.filter(status="sent").count() == len(mail.outbox)
