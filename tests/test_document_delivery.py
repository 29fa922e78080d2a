"""A live document renders when what it shows changes and comes from the cache otherwise;
an issued document is served as issued, whatever changes later; a missing translation is
marked, warned about, and stops issuing."""

import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from reports.delivery import document_pdf
from reports.models import IssuedFile
from reports.services import document_issue

from .support import factories
from .support.pdf_reading import pdf_text

# The day is frozen (conftest.FROZEN_NOW) for what reads it (opening rounds, the pages); a group's
# report shows its schedule as of its meeting, whatever the day.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def test_second_download_comes_from_the_cache(small_report):
    document, _activity = small_report
    first = document_pdf(document, "en")
    second = document_pdf(document, "en")
    assert (first.source, second.source) == ("rendered", "cache")
    assert second.content == first.content
    assert document_pdf(document, "es").source == "rendered"


def test_a_change_to_a_shown_value_renders_anew(small_report, django_capture_on_commit_callbacks):
    document, activity = small_report
    first = document_pdf(document, "en")
    with django_capture_on_commit_callbacks(execute=True):  # the change, committed
        activity.text_en = "Activity renamed"
        activity.save()
    # Rendered anew in the background once the change committed (here: at once, in this
    # thread); the reader gets the new copy from the cache.
    fresh = document_pdf(document, "en")
    assert fresh.source == "cache" and "Activity renamed" in pdf_text(fresh.content)
    assert fresh.content != first.content
    entry = activity.progress.get()
    with django_capture_on_commit_callbacks(execute=True):
        entry.percent = 85
        entry.save()
    again = document_pdf(document, "en")
    assert again.source == "cache" and "85" in pdf_text(again.content)


def test_a_reader_gets_the_previous_copy_at_once_while_the_new_one_renders(
    small_report, django_capture_on_commit_callbacks
):
    """Until the new copy is rendered, the newest one is served, saying so; asking queues the
    render, which the next reader then gets."""
    document, activity = small_report
    document_pdf(document, "en")
    activity.text_en = "Renamed, not yet rendered"
    activity.save()  # the refresh waits for the commit, which this test's transaction lacks
    with django_capture_on_commit_callbacks(execute=True) as queued:
        served = document_pdf(document, "en")
        assert (served.source, served.refreshing) == ("previous", True)
        assert "Renamed, not yet rendered" not in pdf_text(served.content)
    assert len(queued) == 1  # the render, queued by the request
    current = document_pdf(document, "en")
    assert current.source == "cache" and "Renamed, not yet rendered" in pdf_text(current.content)


def test_waiting_for_the_current_copy_renders_it(small_report):
    """The command line and the secretariat's download wait for what the data say now."""
    document, activity = small_report
    document_pdf(document, "en")
    activity.text_en = "Renamed for the secretariat"
    activity.save()
    current = document_pdf(document, "en", wait=True)
    assert current.source == "rendered" and "Renamed for the secretariat" in pdf_text(current.content)


def test_a_change_to_a_value_not_shown_keeps_the_cache(small_report, django_capture_on_commit_callbacks):
    document, activity = small_report
    first = document_pdf(document, "en")
    with django_capture_on_commit_callbacks(execute=True):  # the refresh finds nothing to render
        round_ = document.round
        round_.opens_on = round_.opens_on.replace(day=2)  # the window is not printed
        round_.save()
        activity.text_es = "Otro texto"  # the English version does not show it
        activity.save()
    again = document_pdf(document, "en")
    assert again.source == "cache" and again.content == first.content


def test_issued_files_are_stored_with_their_hash_and_served_unchanged(small_report, secretariat_user):
    document, activity = small_report
    issued = document_issue(document=document, user=secretariat_user)
    assert sorted(file.language for file in issued if file.format == "pdf") == ["en", "es"]
    for pdf in IssuedFile.objects.filter(document=document):
        assert pdf.sha256 == hashlib.sha256(bytes(pdf.content)).hexdigest()
        assert pdf.size == len(bytes(pdf.content))
    document.refresh_from_db()
    assert document.is_issued and document.issued_by == secretariat_user
    stored = IssuedFile.objects.get(document=document, language="en", format="pdf")
    activity.text_en = "Changed after issue"
    activity.save()
    served = document_pdf(document, "en")
    assert served.source == "issued"
    assert served.content == bytes(stored.content) and served.sha256 == stored.sha256
    assert "Changed after issue" not in pdf_text(served.content)


def test_a_document_is_issued_once(small_report, secretariat_user):
    document, _activity = small_report
    document_issue(document=document, user=secretariat_user)
    with pytest.raises(ValidationError, match="issued already"):
        document_issue(document=document, user=secretariat_user)
    assert IssuedFile.objects.filter(document=document).count() == 4  # a PDF and a Word file each


def test_missing_translation_is_marked_and_stops_issuing(secretariat_user):
    document, activity = factories.small_report(activity_text_en="Only in English")
    activity.text_es = ""
    activity.save()
    spanish = pdf_text(document_pdf(document, "es").content)
    assert "Traducción pendiente; se muestra en EN" in spanish and "Only in English" in spanish
    with pytest.raises(ValidationError, match="cannot be issued"):
        document_issue(document=document, user=secretariat_user)
    document.refresh_from_db()
    assert not document.is_issued and not IssuedFile.objects.filter(document=document).exists()


def test_render_document_warns_about_missing_translations(tmp_path):
    document, activity = factories.small_report()
    activity.text_es = ""
    activity.save()
    err, out = io.StringIO(), io.StringIO()
    target = tmp_path / "report.pdf"
    call_command(
        "render_document", document.symbol, "--lang", "es", "--output", str(target), stdout=out, stderr=err
    )
    assert "Warning: not translated into ES" in err.getvalue() and "text" in err.getvalue()
    assert target.read_bytes().startswith(b"%PDF-")
    quiet = io.StringIO()
    call_command(
        "render_document",
        document.symbol,
        "--lang",
        "en",
        "--output",
        str(target),
        stdout=io.StringIO(),
        stderr=quiet,
    )
    assert quiet.getvalue() == ""


@pytest.fixture
def small_report(db):
    return factories.small_report()


def test_the_layouts_fingerprint_follows_the_files_contents_not_their_times(tmp_path, settings):
    """Two app servers whose copies of the layout differ only in their files' times compute the
    same fingerprint, and so share their cached PDFs; a changed stylesheet changes it."""
    import os

    from reports.live import layout_digest

    stylesheet = tmp_path / "reports" / "pdf.css"
    stylesheet.parent.mkdir()
    stylesheet.write_text("body { margin: 0 }")
    settings.STATICFILES_DIRS = [tmp_path]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    first = layout_digest()
    os.utime(stylesheet, (1_000_000_000, 1_000_000_000))  # another server's copy, another time
    assert layout_digest() == first
    stylesheet.write_text("body { margin: 1cm }")
    assert layout_digest() != first


def test_a_cached_pdf_is_handed_out_without_writing_the_document_again(small_report):
    """While the data do not change, the document's fingerprint is known: no query, no template."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    document, _activity = small_report
    document_pdf(document, "en")
    with CaptureQueriesContext(connection) as queries:
        again = document_pdf(document, "en")
    assert again.source == "cache" and len(queries) == 0


def test_a_document_too_long_for_a_request_is_rendered_by_the_background_task(
    small_report, client, settings, django_capture_on_commit_callbacks
):
    """Past PDF_INLINE_MAX_CHARS the reader's request queues the render and answers 503 at once;
    the task renders it (here once the request's work commits, in this thread); then the reader
    gets it."""
    settings.PDF_INLINE_MAX_CHARS = 1000
    document, _activity = small_report
    with django_capture_on_commit_callbacks(execute=True) as queued:
        first = client.get(f"/en/documents/{document.symbol}/en.pdf")
    assert first.status_code == 503 and "This document is being prepared" in first.content.decode()
    assert len(queued) == 1  # the render, queued for the background
    second = client.get(f"/en/documents/{document.symbol}/en.pdf")
    assert second.status_code == 200 and second["X-Document-Source"] == "cache"
    assert "Activity 1" in pdf_text(second.content)
