"""Backing up the database and restoring it: every table and row, issued PDFs and the history
included, in the database's own format. PostgreSQL with its own tools (pg_dump's custom
format, then pg_restore into an empty database); SQLite with its online backup, which copies
a consistent state even while the portal runs. Or in JSON, for either engine (from `make run`'s
SQLite to PostgreSQL, say): Django's dumpdata as a restore needs it, which plain
`dumpdata --natural-foreign` is not (it carries the content types and permissions that the new
database's migrations make again, under other ids)."""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    pass


def _postgres_environment() -> dict:
    options = connection.settings_dict
    env = {
        **os.environ,
        "PGHOST": options.get("HOST") or "",
        "PGPORT": str(options.get("PORT") or ""),
        "PGUSER": options.get("USER") or "",
        "PGDATABASE": options["NAME"],
    }
    if options.get("PASSWORD"):
        env["PGPASSWORD"] = options["PASSWORD"]
    return env


def _run(command) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client).")
    result = subprocess.run(command, env=_postgres_environment(), capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def backup(target: Path) -> None:
    """Write the whole database to `target`."""
    if connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)])
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy)
    else:
        raise BackupError(f"No backup for {connection.vendor} databases.")


def restore(source: Path) -> None:
    """Restore a backup of `backup` into this (empty) database."""
    if not Path(source).is_file():
        raise BackupError(f"There is no backup file {source}.")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")
            if cursor.fetchone()[0]:
                raise BackupError("The database is not empty: restore into a new, empty database.")
        connection.close()
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--dbname",
                connection.settings_dict["NAME"],
                str(source),
            ]
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        if connection.introspection.table_names():
            raise BackupError("The database is not empty: restore into a new, empty database.")
        with closing(sqlite3.connect(source)) as copy:
            copy.backup(connection.connection)
    else:
        raise BackupError(f"No restore for {connection.vendor} databases.")


# Made again by `migrate` in the new database (their rows there may have other ids), or kept
# only while the portal runs: not part of what is restored.
NOT_RESTORED = ["contenttypes", "auth.permission", "sessions", "axes"]


def backup_json(target: Path) -> None:
    """Write every record to `target` as JSON, named by natural keys where rows refer to what
    migrate recreates (content types, permissions, groups)."""
    from django.core.management import call_command

    call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=True,
        exclude=NOT_RESTORED,
        output=str(target),
        verbosity=0,
    )


def restore_json(source: Path) -> None:
    """Migrate this database, which must hold none of the portal's records, and load `source`."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    portal = [m for m in apps.get_models() if m._meta.app_label in ("groups", "reporting", "reports")]
    if get_user_model().objects.exists() or any(m._default_manager.exists() for m in portal):
        raise BackupError("The database is not empty: restore into a new, empty database.")
    call_command("loaddata", str(source), verbosity=0)


def is_json(source: Path) -> bool:
    with open(source, "rb") as file:
        return file.read(1) == b"["
