"""Management commands and project-wide checks."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from activities.models import Objective

# Opening rounds and the schedule figures read today's date: it is frozen (conftest.FROZEN_NOW).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def test_check_translations_lists_gaps_and_exits_1(capsys):
    objective = Objective.objects.order_by("pk").first()
    objective.text_es = ""
    objective.save()
    with pytest.raises(SystemExit) as exit_:
        call_command("check_translations")
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    assert f"activities.Objective #{objective.pk}" in out and "text missing in es" in out


def test_demo_accounts_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only created when DEBUG is on"):
        call_command("create_demo_users")


def test_demo_account_created_once(settings):
    from django.contrib.auth import get_user_model

    settings.DEBUG = True
    call_command("create_demo_users")
    call_command("create_demo_users")
    user = get_user_model().objects.get(username="secretariat")
    assert user.is_staff and user.check_password("demo")
    assert user.has_perm("reporting.change_progressentry")


def test_demo_focal_points_and_round(settings, client, mailoutbox):
    """A first run gives two focal points and one open round with a report in the register,
    and running it again opens no second round."""
    from django.contrib.auth import get_user_model

    from accounts.models import Affiliation
    from reporting.models import ReportingRound
    from reports.models import Document

    settings.DEBUG = True
    call_command("create_demo_users")
    call_command("create_demo_users")
    users = get_user_model().objects
    for username, code in (("focal-mex", "INEGI@MEX"), ("focal-col", "DANE@COL")):
        user = users.get(username=username)
        assert user.check_password("demo") and not user.is_staff
        assert Affiliation.objects.get(user=user).institution.code == code
    [demo] = ReportingRound.objects.open()
    assert demo.programme.period == "2020-2021" and demo.number == 3 and demo.deadline > demo.opens_on
    assert Document.objects.get(round=demo).symbol == f"LC/{demo.meeting.code}/DEMO"
    # The focal points were told the round is open, once per group they coordinate.
    assert {m.to[0] for m in mailoutbox} == {"focal-mex@example.org", "focal-col@example.org"}
    client.force_login(users.get(username="focal-mex"))
    assert client.get(f"/en/rounds/{demo.meeting.code}/2020-2021/IV/").status_code == 200


def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_deploy_check_clean_with_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cea_portal.settings.production",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "cea.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
