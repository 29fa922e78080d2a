from django.core.management.base import BaseCommand, CommandError

from core.roles import SYSTEM
from spreadsheets.from_word.importing import import_document
from spreadsheets.from_word.reading import Unreadable


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
        "nothing and ends with one line: new: N, changed: M, unchanged: K."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE.docx")
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

    def handle(self, *args, **options):
        if len(options["files"]) > 2:
            raise CommandError("Give one .docx, or two: the document in English and in Spanish.")
        answers = dict(_answer(text) for text in options["answer"])
        try:
            result = import_document(
                options["files"], user=SYSTEM, confirm=options["confirm"], answers=answers
            )
        except (Unreadable, OSError) as error:
            raise CommandError(str(error)) from None
        *lines, summary = result.lines()
        for line in lines:
            self.stdout.write(line)
        if options["confirm"] and not result.written:
            self.stderr.write(summary)
            raise CommandError("Nothing was written: answer the questions and correct the problems above.")
        if result.written:
            self.stdout.write("Written.")
        self.stdout.write(summary)
