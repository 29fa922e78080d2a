"""`send_reminders` may run on every server at the same time (cron on each, or Celery beat):
each reminder still goes once, because its record in the database is unique and is written
before the e-mail is queued. Shown with two real processes started together, on a database of
their own (SQLite or PostgreSQL, as the test run), delivering through the file e-mail backend."""

import subprocess
import sys

import pytest
from django.conf import settings

from .support.served import manage, production_env, programme_database

pytestmark = pytest.mark.slow  # send_reminders in two processes at once

# A round open for the 2020-2021 programme, with a focal point for each coordinating institution.
PREPARE = """
import datetime
from django.contrib.auth import get_user_model
from accounts.models import Affiliation
from groups.models import GroupRole, Meeting, Programme
from reporting.models import ReportingRound

for n, role in enumerate(GroupRole.objects.filter(role="coordinating").select_related("institution")):
    user = get_user_model().objects.create_user(f"focal{n}", f"focal{n}@example.org", "pw")
    Affiliation.objects.get_or_create(user=user, institution=role.institution)
meeting = Meeting.objects.create(body="committee", number=40, is_virtual=True,
                                 start_date=datetime.date(2031, 4, 1), end_date=datetime.date(2031, 4, 2))
ReportingRound.objects.create(programme=Programme.objects.get(start_year=2020), meeting=meeting,
                              number=3, opens_on=datetime.date.today(),
                              deadline=datetime.date.today() + datetime.timedelta(days=5), status="open")
"""
COUNT = """
from reporting.models import RoundReminder
print("REMINDERS", RoundReminder.objects.count())
"""


@pytest.fixture
def database(tmp_path):
    with programme_database(tmp_path, "reminders") as made:
        yield made


def test_two_servers_sending_reminders_at_once_send_each_once(database, tmp_path):
    outbox = tmp_path / "outbox"
    env = production_env(
        database["url"],
        tmp_path / "static",
        EMAIL_FILE_PATH=str(outbox),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        PROGRESS_REMINDER_DAYS="7",
    )
    manage(env, "shell", "-c", PREPARE)
    runs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "send_reminders"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _server in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _out, err in outputs]
    recorded = int(manage(env, "shell", "-c", COUNT).split("REMINDERS")[1])
    # The file backend names a file by the second and an object's id, so the two processes may
    # append to one file: the messages are counted, not the files.
    lines = [line for mail in outbox.iterdir() for line in mail.read_text().splitlines()]
    subjects = [line for line in lines if line.startswith("Subject:")]
    # The round's opening and its deadline (in 5 days, within the 7 days), for each group with
    # a focal point: each claimed by one of the two runs, and mailed once.
    claimed = [int(out.strip().splitlines()[-1].split()[0]) for out, _err in outputs]
    assert recorded > 0 and recorded % 2 == 0
    assert sum(claimed) == recorded
    assert sum(line.startswith("Message-ID:") for line in lines) == recorded
    assert len(subjects) == recorded and len(set(subjects)) == recorded  # no message twice
