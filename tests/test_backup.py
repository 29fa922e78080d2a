"""The documented backup restores: a database holding issued files (PDF and Word), history and
texts in both languages, backed up with `backup_database` and restored with `restore_database`
into an empty one, holds every row of every table and every byte of the issued files as before
(read with raw SQL). On the test run's own kind of database, in processes of their own as an
operator would run them."""

import datetime
import json

import pytest

from .support import databases, migration_rows
from .support.served import manage, programme_database

pytestmark = pytest.mark.slow  # the portal's commands in processes of their own

# Run as the operator would before a backup: a document issued (its PDF and Word files stored), a
# group's progress submitted in the demo round (its history), texts in both languages (the fixtures).
PREPARE = """
from django.contrib.auth import get_user_model
from reporting.models import ReportingRound
from reporting.services import EntryValues, progress_save
from groups.models import WorkingGroup
from reports.models import Document
from reports.services import document_issue

secretariat = get_user_model().objects.get(username="secretariat")
document_issue(document=Document.objects.get(symbol="LC/CEA.10/5"), user=secretariat)
group = WorkingGroup.objects.by_code("2020-2021", "IV")
progress_save(group=group, reporting_round=ReportingRound.objects.get(meeting__code="CE.21"),
              user=get_user_model().objects.get(username="focal-mex"),
              entries={a.pk: EntryValues(40, "Done.", "Hecho.") for a in group.activities.all()},
              notes={}, seen_version=0, submit=True)
"""


@pytest.fixture
def two_databases(tmp_path):
    with (
        programme_database(tmp_path, "live") as live,
        databases.own_database(tmp_path, "restored") as restored,
    ):
        yield [live, restored]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """The database as the operator has it before a backup (the demo users, then PREPARE), made
    once for the module: rendering the issued files is most of a test's time."""
    directory = tmp_path_factory.mktemp("backup-prepared")
    with programme_database(directory, "prepared") as database:
        manage(_env(database), "create_demo_users")
        manage(_env(database), "shell", "-c", PREPARE)
        yield database


@pytest.fixture
def prepared_copy(prepared, tmp_path):
    """A copy of `prepared` of the test's own, to back up (nothing a test does reaches another)."""
    with databases.own_database(tmp_path, "live", copy_of=prepared) as live:
        yield live


def _env(database):
    import os

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cea_portal.settings.development",
        "DATABASE_URL": database["url"],
    }


def test_a_backup_restores_every_row_and_every_issued_byte(prepared_copy, tmp_path):
    live = prepared_copy
    backup = tmp_path / "portal.backup"
    manage(_env(live), "backup_database", str(backup))
    with databases.own_database(tmp_path, "restored") as restored:
        manage(_env(restored), "restore_database", str(backup))
        before, after = migration_rows.dump(live), migration_rows.dump(restored)
    assert before == after
    files = {(row["language"], row["format"]): bytes(row["content"]) for row in before["reports_issuedfile"]}
    assert sorted(files) == [("en", "docx"), ("en", "pdf"), ("es", "docx"), ("es", "pdf")]
    assert all(
        content.startswith(b"%PDF" if format == "pdf" else b"PK") for (_l, format), content in files.items()
    )
    assert any(row["source"] == "form" for row in before["activities_progresschange"])
    assert before["groups_workinggroup"][0]["name_es"]


def test_restoring_into_a_database_that_is_not_empty_is_refused(two_databases, tmp_path):
    live, _restored = two_databases
    backup = tmp_path / "portal.backup"
    manage(_env(live), "backup_database", str(backup))
    with pytest.raises(AssertionError, match="The database is not empty"):
        manage(_env(live), "restore_database", str(backup))


# Kept only while the portal runs, or made again by migrate under ids of their own.
TRANSIENT = {
    "django_session",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    "django_content_type",
    "auth_permission",
    "auth_group_permissions",
    "auth_user_user_permissions",
    "django_admin_log",
    "django_migrations",
}
# Each engine's own full-text machinery over search_entry's words (search/migrations/0002): made
# by the target's migrations from the rows restored, not carried by a backup.
ENGINE_OWN = {"search_entry_fts": None, "search_entry": {"vector"}}  # table: its columns, None: all


def _same_everywhere(value):
    """A stored value as either engine's driver gives it back: PostgreSQL's aware datetimes,
    booleans and JSON as SQLite's texts and integers show them."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.dumps(json.loads(value), sort_keys=True)
        except ValueError:
            return value
    return value


def _lasting(rows):
    own = {table: columns or set() for table, columns in ENGINE_OWN.items()}
    return {
        table: [
            {
                column: _same_everywhere(value)
                for column, value in row.items()
                if column not in own.get(table, ())
            }
            for row in content
        ]
        for table, content in rows.items()
        if table not in TRANSIENT and (table not in ENGINE_OWN or ENGINE_OWN[table] is not None)
    }


def test_a_json_backup_restores_into_sqlite_whatever_it_came_from(prepared_copy, tmp_path):
    """backup_database --format json (Django's dumpdata as a restore needs it) loads back with
    restore_database into a new SQLite database, from the run's own kind of database."""
    live = prepared_copy
    target = databases.sqlite_database(tmp_path / "moved.sqlite3")
    backup = tmp_path / "portal.json"
    manage(_env(live), "backup_database", "--format", "json", str(backup))
    manage(_env(target), "restore_database", str(backup))
    before, after = _lasting(migration_rows.dump(live)), _lasting(migration_rows.dump(target))
    assert before == after
    assert len(after["reports_issuedfile"]) == 4 and after["activities_progresschange"]
    with pytest.raises(AssertionError, match="The database is not empty"):
        manage(_env(target), "restore_database", str(backup))
