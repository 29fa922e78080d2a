"""The admin's page for reading a document from Word (spreadsheets/from_word/admin.py): the portal's
own .docx read back changes nothing; one paragraph edited in Word is one change, written only on
confirming; a typed report asks its questions in the page and is written once they are answered;
a file that is no .docx is refused next to its field, in the clerk's language; only the
secretariat may."""

import io

import docx
import pytest
from django.test import Client

from groups.models import Institution
from reports.models import Document
from reports.rendering import render_docx

from .support import factories
from .support.second_factor import log_in
from .support.typed_report import docx_bytes, typed_uploads, uploaded

pytestmark = pytest.mark.django_db

PAGE = "/en/admin/reports/document/import-word/"
SYMBOL = "LC/CE.20/3"


def _edited(content: bytes, old: str, new: str) -> bytes:
    """The .docx with the first paragraph holding `old` given `new` in its place, as in Word."""
    word = docx.Document(io.BytesIO(content))
    paragraph = next(p for p in word.paragraphs if old in p.text)
    text = paragraph.text.replace(old, new)
    for run in paragraph.runs[1:]:
        run.text = ""
    paragraph.runs[0].text = text
    return docx_bytes(word)


def test_the_documents_list_offers_the_page_to_the_secretariat_only(secretariat_client, coordinator):
    listing = secretariat_client.get("/en/admin/reports/document/")
    assert PAGE in listing.content.decode()
    assert secretariat_client.get(PAGE).status_code == 200
    assert log_in(Client(), coordinator).get(PAGE).status_code in (302, 403)
    staff = factories.person("staff-only", "INEGI@MEX")
    staff.is_staff = True
    staff.save()
    assert log_in(Client(), staff).get(PAGE).status_code == 403
    assert Client().get(PAGE).status_code == 302


def test_a_file_that_is_not_a_word_document_is_refused_next_to_it(secretariat_client):
    answer = secretariat_client.post(PAGE, {"first": uploaded("report.docx", b"not a zip at all")})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "This file is not a Word document (.docx)" in page
    answer = secretariat_client.post(
        "/es/admin/reports/document/import-word/", {"first": uploaded("informe.pdf", b"%PDF")}
    )
    assert (
        answer.status_code == 400 and "Dé un documento de Word guardado como .docx" in answer.content.decode()
    )


def test_the_portals_own_file_changes_nothing_and_an_edit_is_one_change(secretariat_client):
    document = Document.objects.get(symbol=SYMBOL)
    original = render_docx(document, "en")
    unchanged = secretariat_client.post(PAGE, {"first": uploaded("LC-CE.20-3.docx", original)})
    assert unchanged.status_code == 200
    assert "new: 0, changed: 0" in unchanged.content.decode()

    edited = _edited(original, "This document reports on the progress", "This document reports on the work")
    preview = secretariat_client.post(PAGE, {"first": uploaded("LC-CE.20-3.docx", edited)})
    page = preview.content.decode()
    assert "new: 0, changed: 1" in page and "This document reports on the work" in page
    document.refresh_from_db()
    assert document.introduction_en.startswith("This document reports on the progress")

    token = preview.context["token"]
    confirmed = secretariat_client.post(PAGE, {"token": token, "confirm": "1"})
    assert confirmed.status_code == 302, confirmed.context["result"].problems
    document.refresh_from_db()
    assert document.introduction_en.startswith("This document reports on the work")
    # The file no longer waits: confirming again is refused, and writes nothing more.
    again = secretariat_client.post(PAGE, {"token": token, "confirm": "1"}, follow=True)
    assert "no longer waiting" in again.content.decode()


def test_a_typed_report_asks_in_the_page_and_is_written_once_answered(secretariat_client):
    preview = secretariat_client.post(PAGE, typed_uploads())
    assert preview.status_code == 200
    form = preview.context["answers_form"]
    found = [question.found for question in form.questions]
    assert "INEC" in found
    token = preview.context["token"]

    unanswered = secretariat_client.post(PAGE, {"token": token, "confirm": "1"})
    assert unanswered.status_code == 400
    assert "Answer every question before confirming" in unanswered.content.decode()
    assert not Document.objects.filter(symbol="LC/CE.40/DDR/7").exists()

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
    confirmed = secretariat_client.post(PAGE, {"token": token, "confirm": "1", **answers})
    assert confirmed.status_code == 302, confirmed.content.decode()[-3000:]
    assert Document.objects.filter(symbol="LC/CE.40/DDR/7").exists()


def test_the_documents_other_admin_pages_keep_their_own_views(secretariat_client):
    """The documents' admin mixes in the Word reading, the XLIFF pages and the sheets' import:
    each page is answered by its own view (helpers of one mixin once shadowed another's)."""
    document = Document.objects.get(symbol=SYMBOL)
    translations = secretariat_client.get(f"/en/admin/reports/document/{document.pk}/xliff/")
    assert translations.status_code == 200
    assert translations.templates[0].name == "admin/xliff/export.html"
    assert secretariat_client.get(PAGE).templates[0].name == "admin/from_word/import.html"
