from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup, backup_json


class Command(BaseCommand):
    help = (
        "Write the whole database (every table and row, issued PDFs and history included) to "
        "FILE: pg_dump's custom format on PostgreSQL, a copy of the database on SQLite. "
        "restore_database brings it back. With --format json, Django's JSON of every record, "
        "which restore_database loads into a database of either engine."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=["native", "json"], default="native")

    def handle(self, *args, file, **options):
        try:
            (backup_json if options["format"] == "json" else backup)(file)
        except (BackupError, OSError) as error:
            raise CommandError(f"Nothing was backed up: {error}") from error
        self.stdout.write(f"{file}: {file.stat().st_size:,} bytes.")
