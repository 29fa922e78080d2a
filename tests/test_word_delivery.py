"""Every document leaves the portal as a Word file too: issuing freezes it beside the PDF, with its
SHA-256, and serves it unchanged; a live document's is written from the data as they are; every
page that offers a document's PDF offers its Word file beside it, in both languages."""

import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from reports.delivery import document_docx
from reports.models import Document, IssuedFile
from reports.services import document_issue

from .support import factories
from .support.word import docx_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def small_report(db):
    return factories.small_report(activity_text_en="Census round", remarks_en="Going well")


def docx_url(document, lang):
    with translation.override("en"):
        return reverse("reports:docx", args=[document.symbol, lang])


def test_issuing_stores_a_pdf_and_a_word_file_in_each_language(small_report, secretariat_user):
    document, _activity = small_report
    issued = document_issue(document=document, user=secretariat_user)
    stored = {(f.language, f.format): bytes(f.content) for f in IssuedFile.objects.filter(document=document)}
    assert sorted(stored) == [("en", "docx"), ("en", "pdf"), ("es", "docx"), ("es", "pdf")]
    assert sorted((f.language, f.format) for f in issued) == sorted(stored)
    for file in IssuedFile.objects.filter(document=document):
        content = bytes(file.content)
        assert file.sha256 == hashlib.sha256(content).hexdigest() and file.size == len(content)
    assert stored["en", "pdf"].startswith(b"%PDF-") and stored["es", "pdf"].startswith(b"%PDF-")
    english, spanish = docx_text(stored["en", "docx"]), docx_text(stored["es", "docx"])
    assert "Report on tests" in english and "Going well" in english
    assert "Informe sobre pruebas" in spanish and "Va bien" in spanish and "Going well" not in spanish


def test_issuing_stores_nothing_when_a_file_cannot_be_stored(small_report, secretariat_user):
    """The last file refused (a Word file in Spanish is there already): the PDFs and the English
    Word file written before it are not kept either, and the document stays live."""
    document, _activity = small_report
    stray = b"not the issued file"
    IssuedFile.objects.create(
        document=document,
        language="es",
        format="docx",
        content=stray,
        sha256=hashlib.sha256(stray).hexdigest(),
        size=len(stray),
    )
    with pytest.raises(ValidationError):
        document_issue(document=document, user=secretariat_user)
    document.refresh_from_db()
    assert not document.is_issued
    assert list(IssuedFile.objects.filter(document=document).values_list("format", "language")) == [
        ("docx", "es")
    ]


def test_a_missing_translation_stops_the_word_files_too(secretariat_user):
    document, activity = factories.small_report(activity_text_en="Only in English")
    activity.text_es = ""
    activity.save()
    with pytest.raises(ValidationError, match="cannot be issued"):
        document_issue(document=document, user=secretariat_user)
    assert not IssuedFile.objects.filter(document=document).exists()


def test_an_issued_word_file_is_served_byte_for_byte_whatever_changes(small_report, secretariat_user, client):
    document, activity = small_report
    document_issue(document=document, user=secretariat_user)
    stored = IssuedFile.objects.get(document=document, language="en", format="docx")
    activity.text_en = "Renamed after issue"
    activity.save()
    response = client.get(docx_url(document, "en"))
    assert response.status_code == 200 and response.content == bytes(stored.content)
    assert response["X-Content-SHA256"] == stored.sha256 and response["X-Document-Source"] == "issued"
    assert "X-Document-Age" not in response and "no-cache" not in response.get("Cache-Control", "")
    assert "Census round" in docx_text(response.content)
    assert "Renamed after issue" not in docx_text(response.content)


def test_a_live_word_file_follows_the_data(small_report, client):
    document, activity = small_report
    before = client.get(docx_url(document, "en"))
    assert "Census round" in docx_text(before.content)
    activity.text_en = "Census round, postponed"
    activity.save()
    after = client.get(docx_url(document, "en"))
    assert "Census round, postponed" in docx_text(after.content)
    assert after["X-Content-SHA256"] != before["X-Content-SHA256"]
    spanish = docx_text(client.get(docx_url(document, "es")).content)
    assert "Actividad 1" in spanish and "Va bien" in spanish


def test_a_live_word_file_says_what_it_is_and_where_it_came_from(small_report, client):
    document, _activity = small_report
    response = client.get(docx_url(document, "es"))
    assert response.status_code == 200 and response["Content-Type"] == DOCX_TYPE
    symbol = document.symbol.replace("/", "-")
    assert response["Content-Disposition"] == f'attachment; filename="{symbol}_es.docx"'
    assert response["X-Content-SHA256"] == hashlib.sha256(response.content).hexdigest()
    assert response["X-Document-Source"] == "rendered" and response["X-Document-Refreshing"] == "no"
    assert int(response["X-Document-Age"]) >= 0 and response["Cache-Control"] == "no-cache"
    assert client.head(docx_url(document, "es")).status_code == 200


def test_a_second_download_comes_from_the_cache_without_a_query(small_report, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    document, _activity = small_report
    first = client.get(docx_url(document, "en"))
    with CaptureQueriesContext(connection) as queries:
        document = Document.objects.get(pk=document.pk)
        second = document_docx(document, "en")
    assert (first["X-Document-Source"], second.source) == ("rendered", "cache")
    assert second.content == first.content and len(queries) == 1  # the document, read above
    assert client.get(docx_url(document, "es"))["X-Document-Source"] == "rendered"


def test_the_word_writers_code_is_part_of_the_fingerprint(tmp_path, monkeypatch):
    """A new release of reports/word/ writes the same data anew, not from an older writer's copy."""
    from reports import delivery

    writer = tmp_path / "word"
    writer.mkdir()
    (writer / "__init__.py").write_text("STYLE = 'a'\n")
    monkeypatch.setattr(delivery, "WORD_WRITER", writer)
    first = delivery.word_writer_digest.__wrapped__()
    (writer / "__init__.py").write_text("STYLE = 'b'\n")
    assert delivery.word_writer_digest.__wrapped__() != first
    writer = "reports.word.html_to_docx"
    assert delivery.docx_fingerprint("0" * 64, writer) != delivery.docx_fingerprint("1" * 64, writer)


def test_unknown_documents_and_languages_are_not_found(small_report, client):
    document, _activity = small_report
    assert client.get(f"/en/documents/{document.symbol}/fr.docx").status_code == 404
    assert client.get("/en/documents/LC/CE.99/404/en.docx").status_code == 404


def test_an_issued_document_without_a_stored_word_file_has_none(small_report, secretariat_user, client):
    """Issued before Word files were stored: one written today would not be the issued text."""
    document, _activity = small_report
    document_issue(document=document, user=secretariat_user)
    IssuedFile.objects.filter(document=document, format="docx").delete()
    assert client.get(docx_url(document, "en")).status_code == 404
    assert client.get(reverse("reports:pdf", args=[document.symbol, "en"])).status_code == 200
    # ... and no page links to the file it does not have.
    page = client.get("/en/documents/").content.decode()
    assert reverse("reports:pdf", args=[document.symbol, "en"]) in page
    assert docx_url(document, "en") not in page


@pytest.mark.parametrize("page_lang, heading", [("en", "Files"), ("es", "Archivos")])
def test_the_pages_offer_the_word_file_beside_the_pdf_in_both_languages(client, group_iv, page_lang, heading):
    """The documents page and a group's page (the other pages include the same links)."""
    symbol = Document.objects.get(symbol="LC/CEA.10/5").symbol
    with translation.override(page_lang):
        pages = [reverse("reports:documents"), reverse("pages:group", args=["2020-2021", "IV"])]
        hrefs = {
            (name, lang): reverse(name, args=[symbol, lang])
            for name in ("reports:pdf", "reports:docx")
            for lang in ("en", "es")
        }
    for page in pages:
        html = client.get(page).content.decode()
        for (_name, lang), href in hrefs.items():
            assert html.count(f'<a href="{href}" hreflang="{lang}"') == 1, (page, href)
    assert f'<th scope="col">{heading}</th>' in client.get(pages[0]).content.decode()


def test_render_document_writes_the_issued_word_file(small_report, secretariat_user, tmp_path):
    document, activity = small_report
    document_issue(document=document, user=secretariat_user)
    activity.text_en = "Renamed after issue"
    activity.save()
    target, out = tmp_path / "report.docx", io.StringIO()
    call_command(
        "render_document",
        document.symbol,
        "--lang",
        "en",
        "--format",
        "docx",
        "--output",
        str(target),
        stdout=out,
    )
    stored = IssuedFile.objects.get(document=document, language="en", format="docx")
    assert target.read_bytes() == bytes(stored.content) and "as issued" in out.getvalue()


@pytest.mark.slow
def test_libreoffice_opens_the_issued_and_the_served_word_files(
    small_report, secretariat_user, client, tmp_path
):
    from .support.pdf_reading import pdf_text
    from .support.word import converts_with_libreoffice

    document, _activity = small_report
    live = client.get(docx_url(document, "en")).content
    document_issue(document=document, user=secretariat_user)
    issued = bytes(IssuedFile.objects.get(document=document, language="en", format="docx").content)
    for content in (live, issued):
        text = pdf_text(converts_with_libreoffice(content, tmp_path))
        assert document.symbol in text and "Census round" in text
