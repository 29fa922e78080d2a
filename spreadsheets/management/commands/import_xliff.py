from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.roles import SYSTEM
from spreadsheets.xliff import importing
from spreadsheets.xliff.files import XliffUnreadable


class Command(BaseCommand):
    help = (
        "Import an XLIFF file translated with a translator's tool (exported by export_xliff). "
        "--preview (the default) shows what would change and writes nothing; --confirm writes it "
        "all in one transaction. A file with any problem writes nothing; a text whose source "
        "changed since the export is refused alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The translated .xlf file.")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--preview", action="store_true", help="Show what would change (the default).")
        mode.add_argument("--confirm", action="store_true", help="Write the translations.")

    def handle(self, *args, **options):
        try:
            content = Path(options["file"]).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from None
        try:
            if options["confirm"]:
                result = importing.import_file(content, user=SYSTEM)
            else:
                result = importing.preview(content)
        except XliffUnreadable as error:
            raise CommandError(f"{error} Nothing was written.") from None
        except importing.XliffRefused as refused:
            for problem in refused.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(refused.problems)} problem(s); nothing was written.") from None
        for line in result.lines:
            if line.status in (importing.NEW, importing.CHANGED, importing.REFUSED):
                self.stdout.write(
                    f"  line {line.unit.line}, {line.unit.id}: {line.status} {line.reason}".rstrip()
                )
        if not options["confirm"]:
            self.stdout.write("Preview: nothing written (--confirm writes it).")
        self.stdout.write(result.summary())
        missing = result.still_missing()
        if options["confirm"] and missing is not None:
            self.stdout.write(f"{result.scope_name}: {missing} text(s) still lack {result.target}.")
