"""Two focal points saving the same report at the same moment, on real app server processes
(gunicorn, two workers): one save wins, the other gets the documented 409 with the winner's
values, never a 500; on SQLite (`make run`'s database: WAL, a busy timeout, and transactions
that take the write lock when they begin) as on PostgreSQL."""

import re
import threading

import pytest

from .support.served import Browser, first_run, gunicorn

pytestmark = pytest.mark.slow  # gunicorn app servers

OPEN_A_ROUND = """
import datetime
from django.contrib.auth import get_user_model
from accounts.models import Affiliation
from groups.models import Institution, Meeting, Programme
from reporting.models import ReportingRound
meeting = Meeting.objects.create(body="committee", number=42, is_virtual=True,
                                 start_date=datetime.date(2031, 4, 1), end_date=datetime.date(2031, 4, 2))
ReportingRound.objects.create(programme=Programme.objects.get(start_year=2020), meeting=meeting, number=3,
                              status="open", opens_on=datetime.date(2031, 2, 1),
                              deadline=datetime.date(2031, 3, 1))
for name in ("focal-a", "focal-b"):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "a focal point's password")
    Affiliation.objects.create(user=user, institution=Institution.objects.get(code="INEGI@MEX"))
"""
FORM = "/en/rounds/CE.42/2020-2021/IV/"


def _fields(page: str, percent: int) -> dict:
    """The form as the page has it, every percentage `percent`, saved as a draft."""
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page))
    fields.update(dict.fromkeys(re.findall(r'<textarea[^>]*name="([^"]+)"', page), ""))
    fields.update({name: str(percent) for name in re.findall(r'<input[^>]*name="(a\d+-percent)"', page)})
    return {**fields, "action": "draft"}


def _save_at_once(server: str, editors: list, forms: list) -> list:
    """Each editor posts its form at the same moment; the statuses they get, in order."""
    start, statuses = threading.Barrier(len(editors)), [None] * len(editors)

    def save(n):
        start.wait()
        statuses[n] = editors[n].request(server + FORM, forms[n]).status

    threads = [threading.Thread(target=save, args=(n,)) for n in range(len(editors))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def test_of_two_simultaneous_saves_one_wins_and_the_other_gets_409(tmp_path):
    """On the run's own kind of database: CI runs the suite on both."""
    with first_run(tmp_path, "concurrent", OPEN_A_ROUND) as env, gunicorn(env, workers=2) as server:
        editors = [Browser(), Browser()]
        for editor, name in zip(editors, ("focal-a", "focal-b"), strict=True):
            assert editor.log_in(server, name, "a focal point's password").status == 302
        for attempt in range(6):
            # Both opened the report at the same version, and save at once.
            forms = [
                _fields(editor.request(server + FORM).body.decode(), 10 * attempt + n)
                for n, editor in enumerate(editors, 1)
            ]
            statuses = _save_at_once(server, editors, forms)
            assert sorted(statuses) == [302, 409], f"attempt {attempt}: answered {statuses}"
