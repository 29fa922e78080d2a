"""python manage.py render_document LC/CE.20/3 --lang es --output informe.pdf [--format docx|html]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.bilingual import LANGUAGES
from reports.delivery import document_docx, document_pdf
from reports.models import Document
from reports.rendering import document_html

SOURCES = {"issued": "as issued", "cache": "cached", "rendered": "rendered"}


class Command(BaseCommand):
    help = (
        "Write a document of the register as PDF, as Word (docx) or as the HTML both are made from, "
        "in one language. An issued document's PDF and Word file are the ones stored when it was issued."
    )

    def add_arguments(self, parser):
        parser.add_argument("symbol", help="The document's symbol, e.g. LC/CE.20/3.")
        parser.add_argument("--lang", required=True, choices=LANGUAGES)
        parser.add_argument("--output", required=True, type=Path, help="The file to write.")
        parser.add_argument("--format", default="pdf", choices=("pdf", "docx", "html"))

    def handle(self, symbol, lang, output, format, **options):
        try:
            document = Document.objects.get(symbol=symbol)
        except Document.DoesNotExist:
            known = ", ".join(Document.objects.order_by("symbol").values_list("symbol", flat=True))
            raise CommandError(
                f"No document {symbol!r} in the register (known: {known or 'none'})."
            ) from None
        version = document_html(document, lang)
        for gap in version.untranslated:
            self.stderr.write(
                f"Warning: not translated into {lang.upper()}, shown in the other language and marked: {gap}"
            )
        if format == "html":
            content, source = version.html.encode("utf-8"), "live data"
        else:
            delivered = (
                document_docx(document, lang) if format == "docx" else document_pdf(document, lang, wait=True)
            )
            if delivered is None:
                raise CommandError(
                    f"{document.symbol} was issued before Word files were stored: it has no issued Word file."
                )
            content, source = delivered.content, SOURCES[delivered.source]
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error}") from error
        self.stdout.write(
            f"{output}: {document.symbol} in {lang.upper()}, {format.upper()} "
            f"({source}), {len(content):,} bytes."
        )
