"""Management commands and project-wide checks."""
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from activities.models import Objective

pytestmark = pytest.mark.django_db


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
    assert user.has_perm("activities.change_progressentry")


def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_deploy_check_clean_with_production_settings():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cea_portal.settings.production",
           "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
           "DJANGO_ALLOWED_HOSTS": "cea.example.org"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=settings.BASE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
