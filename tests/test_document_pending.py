"""Documents say what the reader gets (issue 26). A browser's first request for a document never
rendered is answered at once by the page that says it is being prepared (the render goes to the
background, the page reloads itself), not by a wait of several seconds; a copy rendered before
the latest change is not handed to a browser unexplained: the page dates it, offers it, and says
a newer one is coming. Programs (no Accept, or */*) keep getting the PDF and its headers."""

import datetime
import re
import zoneinfo

import pytest
import time_machine

from reports.delivery import document_pdf
from reports.live import has_copy

from .support import factories
from .support.pdf_reading import pdf_text

pytestmark = pytest.mark.django_db

# What Chromium sends when it navigates to a link.
BROWSER = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
    "application/signed-exchange;v=b3;q=0.7"
)
RENDERED_AT = datetime.datetime(2026, 12, 2, 12, 0, tzinfo=zoneinfo.ZoneInfo("America/Santiago"))


@pytest.fixture
def small_report(db):
    return factories.small_report()


def pdf_url(document, lang, page_lang=None):
    return f"/{page_lang or lang}/documents/{document.symbol}/{lang}.pdf"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).strip()


def test_a_browsers_first_request_is_told_at_once_and_the_render_goes_to_the_background(
    small_report, client, django_capture_on_commit_callbacks, caplog
):
    document, _activity = small_report
    with django_capture_on_commit_callbacks() as queued, caplog.at_level("WARNING", "django.request"):
        first = client.get(pdf_url(document, "en"), HTTP_ACCEPT=BROWSER)
    # The page is an answer, not a server error: nothing logged or mailed to the ADMINS.
    assert [r for r in caplog.records if r.name == "django.request"] == []
    assert first.status_code == 503 and first["Content-Type"].startswith("text/html")
    assert "This document is being prepared from the current data" in text_of(first)
    assert '<meta http-equiv="refresh" content="5">' in first.content.decode()
    assert first["Retry-After"] == "5" and first["Cache-Control"] == "no-store"
    assert "Accept" in first["Vary"]
    assert len(queued) == 1 and not has_copy(document, "en")  # queued, not rendered in the request

    # The page reloads while the worker renders: it is told again, and no second render is queued.
    with django_capture_on_commit_callbacks() as again:
        assert client.get(pdf_url(document, "en"), HTTP_ACCEPT=BROWSER).status_code == 503
    assert again == []

    queued[0]()  # the worker renders it
    ready = client.get(pdf_url(document, "en"), HTTP_ACCEPT=BROWSER)
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"
    assert "Activity 1" in pdf_text(ready.content)


def test_the_page_speaks_the_readers_language_and_names_the_pdfs(small_report, client):
    document, _activity = small_report
    page = client.get(pdf_url(document, "en", page_lang="es"), HTTP_ACCEPT=BROWSER)
    assert page.status_code == 503
    shown = text_of(page)
    assert "Este documento se está preparando con los datos actuales" in shown
    assert "PDF en English" in shown and document.title_es in shown


def test_a_program_still_gets_the_pdf_of_a_first_request(small_report, client):
    document, _activity = small_report
    for accept in ({}, {"HTTP_ACCEPT": "*/*"}, {"HTTP_ACCEPT": "application/pdf"}):
        response = client.get(pdf_url(document, "es"), **accept)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf", accept


def test_a_browser_is_told_the_date_of_the_older_copy_and_that_a_newer_one_is_coming(
    small_report, client, django_capture_on_commit_callbacks
):
    document, activity = small_report
    with time_machine.travel(RENDERED_AT, tick=False):
        document_pdf(document, "en")
    activity.text_en = "Renamed after the copy"
    activity.save()  # its refresh waits for a commit this test's transaction never makes
    later = time_machine.travel(RENDERED_AT + datetime.timedelta(hours=2), tick=False)
    with later, django_capture_on_commit_callbacks() as queued:
        page = client.get(pdf_url(document, "en"), HTTP_ACCEPT=BROWSER)
        older = client.get(pdf_url(document, "en") + "?copy=previous", HTTP_ACCEPT=BROWSER)
    assert page.status_code == 503
    shown = text_of(page)
    assert (
        "A newer copy of this document, with the latest changes to what it shows, is being prepared" in shown
    )
    # The copy's own time, not the time of asking.
    assert "Open the copy of 2 December 2026, 12:00 (Santiago time)" in shown
    assert f'href="{pdf_url(document, "en")}?copy=previous"' in page.content.decode()
    # The copy the page offers, with the headers that say how old it is.
    assert older.status_code == 200 and older["X-Document-Source"] == "previous"
    assert older["X-Document-Age"] == str(2 * 60 * 60) and older["X-Document-Refreshing"] == "yes"
    assert "Renamed after the copy" not in pdf_text(older.content)
    assert len(queued) == 1  # one render, however many asked

    queued[0]()
    current = client.get(pdf_url(document, "en"), HTTP_ACCEPT=BROWSER)
    assert current.status_code == 200 and current["X-Document-Source"] == "cache"
    assert "Renamed after the copy" in pdf_text(current.content)


def test_in_spanish_the_page_dates_the_copy_in_spanish(small_report, client):
    document, activity = small_report
    with time_machine.travel(RENDERED_AT, tick=False):
        document_pdf(document, "es")
    activity.text_es = "Otro nombre"
    activity.save()
    page = client.get(pdf_url(document, "es"), HTTP_ACCEPT=BROWSER)
    shown = text_of(page)
    assert "Se está preparando una copia más reciente de este documento" in shown
    assert "Abrir la copia del 2 de diciembre de 2026 a las 12:00 (hora de Santiago)" in shown


def test_a_change_to_what_the_document_does_not_show_keeps_giving_the_pdf(small_report, client):
    """Other data changed (a new generation), this document did not: no page, the same copy."""
    document, activity = small_report
    first = document_pdf(document, "en")
    activity.text_es = "Solo en español"  # the English document does not show it
    activity.save()
    response = client.get(pdf_url(document, "en"), HTTP_ACCEPT=BROWSER)
    assert response.status_code == 200 and response["X-Document-Source"] == "cache"
    assert response.content == first.content


def test_an_issued_document_is_served_to_a_browser_as_issued(small_report, client, secretariat_user):
    from reports.services import document_issue

    document, _activity = small_report
    document_issue(document=document, user=secretariat_user)
    response = client.get(pdf_url(document, "en"), HTTP_ACCEPT=BROWSER)
    assert response.status_code == 200 and response["X-Document-Source"] == "issued"
