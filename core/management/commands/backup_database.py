from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup


class Command(BaseCommand):
    help = ("Write the whole database (every table and row, issued PDFs and history included) to "
            "FILE: pg_dump's custom format on PostgreSQL, a copy of the database on SQLite. "
            "restore_database brings it back.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            backup(file)
        except (BackupError, OSError) as error:
            raise CommandError(f"Nothing was backed up: {error}") from error
        self.stdout.write(f"{file}: {file.stat().st_size:,} bytes.")
