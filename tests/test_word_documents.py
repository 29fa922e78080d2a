"""The fixtures' documents as Word files, checked from the files' own content (python-docx)
against what LC/CE.20/3 and LC/CEA.10/5 print and against their PDFs, and opened by LibreOffice."""

import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from docx.oxml.ns import qn

from groups.models import WorkingGroup
from reporting.models import ProgressEntry, ReportingRound
from reports.models import Document
from reports.rendering import document_html, render_document, render_docx

from .conftest import FROZEN_NOW
from .support.pdf_reading import column_numbers, compact, pdf_pages
from .support.published import SECOND_REPORT
from .support.word import (
    column_widths_pt,
    converts_with_libreoffice,
    docx_document,
    docx_headings,
    docx_paragraphs,
    docx_table_rows,
    docx_tables,
    header_rows,
    pdf_column_widths,
    table_rows,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

SYMBOLS = ("LC/CE.20/3", "LC/CEA.10/5")
LANGS = ("en", "es")
PUBLISHED = [p for number in range(1, 12) for p in SECOND_REPORT[number]]


@pytest.fixture(scope="module")
def words(django_db_setup, django_db_blocker):
    """The two documents of the fixtures as .docx, written once for the module."""
    with django_db_blocker.unblock():
        return {
            (symbol, lang): render_docx(Document.objects.get(symbol=symbol), lang)
            for symbol in SYMBOLS
            for lang in LANGS
        }


@pytest.fixture(scope="module")
def pdf_of(django_db_setup, django_db_blocker):
    """The PDF of a document in a language, rendered at most once for the module."""
    rendered = {}

    def pdf(symbol: str, lang: str) -> bytes:
        if (symbol, lang) not in rendered:
            with django_db_blocker.unblock():
                rendered[symbol, lang] = render_document(Document.objects.get(symbol=symbol), lang)
        return rendered[symbol, lang]

    return pdf


def _rows(content: bytes, header: str) -> list[list[str]]:
    """The rows (without the header, nor rows of one cell across, as a topic's) of every table
    whose header row names `header`."""
    rows = []
    for table in docx_table_rows(content):
        if table and header in table[0]:
            rows += [row for row in table[1:] if len(row) == len(table[0])]
    return rows


def _column(content: bytes, header: str) -> list[str]:
    """The cells under `header`, table after table."""
    cells = []
    for table in docx_table_rows(content):
        if table and header in table[0]:
            at = table[0].index(header)
            cells += [row[at] for row in table[1:] if len(row) == len(table[0])]
    return cells


def _percent_header(lang: str) -> str:
    with translation.override(lang):
        return gettext("Progress (percentages)")


@pytest.mark.parametrize("lang", LANGS)
def test_progress_report_carries_the_85_percentages_in_order_as_its_pdf_prints_them(words, pdf_of, lang):
    in_word = [int(cell) for cell in _column(words["LC/CE.20/3", lang], _percent_header(lang))]
    assert in_word == PUBLISHED
    pdf = pdf_of("LC/CE.20/3", lang)
    first, last = {"en": ("Progress", "Remarks"), "es": ("Avance", "Observaciones")}[lang]
    assert column_numbers(pdf, first, last) == in_word


@pytest.mark.parametrize("lang", LANGS)
def test_progress_report_rows_pair_each_activity_with_its_percentage_and_remarks(words, lang):
    rows = _rows(words["LC/CE.20/3", lang], _percent_header(lang))
    round_ = ReportingRound.objects.get(meeting__code="CE.20")
    entries = list(ProgressEntry.objects.published().filter(round=round_).select_related("activity"))
    assert len(rows) == len(entries) == 85
    with translation.override(lang):
        coordination = gettext("Coordination:")
    for row, entry in zip(rows, entries, strict=True):
        activity = getattr(entry.activity, f"text_{lang}")
        if getattr(entry.activity, f"coordination_{lang}"):
            activity += f" {coordination} {getattr(entry.activity, f'coordination_{lang}')}"
        assert compact(row[1]) == compact(activity), activity[:60]
        assert row[2] == str(entry.percent)
        assert compact(row[3]) == compact(getattr(entry, f"remarks_{lang}")), activity[:60]


@pytest.mark.parametrize("lang", LANGS)
def test_programme_carries_every_plan_with_its_start_and_end_months(words, lang):
    with translation.override(lang):
        start = gettext("Start date")
        expected = [
            [
                [str(a.plan_no), " ".join(getattr(a, f"text_{lang}").split()), a.start_label, a.end_label]
                for a in group.activities.in_plan()
            ]
            for group in WorkingGroup.objects.filter(programme__start_year=2020).order_by("number")
        ]
    plans = [table[1:] for table in docx_table_rows(words["LC/CEA.10/5", lang]) if start in table[0]]
    assert plans == expected
    months = {"en": "January 2020", "es": "enero de 2020"}[lang]
    assert any(months in row for plan in plans for row in plan)


def _by_group(headings):
    """Headings under each Heading 1 that starts with a group's Roman numeral."""
    groups = []
    for style, text in headings:
        if style == "Heading 1":
            groups.append([] if re.match(r"^[IVX]+\.\t", text) else None)
        elif groups and groups[-1] is not None:
            groups[-1].append((style, text))
    return [g for g in groups if g is not None]


def test_progress_report_headings_are_word_headings_with_their_numerals(words, pdf_of):
    headings = docx_headings(words["LC/CE.20/3", "en"])
    document = Document.objects.get(symbol="LC/CE.20/3")
    assert headings[0] == ("Title", document.title_en)
    parts = [text for style, text in headings if style == "Heading 1"]
    numerals = [g.numeral for g in WorkingGroup.objects.filter(programme__start_year=2020).order_by("number")]
    assert parts[0] == "Introduction"
    assert [p.split("\t")[0] for p in parts[1:]] == [f"{n}." for n in numerals]
    for inside in _by_group(headings):
        numbered = [text for style, text in inside if style == "Heading 2"]
        assert numbered[0] == "1. Objectives"
        assert re.fullmatch(r"2\. Coordinating countr(y|ies)", numbered[1])
        assert [text for style, text in inside if style == "Heading 3"] == [
            "General objective",
            "Specific objectives",
        ]
    pdf_text = compact(" ".join(pdf_pages(pdf_of("LC/CE.20/3", "en"))))
    assert compact(parts[4].replace("\t", " ")).upper() in pdf_text.upper()


@pytest.mark.parametrize("lang", LANGS)
def test_programme_numbers_each_groups_parts_as_its_pdf(words, lang):
    headings = docx_headings(words["LC/CEA.10/5", lang])
    with translation.override(lang):
        plan, general = gettext("Plan of activities"), gettext("General objective")
    groups = _by_group(headings)
    assert len(groups) == 11
    for inside in groups:
        numbered = [text for style, text in inside if style == "Heading 2"]
        assert [int(t.split(".")[0]) for t in numbered] == list(range(1, len(numbered) + 1))
        assert numbered[-1] == f"{len(numbered)}. {plan}"
        assert [text for style, text in inside if style == "Heading 3"][0] == f"(a) {general}"


def test_lists_are_word_lists_each_numbered_from_its_first_item(words):
    paragraphs = docx_paragraphs(words["LC/CE.20/3", "en"])
    numbered = [p for p in paragraphs if p.style.name == "List Number"]
    lists = {p._p.pPr.numPr.numId.val for p in numbered}
    assert len(lists) == 11  # each group's specific objectives
    numbering = docx_document(words["LC/CE.20/3", "en"]).part.numbering_part.element
    for num_id in lists:
        num = numbering.num_having_numId(num_id)
        assert num.find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(qn("w:val")) == "1"
        abstract = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{num.abstractNumId.val}"]')[0]
        assert abstract.find(qn("w:lvl")).find(qn("w:numFmt")).get(qn("w:val")) == "lowerRoman"
    coordinators = [p for p in paragraphs if p.style.name == "List"]
    assert coordinators and all(p._p.pPr.numPr is None for p in coordinators)


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_table_headers_repeat_on_every_page(words, symbol):
    tables = docx_tables(words[symbol, "en"])[1:]  # the first is the heading block
    assert len(tables) >= 11
    for table in tables:
        assert header_rows(table) == [True] + [False] * (len(table.rows) - 1)
        assert all(cell.paragraphs[0].runs[0].bold for cell in table.rows[0].cells)


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_columns_are_as_wide_as_in_the_pdf(words, symbol):
    html = document_html(Document.objects.get(symbol=symbol), "en").html
    in_pdf = pdf_column_widths(html)
    in_word = [column_widths_pt(t) for t in docx_tables(words[symbol, "en"])[1:]]
    assert len(in_word) == len(in_pdf) >= 11
    for word, pdf in zip(in_word, in_pdf, strict=True):
        assert word == pytest.approx(pdf, abs=0.5)
    # The "No." column is the stylesheet's 2.2 em of 10 pt text, 4 pt of padding each side and
    # a 0.5 pt border, in both files.
    assert in_word[0][0] == pytest.approx(22 + 8 + 0.5, abs=0.05)


@pytest.mark.parametrize("lang", LANGS)
def test_pages_carry_the_symbol_and_a_page_number(words, lang):
    section = docx_document(words["LC/CE.20/3", lang]).sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == section.even_page_header.paragraphs[0].text == "LC/CE.20/3"
    for footer in (section.footer, section.even_page_footer):
        assert [t.text.strip() for t in footer._element.iter(qn("w:instrText"))] == ["PAGE"]
    assert section.first_page_footer.paragraphs[0].text == "21-00161"
    assert not section.first_page_header.paragraphs[0].text


@pytest.mark.parametrize("lang", LANGS)
def test_properties_give_title_language_and_symbol(words, lang):
    document = docx_document(words["LC/CEA.10/5", lang])
    record = Document.objects.get(symbol="LC/CEA.10/5")
    core = document.core_properties
    assert core.title == f"LC/CEA.10/5 — {getattr(record, f'title_{lang}')}"
    assert core.language == {"en": "en-GB", "es": "es-ES"}[lang]
    assert core.keywords == core.subject == "LC/CEA.10/5"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == core.language


def test_the_same_document_is_the_same_file_on_another_day(words):
    document = Document.objects.get(symbol="LC/CE.20/3")
    with time_machine.travel(FROZEN_NOW.replace(day=FROZEN_NOW.day + 1), tick=False):
        assert render_docx(document, "en") == words["LC/CE.20/3", "en"]


def test_render_document_command_writes_the_word_file(words, tmp_path):
    output = tmp_path / "informe.docx"
    call_command(
        "render_document", "LC/CE.20/3", "--lang", "es", "--format", "docx", "--output", str(output),
        stdout=io.StringIO(),
    )  # fmt: skip
    assert output.read_bytes() == words["LC/CE.20/3", "es"]  # converted by LibreOffice below
    tables = docx_tables(output.read_bytes())
    assert table_rows(tables[1])[0][2] == _percent_header("es")


def test_converting_with_libreoffice_needs_the_slow_marker(tmp_path):
    with pytest.raises(pytest.fail.Exception, match="not marked slow"):
        converts_with_libreoffice(b"", tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("symbol", SYMBOLS)
@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_opens_both_documents_in_both_languages(words, symbol, lang, tmp_path):
    pages = pdf_pages(converts_with_libreoffice(words[symbol, lang], tmp_path))
    assert len(pages) > 10
    assert symbol in pages[0]
    assert all(symbol in page for page in pages[1:])
    title = getattr(Document.objects.get(symbol=symbol), f"title_{lang}")
    assert compact(title)[:60].upper() in compact(" ".join(pages)).upper()
