from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.bilingual import LANGUAGES
from spreadsheets.xliff import files, scope


class Command(BaseCommand):
    help = (
        "Export for the translators, as XLIFF 1.2, the texts of a working group, a reporting round "
        "or a document that lack a language (with --all, every text, for revision); the other "
        "language is the source. Prints the translation check: how many texts lack the language."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--group", help="A working group: 2020-2021/IV.")
        which.add_argument("--round", help="A reporting round, by its meeting: CE.20.")
        which.add_argument("--document", help="A document, by its symbol: LC/CE.20/3.")
        parser.add_argument("--to", default="es", choices=LANGUAGES, help="The language to translate into.")
        parser.add_argument("--all", action="store_true", help="Every text, not only those lacking it.")
        parser.add_argument("--output", help="The file to write (default: named after what it covers).")

    def handle(self, *args, **options):
        kind = next(k for k in ("group", "round", "document") if options[k])
        try:
            covered = scope.named(f"{kind}:{options[kind]}")
        except LookupError:
            raise CommandError(f"There is no {kind} {options[kind]}.") from None
        target = options["to"]
        source = next(lang for lang in LANGUAGES if lang != target)
        texts = covered.to_translate(source, target, revision=options["all"])
        self.stdout.write(f"{covered.name}: {covered.missing(target)} text(s) lack {target}.")
        if not texts:
            self.stdout.write("Nothing to translate; no file written.")
            return
        output = Path(options["output"] or files.file_name(covered, target))
        output.write_bytes(files.write(covered, texts, source=source, target=target))
        self.stdout.write(f"{len(texts)} text(s) from {source} into {target} written to {output}.")
