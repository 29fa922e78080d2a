"""Moving the reporting models from activities to reporting drops no table and changes no row.

A database is made by main's code as it was before the move (commit 13a2b36, extracted with
git archive into a temporary directory and run with this venv's python): migrate,
load_programme, create_demo_users (which opens the demo round CE.21), and group 2020-2021/IV's
progress submitted in that round by its focal point, through main's own service, so the
database holds an open round, a submitted report, its entries, their history and the round's
reminders. Every row of every table is read with raw SQL; then this tree's migrate runs on that
database, and everything is read again. The test proves that:

- every table that existed still exists, and every row of every table is the same, column
  by column (a dropped or renamed column would show as changed rows), except
- django_migrations and auth_permission, which only gain rows (existing permission ids keep
  their content), and django_content_type, where only the five moved models' app_label
  changes, from activities to reporting, keeping their ids (so permissions follow them), and
  the models renamed since (migration_rows.RENAMED: IssuedPdf, now IssuedFile) keep their
  content type's id under the new name and every row in their renamed table;
- the moved tables hold the same, non-zero, number of rows, and this tree's reporting models
  read exactly those rows;
- the Secretariat group still holds reporting.review_groupreport (and a secretariat user has it),
  though the permission was granted as activities.review_groupreport.

On SQLite the old database is a temporary file; when the test run is on PostgreSQL, it is a
database of its own on the same server, dropped at the end."""

import json
import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from .support import databases, migration_rows

pytestmark = pytest.mark.slow  # another checkout's commands in processes of their own

OLD_COMMIT = "13a2b36"  # main just before the move
TIMEOUT = 300  # seconds per command: generous, a command takes a few seconds

# Run by main's code (`manage.py shell -c`): group IV's progress submitted in the open demo
# round by INEGI's focal point, as the progress form does (activities.services, old signature).
SUBMIT_PROGRESS = """
from django.contrib.auth import get_user_model
from activities.models import GroupReport, ReportingRound
from activities.services import EntryValues, progress_save
from groups.models import WorkingGroup

group = WorkingGroup.objects.by_code("2020-2021", "IV")
reporting_round = ReportingRound.objects.get(meeting__code="CE.21")
report = GroupReport.objects.filter(round=reporting_round, group=group).first()
entries = {activity.pk: EntryValues(5 + 10 * (i % 10), f"Done {i}.", f"Hecho {i}.")
           for i, activity in enumerate(group.activities.order_by("order"))}
result = progress_save(group=group, reporting_round=reporting_round,
                       user=get_user_model().objects.get(username="focal-mex"),
                       entries=entries, notes={}, seen_version=report.version if report else 0,
                       submit=True)
assert result.report.status == GroupReport.Status.SUBMITTED, result.report.status
assert result.changes, "the submission recorded no history"
"""

# Run by this tree's code after its migrate: what the moved models and the Secretariat read.
READ_BACK = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from reporting import models

moved = (models.ReportingRound, models.ProgressEntry, models.GroupReport,
         models.ProgressChange, models.RoundReminder)
secretariat = Group.objects.get(name="Secretariat")
print("RESULT", json.dumps({
    "pks": {m._meta.db_table: sorted(m.objects.values_list("pk", flat=True)) for m in moved},
    "group_perms": sorted(f"{p.content_type.app_label}.{p.codename}"
                          for p in secretariat.permissions.select_related("content_type")),
    "user_may_review": get_user_model().objects.get(username="secretariat")
                       .has_perm("reporting.review_groupreport"),
}))
"""


def run(args, cwd, database_url):
    """One manage.py command on `database_url`; the test fails with its stderr if it fails."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cea_portal.settings.development",
        "DATABASE_URL": database_url,
    }
    # The old tree must import its own code only, never this tree's.
    env.pop("PYTHONPATH", None)
    try:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=True,
        ).stdout
    except subprocess.CalledProcessError as error:
        pytest.fail(
            f"manage.py {args[0]} in {cwd} exited with {error.returncode}:\n{error.stderr[-6000:]}",
            pytrace=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"manage.py {args[0]} in {cwd} took over {TIMEOUT} s", pytrace=False)


def extract_old_tree(target):
    """Commit OLD_COMMIT's files in `target`; fails (never skips) without git or the commit:
    the move is only proven against the real code before it."""
    if shutil.which("git") is None:
        pytest.fail(
            f"git is not installed: the test needs it to extract main before the move ({OLD_COMMIT}).",
            pytrace=False,
        )
    archive = subprocess.run(
        ["git", "archive", OLD_COMMIT], cwd=settings.BASE_DIR, capture_output=True, timeout=60
    )
    if archive.returncode:
        pytest.fail(
            f"git archive {OLD_COMMIT} failed in {settings.BASE_DIR} (is the commit "
            f"fetched? a shallow clone lacks it):\n{archive.stderr.decode()}",
            pytrace=False,
        )
    target.mkdir()
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True, timeout=60)
    return target


@pytest.fixture
def old_database(tmp_path):
    """An empty database for the old code, of the test run's own kind."""
    with databases.own_database(tmp_path, "old") as database:
        yield database


def fill_with_old_code(tree, url):
    for args in (
        ["migrate", "--noinput"],
        ["load_programme"],
        ["create_demo_users"],
        ["shell", "-c", SUBMIT_PROGRESS],
    ):
        run(args, tree, url)


def assert_submitted_round(rows):
    """The scenario is the one described above, or the comparison would prove less."""
    reports = rows["activities_groupreport"]
    assert any(r["status"] == "submitted" and r["version"] > 0 for r in reports), reports
    assert rows["activities_progresschange"], "no history rows before the migrate"
    assert rows["activities_roundreminder"], "no reminders before the migrate"


def read_back(url):
    """What this tree's models read from the migrated database, as READ_BACK prints it."""
    output = run(["shell", "-c", READ_BACK], settings.BASE_DIR, url)
    line = next((ln for ln in output.splitlines() if ln.startswith("RESULT ")), None)
    assert line, f"READ_BACK printed no result:\n{output}"
    return json.loads(line.removeprefix("RESULT "))


def assert_models_read_same_rows(before, reading):
    for table, pks in reading["pks"].items():
        stored = sorted(row["id"] for row in before[table])
        assert pks == stored, f"reporting's model on {table} reads ids {pks}, the table held {stored}"


def assert_secretariat_may_review(reading):
    perms = reading["group_perms"]
    assert "reporting.review_groupreport" in perms, f"the Secretariat group holds only {perms}"
    assert "reporting.open_close_reportinground" in perms, f"the Secretariat group holds only {perms}"
    assert not [
        p for p in perms if p.split(".")[1].endswith(migration_rows.MOVED) and not p.startswith("reporting.")
    ], f"a moved model's permission is elsewhere: {perms}"
    assert reading["user_may_review"], "the secretariat user lost reporting.review_groupreport"


def test_migrating_main_database_keeps_every_table_and_row(tmp_path, old_database, capsys):
    tree = extract_old_tree(tmp_path / "old_tree")
    fill_with_old_code(tree, old_database["url"])
    before = migration_rows.dump(old_database)
    assert_submitted_round(before)

    run(["migrate", "--noinput"], settings.BASE_DIR, old_database["url"])
    after = migration_rows.dump(old_database)

    problems = migration_rows.differences(before, after)
    assert not problems, "The migrate changed what it must not:\n" + "\n".join(problems)
    reading = read_back(old_database["url"])
    assert_models_read_same_rows(before, reading)
    assert_secretariat_may_review(reading)
    with capsys.disabled():  # the figures go straight to the terminal, for the record
        print(f"\n[{connection.vendor}] {migration_rows.summary(before, after)}")
