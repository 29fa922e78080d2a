"""A document read from Word, corrected in a workbook (spreadsheets/from_word/workbook.py): the
preview's workbook has a read-me sheet and a sheet per stem with `export_sheets`' columns; one
cell corrected in Excel and uploaded to the same page is previewed and written as corrected; a
workbook with a sheet or column of no reading is refused, naming it, in the clerk's language, and
writes nothing; only the clerk who uploaded a reading may download it; the portal's own .docx
through its workbook and back is unchanged (new: 0, changed: 0)."""

import io

import docx
import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from core.roles import SYSTEM, secretariat_group
from groups.models import Institution
from reports.models import Document
from reports.rendering import render_docx
from spreadsheets.from_word.importing import import_reading, read
from spreadsheets.from_word.workbook import reading_of, workbook_of
from spreadsheets.group_workbook import README_SHEET
from spreadsheets.sheets import sheets

from .support.second_factor import log_in
from .support.typed_report import typed_report, typed_uploads, uploaded

pytestmark = pytest.mark.django_db

PAGE = "/en/admin/reports/document/import-word/"
TYPED = "LC/CE.40/DDR/7"
CORRECTED = "Report of the Working Group on Household Surveys in the Americas"


def _answered_preview(client):
    """The typed report uploaded and previewed again with both questions answered."""
    preview = client.post(PAGE, typed_uploads())
    form, token = preview.context["answers_form"], preview.context["token"]
    Institution.objects.create(
        code="SOA",
        acronym_en="SOA",
        acronym_es="OEAT",
        name_en="Statistics Office of Atlantis",
        name_es="Oficina de Estadística de la Atlántida",
        kind="international",
    )
    answers = {
        f"q{number}": "INEC@ECU" if question.found == "INEC" else "SOA"
        for number, question in enumerate(form.questions)
    }
    again = client.post(PAGE, {"token": token, "preview": "1", **answers})
    assert again.status_code == 200
    return again


def _cell(sheet, column: str, row: int = 2):
    header = [cell.value for cell in sheet[1]]
    return sheet.cell(row, header.index(column) + 1)


def _export_headers(stem):
    resource = dict(sheets())[stem]()
    return list(resource.export(queryset=resource.get_queryset().none()).headers)


def _saved(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_typed_report_corrected_in_its_workbook_is_written_as_corrected(secretariat_client):
    preview = _answered_preview(secretariat_client)
    page = preview.content.decode()
    assert "Download what was read as a workbook" in page
    download = secretariat_client.get(preview.context["workbook_url"])
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="reading-LC-CE.40-DDR-7.xlsx"'

    book = openpyxl.load_workbook(io.BytesIO(download.content))
    assert book.sheetnames[0] == README_SHEET
    readme = book[README_SHEET]["A1"].value
    assert "what the portal read from a document's Word files" in readme and "Word" in readme
    assert "lo que el portal leyó de los archivos Word de un documento" in readme
    assert {"documents", "working_groups", "document_parts", "plan_rows"} <= set(book.sheetnames)
    assert [cell.value for cell in book["documents"][1]] == _export_headers("documents")
    # The answers of the preview are in the workbook: no question is left in a cell.
    assert "INEC@ECU" in _cell(book["working_groups"], "participating").value
    assert "?institution" not in _cell(book["working_groups"], "participating").value

    _cell(book["documents"], "title_en").value = CORRECTED
    upload = secretariat_client.post(PAGE, {"first": uploaded("reading.xlsx", _saved(book))})
    assert upload.status_code == 200, upload.content.decode()[-2000:]
    assert CORRECTED in upload.content.decode()
    assert upload.context["answers_form"] is None
    assert not Document.objects.filter(symbol=TYPED).exists()

    confirmed = secretariat_client.post(PAGE, {"token": upload.context["token"], "confirm": "1"})
    assert confirmed.status_code == 302, confirmed.context["result"].problems
    document = Document.objects.get(symbol=TYPED)
    assert document.title_en == CORRECTED
    assert document.title_es == "Informe del Grupo de Trabajo sobre Encuestas de Hogares"
    assert document.parts.count() == 12

    # Read again through its workbook, it finds what the Word files find (the title only, which
    # they still have as typed), and a text they do not hold (the group's theme: its column is
    # empty in every row) is left as it is.
    group = document.group
    group.theme_en = "A theme entered in the admin"
    group.save()
    typed = read([typed_report("en"), typed_report("es")])
    answers = {
        question.key: "INEC@ECU" if question.found == "INEC" else "SOA" for question in typed.questions
    }
    direct = import_reading(typed, user=SYSTEM, answers=answers).totals()
    back = import_reading(reading_of(workbook_of(typed.answered(answers))), user=SYSTEM, confirm=True)
    assert back.totals() == direct and (direct["new"], direct["changed"]) == (0, 1)
    group.refresh_from_db()
    document.refresh_from_db()
    assert group.theme_en == "A theme entered in the admin"
    assert document.title_en == "Report of the Working Group on Household Surveys"

    # The group report now stored, written by the portal, goes through its workbook unchanged.
    files = [io.BytesIO(render_docx(document, lang)) for lang in ("en", "es")]
    totals = import_reading(reading_of(workbook_of(read(files))), user=SYSTEM).totals()
    assert (totals["new"], totals["changed"]) == (0, 0) and totals["unchanged"] > 10


def _typed_workbook():
    return openpyxl.load_workbook(io.BytesIO(workbook_of(read([typed_report("en"), typed_report("es")]))))


def test_a_workbook_with_a_sheet_or_column_of_no_reading_is_refused_and_writes_nothing(secretariat_client):
    documents = Document.objects.count()
    book = _typed_workbook()
    book.create_sheet("notes").append(["text", "more"])
    answer = secretariat_client.post(PAGE, {"first": uploaded("reading.xlsx", _saved(book))})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Sheet “notes”: This is not a sheet of a reading&#x27;s workbook" in page
    assert "token" not in answer.context

    book = _typed_workbook()
    _cell(book["documents"], "title_en", row=1).value = "titel_en"
    answer = secretariat_client.post(
        "/es/admin/reports/document/import-word/", {"first": uploaded("lectura.xlsx", _saved(book))}
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Hoja “documents”: Fila 1, columna “titel_en”: Esta no es una columna de esta hoja" in page
    assert Document.objects.count() == documents

    answer = secretariat_client.post(
        PAGE,
        {"first": uploaded("reading.xlsx", _saved(_typed_workbook())), "second": uploaded("es.docx", b"x")},
    )
    assert answer.status_code == 400
    assert "Give the workbook alone" in answer.content.decode()


def test_a_question_left_unanswered_in_the_workbook_is_a_problem_of_its_row(secretariat_client):
    book = _typed_workbook()
    assert "?institution-1" in book[README_SHEET].cell(book[README_SHEET].max_row - 1, 1).value
    preview = secretariat_client.post(PAGE, {"first": uploaded("reading.xlsx", _saved(book))})
    assert preview.status_code == 200
    problems = preview.context["result"].problems
    assert any("participating" in str(problem) and "?institution-1" in str(problem) for problem in problems)
    confirmed = secretariat_client.post(PAGE, {"token": preview.context["token"], "confirm": "1"})
    assert confirmed.status_code == 400
    assert not Document.objects.filter(symbol=TYPED).exists()


def test_only_the_clerk_who_uploaded_a_reading_may_download_it(secretariat_client, coordinator):
    preview = secretariat_client.post(PAGE, typed_uploads())
    url = preview.context["workbook_url"]
    assert secretariat_client.get(url).status_code == 200
    other = get_user_model().objects.create_user("other-clerk", password="pw", is_staff=True)
    other.groups.add(secretariat_group())
    assert log_in(Client(), other).get(url).status_code == 404
    assert log_in(Client(), coordinator).get(url).status_code in (302, 403)
    assert Client().get(url).status_code == 302
    assert secretariat_client.post(url).status_code == 405
    # Cancelled, the reading is no one's to download.
    secretariat_client.post(PAGE, {"token": preview.context["token"], "cancel": "1"})
    assert secretariat_client.get(url).status_code == 404


@pytest.mark.parametrize("symbol", ["LC/CEA.10/5", "LC/CE.20/3"])
def test_the_portals_own_file_through_its_workbook_is_unchanged(symbol):
    document = Document.objects.get(symbol=symbol)
    files = [io.BytesIO(render_docx(document, lang)) for lang in ("en", "es")]
    reading = read(files)
    back = reading_of(workbook_of(reading))
    assert set(back.sheets) == {stem for stem, rows in reading.sheets.items() if rows}
    result = import_reading(back, user=SYSTEM)
    assert result.problems == []
    totals = result.totals()
    assert (totals["new"], totals["changed"]) == (0, 0) and totals["unchanged"] > 10


def test_the_command_writes_the_workbook_and_reads_it_back(tmp_path, capsys):
    document = Document.objects.get(symbol="LC/CE.20/3")
    original = render_docx(document, "en")
    word = docx.Document(io.BytesIO(original))
    (tmp_path / "en.docx").write_bytes(original)
    call_command("import_document", str(tmp_path / "en.docx"), "--workbook", str(tmp_path / "reading.xlsx"))
    assert capsys.readouterr().out.splitlines()[-1].startswith("new: 0, changed: 0, unchanged: ")

    book = openpyxl.load_workbook(tmp_path / "reading.xlsx")
    introduction = _cell(book["documents"], "introduction_en")
    assert introduction.value.split("\n")[0] in "\n".join(p.text for p in word.paragraphs)
    introduction.value = "This document reports on the work of the groups."
    book.save(tmp_path / "reading.xlsx")
    call_command("import_document", str(tmp_path / "reading.xlsx"))
    assert capsys.readouterr().out.splitlines()[-1].startswith("new: 0, changed: 1, unchanged: ")
    call_command("import_document", str(tmp_path / "reading.xlsx"), "--confirm")
    document.refresh_from_db()
    assert document.introduction_en == "This document reports on the work of the groups."
