from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, is_json, restore, restore_json


class Command(BaseCommand):
    help = (
        "Restore a backup written by backup_database into the database DATABASE_URL names, "
        "which must be new and empty (createdb on PostgreSQL; a new file on SQLite). A JSON "
        "backup (backup_database --format json) goes into a database of either engine."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            (restore_json if file.is_file() and is_json(file) else restore)(file)
        except (BackupError, OSError) as error:
            raise CommandError(f"Nothing was restored: {error}") from error
        self.stdout.write(f"Restored {file}.")
