"""With the task queue's broker down, no e-mail is lost and no request fails: shown with real
processes on loopback (tests/support/served.py), a gunicorn app server with the production
settings and a Redis of its own as the broker, which the test stops and starts again on the same
port. A focal point submits a group report while the broker is down: the answer is the usual
redirect, the report is saved, and the e-mail to the secretariat waits in the outbox; once the
broker is back it is delivered, once, by beat's flush, or by a worker as it starts."""

import email
import json
import re
import time
import uuid
from email.header import decode_header, make_header

import pytest

from .support.served import (
    Browser,
    celery_worker,
    celery_worker_with_beat,
    first_run,
    free_port,
    gunicorn,
    manage,
    redis_server_at,
    wait_until,
)

pytestmark = pytest.mark.slow  # a gunicorn app server, Redis servers and Celery workers

# An open round of the 2020-2021 programme, INEGI's focal point (INEGI coordinates group IV)
# and a clerk of the secretariat, whom a submission mails.
SETUP = """
import datetime
from django.contrib.auth import get_user_model
from accounts.models import Affiliation
from core.roles import secretariat_group
from groups.models import Institution, Meeting, Programme
from reporting.models import ReportingRound

meeting = Meeting.objects.create(body="committee", number=42, is_virtual=True,
                                 start_date=datetime.date(2031, 4, 1), end_date=datetime.date(2031, 4, 2))
ReportingRound.objects.create(programme=Programme.objects.get(start_year=2020), meeting=meeting,
                              number=3, status="open", opens_on=datetime.date(2031, 2, 1),
                              deadline=datetime.date(2031, 3, 1))
User = get_user_model()
focal = User.objects.create_user("focal", "focal@example.org", "a focal point's password")
Affiliation.objects.create(user=focal, institution=Institution.objects.get(code="INEGI@MEX"))
User.objects.create_user("clerk", "clerk@example.org", "a clerk's password", is_staff=True).groups.add(
    secretariat_group()
)
"""
STATE = """
import json
from core.outbox import OutgoingEmail
from reporting.models import GroupReport
print("STATE", json.dumps({
    "reports": [r.status for r in GroupReport.objects.filter(round__meeting__number=42, group__number=4)],
    "emails": list(OutgoingEmail.objects.order_by("pk").values_list("recipients", "status")),
}))
"""
FORM = "/en/rounds/CE.42/2020-2021/IV/"


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    with first_run(tmp_path_factory.mktemp("broker-down"), "broker_down", SETUP) as env:
        yield env


def broker_env(portal, port, outbox, **extra) -> dict:
    return {
        **portal,
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{port}/0",
        "CELERY_QUEUE": f"cea-test-{uuid.uuid4().hex}",
        "EMAIL_FILE_PATH": str(outbox),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        **extra,
    }


def state(env) -> dict:
    return json.loads(manage(env, "shell", "-c", STATE).split("STATE", 1)[1])


def messages(outbox) -> list[str]:
    """Every message the file backend wrote (it may append several to one file)."""
    if not outbox.exists():
        return []
    return [
        message
        for mail in sorted(outbox.iterdir())
        for message in mail.read_text().split("\n" + "-" * 79 + "\n")
        if "Message-ID:" in message
    ]


def submitted_form(page: str) -> dict:
    """The progress form's fields as the page has them, every percentage 60, and "submit"."""
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page))
    fields.update(dict.fromkeys(re.findall(r'<textarea[^>]*name="([^"]+)"', page), ""))
    for name in re.findall(r'<input[^>]*name="(a\d+-percent)"', page):
        fields[name] = "60"
    return {**fields, "action": "submit"}


def test_a_submission_while_the_broker_is_down_is_saved_and_mailed_once_it_is_back(portal, tmp_path):
    port, outbox = free_port(), tmp_path / "outbox"
    # Beat flushes every 10 s here (a minute in production), to keep the test short.
    env = broker_env(portal, port, outbox, EMAIL_OUTBOX_FLUSH_SECONDS="10")
    with (
        redis_server_at(port) as broker,
        gunicorn(env, workers=1) as base,
        celery_worker_with_beat(env, tmp_path),
    ):
        log = tmp_path / "worker.log"
        wait_until(lambda: " ready." in log.read_text(), what="the worker")  # before the broker stops
        focal = Browser()
        assert focal.log_in(base, "focal", "a focal point's password").status == 302
        page = focal.request(base + FORM).body.decode()
        broker.terminate()
        broker.wait(timeout=30)
        started = time.monotonic()
        answer = focal.request(base + FORM, submitted_form(page))
        took = time.monotonic() - started
        assert answer.status == 302, answer.body[-2000:]
        assert took < 5, f"the submission waited {took:.1f} s for the broker"
        assert state(env) == {"reports": ["submitted"], "emails": [["clerk@example.org", "pending"]]}
        assert messages(outbox) == []
        with redis_server_at(port):  # the broker is back, on the same port
            wait_until(lambda: messages(outbox), timeout=60, what="the delivery once the broker was back")
            time.sleep(12)  # a further flush of beat's, which must not send it again
    [message] = [email.message_from_string(text) for text in messages(outbox)]
    assert message["To"] == "clerk@example.org" and "IV" in str(
        make_header(decode_header(message["Subject"]))
    )
    assert state(env)["emails"] == [["clerk@example.org", "sent"]]


def test_an_email_that_waited_for_the_broker_goes_when_a_worker_starts(portal, tmp_path):
    port, outbox = free_port(), tmp_path / "outbox"
    env = broker_env(portal, port, outbox)
    before = len(state(env)["emails"])
    with gunicorn(env, workers=1) as base:  # no broker at its address
        asked = Browser().submit(base + "/en/accounts/password_reset/", {"email": "focal@example.org"})
        assert asked.status == 302
    assert state(env)["emails"][before:] == [["focal@example.org", "pending"]]
    with redis_server_at(port), celery_worker(env):  # the broker back, and a worker, without beat
        wait_until(lambda: messages(outbox), timeout=60, what="the delivery by the worker as it started")
    [message] = messages(outbox)
    assert "To: focal@example.org" in message and "/en/accounts/reset/" in message
    assert state(env)["emails"][before:] == [["focal@example.org", "sent"]]
