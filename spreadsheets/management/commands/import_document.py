from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.roles import SYSTEM
from spreadsheets.from_word.importing import import_reading
from spreadsheets.from_word.reading import Unreadable
from spreadsheets.from_word.workbook import is_workbook, read_named, workbook_of


def _answer(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise CommandError(f"--answer takes KEY=VALUE, not {text!r}.")
    return key.strip(), value.strip()


class Command(BaseCommand):
    help = (
        "Read one document from its Word original (one .docx, or two: English and Spanish), the "
        "portal's own .docx or a report typed in the Conference's conventions, and check (--preview, "
        "the default) or write (--confirm) the records it holds, all or nothing. The preview writes "
        "nothing and ends with one line: new: N, changed: M, unchanged: K. --workbook OUT.xlsx also "
        "writes what was read as a workbook to correct in Excel; that workbook is read in place of "
        "the .docx files."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE.docx|READING.xlsx")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--preview", action="store_true", help="Check and write nothing (the default).")
        mode.add_argument("--confirm", action="store_true", help="Write the records, all or nothing.")
        parser.add_argument(
            "--answer",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="The answer to a question of the preview (repeatable).",
        )
        parser.add_argument(
            "--workbook",
            metavar="OUT.xlsx",
            help="Write what was read, with the answers given, as a workbook (one sheet per sheet).",
        )

    def handle(self, *args, **options):
        if len(options["files"]) > 2:
            raise CommandError("Give one .docx, or two: the document in English and in Spanish.")
        if options["workbook"] and not is_workbook(options["workbook"]):
            raise CommandError(f"--workbook names an .xlsx file, not {options['workbook']!r}.")
        answers = dict(_answer(text) for text in options["answer"])
        try:
            reading = read_named([(name, Path(name).read_bytes()) for name in options["files"]])
        except (Unreadable, OSError) as error:
            raise CommandError(str(error)) from None
        if options["workbook"]:
            Path(options["workbook"]).write_bytes(workbook_of(reading.answered(answers)))
            self.stdout.write(f"Workbook written: {options['workbook']}")
        result = import_reading(reading, user=SYSTEM, confirm=options["confirm"], answers=answers)
        *lines, summary = result.lines()
        for line in lines:
            self.stdout.write(line)
        if options["confirm"] and not result.written:
            self.stderr.write(summary)
            raise CommandError("Nothing was written: answer the questions and correct the problems above.")
        if result.written:
            self.stdout.write("Written.")
        self.stdout.write(summary)
