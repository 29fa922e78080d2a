from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.roles import SYSTEM
from reporting.services import ProgressConflict
from spreadsheets.errors import ImportRefused, SpreadsheetError
from spreadsheets.services import workbook_import, workbook_preview


class Command(BaseCommand):
    help = (
        "Import a filled progress workbook into an open round: prints what changes; with any "
        "problem, prints them all and writes nothing (exit status 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The filled .xlsx workbook.")
        parser.add_argument("--round", required=True, help="The round it is for: CE.21.")
        parser.add_argument("--dry-run", action="store_true", help="Show the changes, write nothing.")
        parser.add_argument(
            "--user",
            help="Record the changes as this user's (who must be allowed "
            "to edit the group's progress); by default, the "
            "system actor, recorded with no user.",
        )

    def handle(self, *args, **options):
        user = SYSTEM
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"There is no user {options['user']}.")
        try:
            content = Path(options["file"]).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from None
        try:
            with transaction.atomic():
                preview = workbook_preview(content, user=user, round_code=options["round"])
                self._show(preview)
                if options["dry_run"] or not preview.entries:
                    self.stdout.write("Nothing written." if options["dry_run"] else "Nothing to change.")
                    return
                result = workbook_import(preview, user=user)
        except SpreadsheetError as error:
            raise CommandError(str(error)) from None
        except ImportRefused as refused:
            for problem in refused.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(refused.problems)} problem(s); nothing was written.") from None
        except ProgressConflict:
            raise CommandError("The group report changed while importing; run the command again.") from None
        values = [c for c in result.changes if c.field != "status"]
        self.stdout.write(
            f"Imported: {len(values)} value(s) changed; group report version {result.report.version}."
        )

    def _show(self, preview):
        self.stdout.write(f"Group {preview.group.code}, round {preview.reporting_round.meeting.code}:")
        for row in preview.rows:
            self.stdout.write(f"  row {row.row}, activity {row.activity.order}: {row.status}")
            for name, old, new in row.changes:
                self.stdout.write(f"    {name}: {old or '—'} -> {new or '—'}")
        for change in preview.saved_since_download:
            self.stdout.write(
                f"  saved after the workbook was downloaded and replaced by it: activity "
                f"{change.activity.order if change.activity else '—'} {change.field} = {change.new_value}"
            )
