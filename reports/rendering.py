"""The one PDF contract: `render_document(document, lang) -> bytes`, and its Word twin
`render_docx(document, lang) -> bytes` written from the same HTML.

A document is first written as HTML from templates/reports/pdf/ inside
`translation.override(lang)`, then laid out by WeasyPrint as a tagged PDF (PDF/UA-1) that may
read nothing but the project's static files."""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from core.bilingual import has_text, shown
from core.wording import day_label

from .fetcher import STATIC_BASE_URL, StaticFilesFetcher
from .models import Document

# Tagged for accessibility: structure tree, document language and title in the PDF.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


@dataclass
class DocumentHtml:
    """A document written as HTML in one language, with the texts that had to stand in for a
    missing translation ("Activity 12: text")."""

    html: str
    lang: str
    untranslated: list[str] = field(default_factory=list)


def _language_lines(document: Document, lang: str) -> list[str]:
    """ "ENGLISH" / "ORIGINAL: SPANISH" as the heading block prints them; a version in its
    original language carries only the second line."""
    names = {"en": gettext("ENGLISH"), "es": gettext("SPANISH")}
    original = gettext("ORIGINAL: %(language)s") % {"language": names[document.original_language]}
    return [original] if lang == document.original_language else [names[lang], original]


def _heading(document: Document, lang: str, untranslated: list) -> dict:
    date = shown(document, "date", lang)
    if date.untranslated:
        untranslated.append(f"{document._meta.verbose_name} {document.symbol}: date")
    return {
        "distribution": document.get_distribution_display().upper(),
        "date": day_label(date.text) if date.text else "",
        "date_untranslated": date.untranslated,
        "language_lines": _language_lines(document, lang),
        "title": shown(document, "title", lang).text,
    }


def _written_sections(document: Document) -> list[tuple[str, str]]:
    """(field, heading) of the secretariat's sections that have a text in some language."""
    return [
        (name, capfirst(Document._meta.get_field(name).verbose_name))
        for name in document.sections()
        if has_text(document, name)
    ]


def document_html(document: Document, lang: str) -> DocumentHtml:
    """The document as HTML in `lang`, from the data as it is now."""
    result = DocumentHtml(html="", lang=lang)
    with translation.override(lang):
        context = {
            "document": document,
            "lang": lang,
            "heading": _heading(document, lang, result.untranslated),
            "sections": _written_sections(document),
            "introduction_heading": gettext("Introduction"),
            "untranslated": result.untranslated,
            **document.kind_class.context(document),
        }
        result.html = render_to_string(document.kind_class.template, context)
    return result


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint alone: lay out a document's HTML as a tagged PDF."""
    return HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=StaticFilesFetcher()).write_pdf(
        font_config=FontConfiguration(), **PDF_OPTIONS
    )


def render_document(document: Document, lang: str) -> bytes:
    """The PDF of `document` in `lang`, rendered now from the live data."""
    return html_to_pdf(document_html(document, lang).html)


def render_docx(document: Document, lang: str) -> bytes:
    """The Word file of `document` in `lang`, written now from the live data: from the same HTML
    as its PDF (reports/word/), so both print the same composition."""
    return document.kind_class.write_docx(document_html(document, lang).html, document, lang)
