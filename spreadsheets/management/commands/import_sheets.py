from django.core.management.base import BaseCommand, CommandError

from core.roles import SYSTEM
from groups.models import Programme
from spreadsheets.folders import FolderRefused, import_folder


class Command(BaseCommand):
    help = (
        "Import a folder written by export_sheets (xlsx, csv or yaml files), every sheet in one "
        "transaction: any problem in any sheet is printed and nothing is written. Into an empty "
        "database it restores the programme as it was exported, closed rounds included."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        restoring = not Programme.objects.exists()
        try:
            outcome = import_folder(
                options["folder"], user=SYSTEM, dry_run=options["dry_run"], restoring=restoring
            )
        except FolderRefused as refused:
            for line in refused.outcome.lines():
                self.stdout.write(line)
            for problem in refused.outcome.problems:
                self.stderr.write(problem)
            raise CommandError("Nothing was written: correct the problems above.") from None
        for line in outcome.lines():
            self.stdout.write(line)
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
