"""Issue 29's round trip: every document the portal writes as .docx (every kind, in English and in
Spanish; the portal writes no bilingual .docx) read back with `import_document` into the database
it came from is unchanged; one text edited in Word is one change, written on confirming; read into
a database that holds only the reference lists, both files recreate the document, whose PDF text
is the original's. Each file and PDF is written once for the module."""

import datetime
import io
import subprocess

import docx
import pytest
from django.core.management import call_command
from django.db.models import ProtectedError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from core.roles import SYSTEM
from reports.models import Document, DocumentPart
from reports.rendering import render_document, render_docx
from spreadsheets.from_word.importing import import_document, import_reading, read
from spreadsheets.from_word.provenance import REFERENCE_LISTS, provenance_of
from spreadsheets.from_word.reading import Passage, Question, Unreadable
from spreadsheets.sheets import sheets

from .support.pdf_reading import pdf_text
from .support.slow import require_slow
from .support.word import LIBREOFFICE_TIMEOUT

GROUP_REPORT = "LC/CE.20/DDR/9"
SYMBOLS = ("LC/CEA.10/5", "LC/CE.20/3", GROUP_REPORT)
LANGS = ("en", "es")
REVISED = " (revised in Word)"


def _group_report():
    """A working group's report to CE.20 in a composition of its own (the fixtures have none)."""
    from groups.models import WorkingGroup
    from reporting.models import ReportingRound

    round_ = ReportingRound.objects.get(meeting__code="CE.20")
    document = Document.objects.create(
        symbol=GROUP_REPORT,
        kind="group_report",
        round=round_,
        group=WorkingGroup.objects.by_code("2020-2021", "IV"),
        meeting=round_.meeting,
        title_en="Report of the working group",
        title_es="Informe del grupo de trabajo",
        date_en=datetime.date(2021, 3, 30),
        date_es=datetime.date(2021, 3, 30),
        introduction_en="The group reports on its work in 2020 and 2021.",
        introduction_es="El grupo informa sobre su trabajo en 2020 y 2021.",
    )
    for order, (part, within) in enumerate(
        [("introduction", False), ("composition", False), ("work", False), ("objectives", True)]
        + [("activities", True), ("outputs", True), ("progress", False)],
        1,
    ):
        DocumentPart.objects.create(document=document, order=order, part=part, within=within)
    return document


@pytest.fixture(scope="module")
def written(django_db_setup, django_db_blocker):
    """symbol -> lang -> (.docx bytes, the PDF's text), from the fixtures' data."""
    files = {}
    with django_db_blocker.unblock():
        made = _group_report()
        try:
            for symbol in SYMBOLS:
                document = Document.objects.get(symbol=symbol)
                files[symbol] = {
                    lang: (render_docx(document, lang), pdf_text(render_document(document, lang)))
                    for lang in LANGS
                }
        finally:
            made.delete()
    return files


@pytest.fixture
def group_report(db):
    """The group report back in the test's database, as it was when its files were written."""
    return _group_report()


def _files(written, symbol, langs):
    return [io.BytesIO(written[symbol][lang][0]) for lang in langs]


@pytest.mark.parametrize("langs", [("en",), ("es",), ("en", "es")])
@pytest.mark.parametrize("symbol", SYMBOLS)
def test_a_document_read_back_from_its_word_files_is_unchanged(written, group_report, symbol, langs):
    result = import_document(_files(written, symbol, langs), user=SYSTEM)
    assert result.problems == []
    assert result.reading.questions == []
    totals = result.totals()
    assert (totals["new"], totals["changed"]) == (0, 0)
    assert totals["unchanged"] > 10
    assert result.lines()[-1] == f"new: 0, changed: 0, unchanged: {totals['unchanged']}"


def _edited(content: bytes, sheet: str, in_table: bool) -> tuple[bytes, str, str]:
    """The file with one text of `sheet` retyped in Word (python-docx replaces the paragraph's
    runs) in a paragraph of the body or of a table cell; (file, column, the text's new end)."""
    word = docx.Document(io.BytesIO(content))
    data = provenance_of(word)
    fields_of = {}
    for _block, field, piece, *_around in data["marks"]:
        fields_of.setdefault(piece, set()).add(tuple(field))
    paragraphs = list(word.element.body.iter(qn("w:p")))
    for block, (stem, _row, column), piece, _prefix, _suffix in data["marks"]:
        inside = any(parent.tag == qn("w:tc") for parent in paragraphs[block].iterancestors())
        if stem == sheet and inside == in_table and len(fields_of[piece]) == 1 and len(piece) > 20:
            paragraph = Paragraph(paragraphs[block], None)
            paragraph.text = paragraph.text.replace(piece[-12:], piece[-12:] + REVISED)
            buffer = io.BytesIO()
            word.save(buffer)
            return buffer.getvalue(), column, piece[-12:] + REVISED
    raise AssertionError(f"no text of {sheet} printed once in {'a table' if in_table else 'the body'}")


def _model(sheet):
    return dict(sheets())[sheet]._meta.model


@pytest.mark.parametrize(
    "symbol, lang, sheet, in_table",
    [
        ("LC/CE.20/3", "en", "documents", False),
        ("LC/CE.20/3", "es", "activities", True),
        ("LC/CEA.10/5", "en", "objectives", False),
        ("LC/CEA.10/5", "es", "activities", True),
        (GROUP_REPORT, "en", "activities", True),
        (GROUP_REPORT, "es", "objectives", False),
    ],
)
def test_one_text_edited_in_word_is_one_change(written, group_report, symbol, lang, sheet, in_table):
    content, column, new_end = _edited(written[symbol][lang][0], sheet, in_table)
    other = "es" if lang == "en" else "en"
    files = [content, written[symbol][other][0]]
    preview = import_document(files, user=SYSTEM)
    assert preview.problems == []
    assert (preview.totals()["new"], preview.totals()["changed"]) == (0, 1)
    assert _model(sheet).objects.filter(**{f"{column}__contains": new_end}).count() == 0

    confirmed = import_document(files, user=SYSTEM, confirm=True)
    assert confirmed.written and confirmed.problems == []
    assert _model(sheet).objects.filter(**{f"{column}__contains": new_end}).count() == 1
    again = import_document(files, user=SYSTEM)
    assert (again.totals()["new"], again.totals()["changed"]) == (0, 0)


def _delete(records):
    """Delete `records`, and first whatever protects them (the history of their changes)."""
    try:
        records.delete()
    except ProtectedError as error:
        for model in {type(record) for record in error.protected_objects}:
            _delete(model._default_manager.all())
        records.delete()


def _only_the_reference_lists():
    for stem, resource in reversed(sheets()):
        if stem not in REFERENCE_LISTS:
            _delete(resource._meta.model._default_manager.all())


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_both_files_recreate_the_document_in_a_database_of_reference_lists(written, db, symbol):
    _only_the_reference_lists()
    assert not Document.objects.exists()

    result = import_document(_files(written, symbol, LANGS), user=SYSTEM, confirm=True)

    assert result.written and result.problems == [], result.problems
    assert result.totals()["new"] > 10 and result.totals()["changed"] == 0
    document = Document.objects.get(symbol=symbol)
    for lang in LANGS:
        assert pdf_text(render_document(document, lang)) == written[symbol][lang][1]


def test_the_command_previews_by_default_and_ends_with_the_counts(written, group_report, tmp_path, capsys):
    content, column, new_end = _edited(written["LC/CE.20/3"]["en"][0], "documents", False)
    (tmp_path / "en.docx").write_bytes(content)
    (tmp_path / "es.docx").write_bytes(written["LC/CE.20/3"]["es"][0])

    call_command("import_document", str(tmp_path / "en.docx"), str(tmp_path / "es.docx"))

    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith("new: 0, changed: 1, unchanged: ")
    assert "documents: new 0, changed 1, unchanged 0" in lines
    changed = next(line for line in lines if line.startswith("  documents, row 2, changed <- paragraph "))
    assert "(en): " in changed
    assert not Document.objects.filter(**{f"{column}__contains": new_end}).exists()

    call_command("import_document", str(tmp_path / "en.docx"), "--confirm")
    assert Document.objects.filter(**{f"{column}__contains": new_end}).exists()


def test_files_of_two_documents_are_refused(written):
    files = [written["LC/CE.20/3"]["en"][0], written["LC/CEA.10/5"]["es"][0]]
    with pytest.raises(Unreadable, match="different documents: LC/CE.20/3, LC/CEA.10/5"):
        read(files)


def test_paragraphs_added_or_deleted_in_word_are_shown_not_imported(written, db):
    word = docx.Document(io.BytesIO(written["LC/CE.20/3"]["en"][0]))
    word.add_paragraph("A paragraph the conference services added.")
    gone = next(p for p in word.paragraphs if p.text.startswith("As a result of the global"))
    gone._p.getparent().remove(gone._p)
    buffer = io.BytesIO()
    word.save(buffer)

    result = import_document([buffer.getvalue()], user=SYSTEM)

    lines = result.lines()
    assert (result.totals()["new"], result.totals()["changed"]) == (0, 0)
    assert any(line.startswith("Check: Paragraph ") and "services added" in line for line in lines)
    assert any(line.startswith("Check: A paragraph with a record's text was deleted") for line in lines)


def test_nothing_is_written_until_every_question_is_answered(written, db):
    reading = read([written["LC/CE.20/3"]["en"][0]])
    passage = Passage("en", "paragraph 3", "21-00161")
    reading.questions.append(Question("job", "documents", 0, "job_number", "21-00161", passage))

    unanswered = import_reading(reading, user=SYSTEM, confirm=True)
    answered = import_reading(reading, user=SYSTEM, confirm=True, answers={"job": "21-00999"})

    assert not unanswered.written
    assert "Question job: 21-00161 (paragraph 3) -> documents, row 2, job_number" in unanswered.lines()
    assert unanswered.problems == ["Answer every question before confirming: nothing was written."]
    assert answered.written and answered.lines()[-1].startswith("new: 0, changed: 1, ")
    assert Document.objects.get(symbol="LC/CE.20/3").job_number == "21-00999"


def _saved_by_libreoffice(content: bytes, tmp_path) -> bytes:
    """The .docx as LibreOffice Writer saves it again (a profile of its own, as in support/word.py)."""
    require_slow("LibreOffice")
    (tmp_path / "in.docx").write_bytes(content)
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    result = subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "docx:MS Word 2007 XML"]
        + ["--outdir", str(tmp_path / "out"), str(tmp_path / "in.docx")],
        capture_output=True,
        text=True,
        timeout=LIBREOFFICE_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr or result.stdout
    return (tmp_path / "out" / "in.docx").read_bytes()


@pytest.mark.slow
def test_a_file_saved_again_by_a_word_processor_keeps_its_provenance(written, db, tmp_path):
    content, column, new_end = _edited(written["LC/CE.20/3"]["en"][0], "documents", False)

    result = import_document([_saved_by_libreoffice(content, tmp_path)], user=SYSTEM, confirm=True)

    assert result.written and result.reading.warnings == []
    assert (result.totals()["new"], result.totals()["changed"]) == (0, 1)
    assert Document.objects.filter(**{f"{column}__contains": new_end}).exists()
