from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.roles import SYSTEM
from groups.models import Programme
from spreadsheets.errors import SpreadsheetError
from spreadsheets.formats import CSV, XLSX
from spreadsheets.resources.base import result_problems
from spreadsheets.sheets import sheets

COMMAND_MAX_ROWS = 200_000
COMMAND_MAX_BYTES = 200 * 1024 * 1024


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Import a folder written by export_sheets, every sheet in one transaction: any problem "
        "in any sheet is printed and nothing is written. Into an empty database it restores "
        "the programme as it was exported, closed rounds included."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        folder = Path(options["folder"])
        restoring = not Programme.objects.exists()
        failed = False
        try:
            with transaction.atomic():
                for stem, resource_class in sheets():
                    path = next(
                        (p for p in (folder / f"{stem}.xlsx", folder / f"{stem}.csv") if p.exists()), None
                    )
                    if path is None:
                        continue
                    # A whole programme's history: larger than the admin takes, still bounded.
                    file_format = (XLSX if path.suffix == ".xlsx" else CSV)(
                        max_rows=COMMAND_MAX_ROWS, max_bytes=COMMAND_MAX_BYTES
                    )
                    try:
                        file_format.check_size(path.stat().st_size)
                        dataset = file_format.create_dataset(path.read_bytes())
                    except SpreadsheetError as error:
                        self.stderr.write(f"{path.name}: {error}")
                        failed = True
                        continue
                    result = resource_class(restoring=restoring).import_data(
                        dataset, dry_run=False, use_transactions=True, user=SYSTEM
                    )
                    for problem in result_problems(result):
                        self.stderr.write(f"{path.name}: {problem}")
                    failed = failed or result.has_errors() or result.has_validation_errors()
                    self.stdout.write(
                        f"{path.name}: "
                        + ", ".join(f"{count} {kind}" for kind, count in result.totals.items() if count)
                    )
                if failed or options["dry_run"]:
                    raise Rollback
        except Rollback:
            if failed:
                raise CommandError("Nothing was written: correct the problems above.") from None
            self.stdout.write("Dry run: nothing was written.")
