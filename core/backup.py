"""Backing up the database and restoring it: every table and row, issued PDFs and the history
included, in the database's own format. PostgreSQL with its own tools (pg_dump's custom
format, then pg_restore into an empty database); SQLite with its online backup, which copies
a consistent state even while the portal runs."""
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
    env = {**os.environ, "PGHOST": options.get("HOST") or "", "PGPORT": str(options.get("PORT") or ""),
           "PGUSER": options.get("USER") or "", "PGDATABASE": options["NAME"]}
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
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
              "--dbname", connection.settings_dict["NAME"], str(source)])
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        if connection.introspection.table_names():
            raise BackupError("The database is not empty: restore into a new, empty database.")
        with closing(sqlite3.connect(source)) as copy:
            copy.backup(connection.connection)
    else:
        raise BackupError(f"No restore for {connection.vendor} databases.")
