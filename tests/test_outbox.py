"""The e-mail outbox (core/outbox.py): each e-mail is a row written with the work that sent it,
delivered once whatever runs the delivery (the task, a flush, two of them), kept when the broker
does not answer or the mail server fails, and delivered by the flush later. The broker that
does not answer is a real address nothing listens on, or a socket that never answers; the mail
server that fails, an address nothing listens on."""

import logging
import socket
import time
from contextlib import contextmanager, nullcontext
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.core.management import call_command
from django.utils import timezone

from cea_portal.celery import app
from core import tasks
from core.outbox import MAX_ATTEMPTS, OutgoingEmail, email_deliver, outbox_flush
from core.tasks import email_send

from .support import second_factor
from .support.served import free_port as refused_port  # bound, then let go: nothing listens

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.PORTAL_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@contextmanager
def silent_port():
    """A port that takes connections and never answers, as a hung broker does (kombu's
    defaults would wait on it forever)."""
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen(16)
        yield listening.getsockname()[1]


@pytest.fixture(params=["refused", "silent"])
def broker_down(request, settings, queued):
    """A broker configured, and at its address nothing listening, or nothing answering."""
    with silent_port() if request.param == "silent" else nullcontext(refused_port()) as port:
        url = f"redis://127.0.0.1:{port}/0"
        settings.CELERY_BROKER_URL = url
        app.conf.update(broker_url=url, task_always_eager=False)
        # Celery keeps the producers it made for the first broker it was given: forgotten, as
        # in a forked child, so that each test publishes to its own.
        app._after_fork()
        tasks._broker_rests_until = 0.0
        yield url
        app.conf.update(broker_url="", task_always_eager=True)
        app._after_fork()
        tasks._broker_rests_until = 0.0


def mailed(subject="Subject", to="focal@example.org"):
    send_mail(subject, "Body", "portal@example.org", [to])


def test_an_email_is_a_row_until_its_transaction_commits_then_sent(
    queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mailed()
        [email] = OutgoingEmail.objects.all()
        assert email.status == "pending" and email.recipients == "focal@example.org" and mail.outbox == []
    email.refresh_from_db()
    assert email.status == "sent" and email.attempts == 1 and email.sent_at is not None
    assert [m.subject for m in mail.outbox] == ["Subject"]


def test_an_email_is_delivered_once_however_often_its_delivery_runs(queued):
    mailed()  # the test's transaction never commits: nothing queued, the row pending
    [email] = OutgoingEmail.objects.all()
    assert email_deliver(email.pk) is True
    assert email_deliver(email.pk) is False
    email_send.apply(args=(email.pk,), throw=True)
    assert outbox_flush() == (0, 0)
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 1)


def test_an_email_another_delivery_holds_is_left_to_it(queued):
    mailed()
    email = OutgoingEmail.objects.get()
    claimed = (
        OutgoingEmail.objects.filter(pk=email.pk)
        .due()
        .update(next_attempt_at=timezone.now() + timedelta(minutes=10))
    )
    assert claimed == 1
    assert email_deliver(email.pk) is False and outbox_flush() == (0, 0) and mail.outbox == []
    # The claim of a worker killed in the middle lapses, and the flush then sends it.
    OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert outbox_flush() == (1, 0) and len(mail.outbox) == 1


def test_with_the_broker_down_the_request_succeeds_and_the_email_waits(
    broker_down, client, coordinator, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.WARNING, logger="core.tasks")
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es/accounts/password_reset/", {"email": coordinator.email})
    assert response.status_code == 302
    assert time.monotonic() - started < 4  # socket_timeout (2 s) for the silent one
    [email] = OutgoingEmail.objects.all()
    assert (email.status, email.attempts, email.recipients) == ("pending", 0, coordinator.email)
    assert mail.outbox == []
    [warning] = [r for r in caplog.records if r.name == "core.tasks"]
    assert "broker does not answer" in warning.getMessage()
    # Within the next seconds no request tries the broker again (nor waits), nor logs it again.
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        mailed("Second")
    assert time.monotonic() - started < 1
    assert len([r for r in caplog.records if r.name == "core.tasks"]) == 1
    # The broker back, the flush (beat's, a worker's as it starts, send_outbox) sends both.
    call_command("send_outbox", verbosity=0)
    assert sorted(m.subject for m in mail.outbox)[0] == "Second" and len(mail.outbox) == 2
    assert coordinator.email in mail.outbox[0].to + mail.outbox[1].to
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}


def test_a_mail_server_that_fails_is_tried_again_later_then_given_up(queued, settings):
    settings.PORTAL_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", refused_port(), 2
    mailed()
    email = OutgoingEmail.objects.get()
    assert email_deliver(email.pk) is False
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("pending", 1)
    assert "ConnectionRefusedError" in email.last_error
    assert timedelta(seconds=50) < email.next_attempt_at - timezone.now() <= timedelta(minutes=1)
    assert outbox_flush() == (0, 0)  # not yet due
    delays = []
    for attempt in range(2, MAX_ATTEMPTS + 1):  # each time it comes due, the flush tries again
        OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        assert outbox_flush() == (0, 0)
        email.refresh_from_db()
        assert email.attempts == attempt
        if email.next_attempt_at:
            delays.append(round((email.next_attempt_at - email.last_attempt_at).total_seconds() / 60))
    assert delays == [2, 4, 8, 16, 32, 60, 60, 60]  # minutes: growing, then hourly
    email.refresh_from_db()
    assert (email.status, email.attempts, email.next_attempt_at) == ("failed", MAX_ATTEMPTS, None)
    # The mail server back: what was given up stays given up (the admin shows it and why).
    settings.PORTAL_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox_flush() == (0, 0) and mail.outbox == []


def test_the_flush_prunes_what_finished_long_ago_and_keeps_what_waits(queued, settings):
    settings.EMAIL_OUTBOX_KEEP_DAYS = 30
    for subject in ("old sent", "recent sent", "old pending", "old failed"):
        mailed(subject)
    long_ago = timezone.now() - timedelta(days=31)
    OutgoingEmail.objects.filter(subject="old sent").update(status="sent", sent_at=long_ago)
    OutgoingEmail.objects.filter(subject="recent sent").update(status="sent", sent_at=timezone.now())
    OutgoingEmail.objects.filter(subject="old pending").update(created_at=long_ago)
    OutgoingEmail.objects.filter(subject="old failed").update(status="failed", last_attempt_at=long_ago)
    assert outbox_flush() == (1, 2)
    assert [m.subject for m in mail.outbox] == ["old pending"]
    assert sorted(OutgoingEmail.objects.values_list("subject", flat=True)) == ["old pending", "recent sent"]


def test_a_message_queued_before_the_outbox_goes_through_it(queued, django_capture_on_commit_callbacks):
    """A worker of this release may take a task the previous one queued: the message itself."""
    payload = {"subject": "Queued by the old release", "body": "Body", "to": ["focal@example.org"]}
    with django_capture_on_commit_callbacks(execute=True):
        email_send.apply(args=(payload,), throw=True)
    assert OutgoingEmail.objects.get().status == "sent"
    assert [m.subject for m in mail.outbox] == ["Queued by the old release"]


LIST = "/{lang}/admin/core/outgoingemail/"


@pytest.mark.parametrize(
    "lang, heading, status",
    [("en", "outgoing e-mail", "waiting to be sent"), ("es", "correo saliente", "pendiente de envío")],
)
def test_the_secretariat_sees_what_waits_but_not_the_messages(
    queued, secretariat_client, coordinator, lang, heading, status
):
    secretariat_client.post("/en/accounts/password_reset/", {"email": coordinator.email})
    email = OutgoingEmail.objects.get()  # pending: the test's transaction never commits
    key = email.payload["body"].split("/en/accounts/reset/")[1].split()[0]
    page = secretariat_client.get(LIST.format(lang=lang)).content.decode()
    assert heading in page.lower() and status in page and coordinator.email in page and key not in page
    change = secretariat_client.get(f"{LIST.format(lang=lang)}{email.pk}/change/")
    assert change.status_code == 200 and email.subject in change.content.decode()
    assert key not in change.content.decode() and 'name="_save"' not in change.content.decode()
    assert secretariat_client.get(f"{LIST.format(lang=lang)}add/").status_code == 403
    assert (
        secretariat_client.post(f"{LIST.format(lang=lang)}{email.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert OutgoingEmail.objects.filter(pk=email.pk, status="pending").exists()


def test_staff_outside_the_secretariat_do_not_see_the_outbox(queued, client, coordinator):
    from django.contrib.auth import get_user_model

    mailed()
    staff = get_user_model().objects.create_user("staff", password="pw", is_staff=True)
    second_factor.log_in(client, staff)
    assert client.get(LIST.format(lang="en")).status_code == 403
    client.force_login(coordinator)
    assert client.get(LIST.format(lang="en")).status_code == 302  # to the admin's log-in
