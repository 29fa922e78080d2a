"""One render per document and language, wherever the readers are (issue 27; reports/live.py):
a reader's request never waits for a render another process is doing, readers served an older
copy queue one render until it ends, the refresh after a change queues what changed and nothing
a reader queued already, a render that died holds nothing for long, and with the cache down
nothing hangs or fails. The same with real processes: tests/test_render_once_served.py."""

import socket
import time

import pytest
from django.core.cache import caches
from django.test import override_settings

from core import cache as failsafe
from reports.delivery import document_pdf
from reports.live import DocumentPending, current_fingerprint, has_copy, render_once, render_running
from reports.render_lock import Lease
from reports.tasks import document_render, documents_refresh

from .support import factories
from .support.pdf_reading import pdf_text

pytestmark = pytest.mark.django_db

BROWSER = "text/html,application/xhtml+xml,*/*;q=0.8"


@pytest.fixture
def small_report(db):
    return factories.small_report()


def pdf_url(document, lang):
    return f"/{lang}/documents/{document.symbol}/{lang}.pdf"


def rename(activity, text):
    """A change to what the English document shows, not committed (so no refresh is queued):
    what readers find between a change and its refresh."""
    activity.text_en = text
    activity.save()


def test_a_reader_is_told_at_once_while_another_process_renders(small_report, client):
    """Another process holds the render's lock (as it does while it renders): a program and a
    browser are answered at once (503, in the reader's language), neither waits for it nor
    renders it a second time; once it is let go, the program's request renders it."""
    document, _activity = small_report
    fp, _html = current_fingerprint(document, "es")
    other = Lease("documents", f"pdf-rendering:{fp}")
    assert other.acquire()
    for accept in ({}, {"HTTP_ACCEPT": BROWSER}):
        client.get(f"/es/documents/{document.symbol}/es.pdf", **accept)  # templates read, once
        started = time.monotonic()
        response = client.get(f"/es/documents/{document.symbol}/es.pdf", **accept)
        assert time.monotonic() - started < 1, accept
        assert response.status_code == 503
        assert "Este documento se está preparando" in response.content.decode()
        assert response["Retry-After"] == ("5" if accept else "30")
    other.release()
    response = client.get(f"/es/documents/{document.symbol}/es.pdf")
    assert response.status_code == 200 and response["X-Document-Source"] == "rendered"


def test_with_a_worker_a_programs_first_request_is_told_at_once_and_queued_once(
    small_report, client, settings, django_capture_on_commit_callbacks
):
    """With a broker the worker renders it, not the app server: the program is told when to
    come back, and asking again queues nothing more (the render runs once it commits; this
    test's transaction never does, so nothing reaches the broker named here)."""
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"
    document, _activity = small_report
    with django_capture_on_commit_callbacks() as queued:
        first = client.get(pdf_url(document, "en"))
        again = client.get(pdf_url(document, "en"))
    assert first.status_code == again.status_code == 503
    assert first["Retry-After"] == "30" and "This document is being prepared" in first.content.decode()
    assert len(queued) == 1 and not has_copy(document, "en")


def test_readers_of_an_older_copy_queue_one_render_until_it_ends(
    small_report, client, django_capture_on_commit_callbacks
):
    document, activity = small_report
    document_pdf(document, "en")
    rename(activity, "Renamed once")
    with django_capture_on_commit_callbacks() as queued:
        for _ in range(5):
            assert client.get(pdf_url(document, "en"))["X-Document-Source"] == "previous"
            assert client.get(pdf_url(document, "en"), HTTP_ACCEPT=BROWSER).status_code == 503
            assert client.get(pdf_url(document, "en") + "?copy=previous").status_code == 200
    assert len(queued) == 1
    queued[0]()  # the worker renders it, and lets its mark go
    current = client.get(pdf_url(document, "en"))
    assert current["X-Document-Source"] == "cache" and "Renamed once" in pdf_text(current.content)

    rename(activity, "Renamed twice")  # the render ended: the next reader queues the next one
    with django_capture_on_commit_callbacks() as queued_again:
        assert client.get(pdf_url(document, "en"))["X-Document-Source"] == "previous"
        assert client.get(pdf_url(document, "en"))["X-Document-Source"] == "previous"
    assert len(queued_again) == 1


def test_a_change_made_while_the_render_runs_is_queued_by_the_next_reader_after_it(
    small_report, django_capture_on_commit_callbacks
):
    document, activity = small_report
    document_pdf(document, "en")
    with render_running(document.pk, "en"):  # the worker renders the document as it was
        rename(activity, "Changed during the render")
        with django_capture_on_commit_callbacks() as during:
            assert document_pdf(document, "en").source == "previous"
        assert during == []  # one render at a time
    with django_capture_on_commit_callbacks(execute=True) as after:
        assert document_pdf(document, "en").source == "previous"
    assert len(after) == 1
    current = document_pdf(document, "en")
    assert current.source == "cache" and "Changed during the render" in pdf_text(current.content)


def test_the_refresh_queues_the_render_of_what_changed_unless_a_reader_did(
    small_report, django_capture_on_commit_callbacks
):
    document, activity = small_report
    for lang in ("en", "es"):
        document_pdf(document, lang)
    rename(activity, "Renamed in English")
    with django_capture_on_commit_callbacks() as by_reader:
        assert document_pdf(document, "en").source == "previous"
    with django_capture_on_commit_callbacks() as by_refresh:
        # English: queued by the reader already; Spanish: what it shows did not change.
        assert documents_refresh.apply().get() == 0
    assert len(by_reader) == 1 and by_refresh == []
    assert document_pdf(document, "es").source == "cache"  # known current: no render queued
    by_reader[0]()

    rename(activity, "Renamed again, before any reader")
    with django_capture_on_commit_callbacks(execute=True) as by_refresh:
        assert documents_refresh.apply().get() == 1
    assert len(by_refresh) == 1
    current = document_pdf(document, "en")
    assert current.source == "cache" and "Renamed again" in pdf_text(current.content)


def test_a_lock_left_by_a_render_that_died_lapses_within_seconds(small_report, client, settings):
    """Its holder died (nobody renews it): readers are told at once meanwhile, and the worker
    renders it once the lock lapses, not after the longest a render may take."""
    settings.PDF_RENDER_LOCK_SECONDS = 1
    document, _activity = small_report
    fp, html = current_fingerprint(document, "en")
    caches["documents"].add(f"pdf-rendering:{fp}", "a dead render's token", timeout=1)
    assert client.get(pdf_url(document, "en")).status_code == 503
    started = time.monotonic()
    _content, _rendered_at, here = render_once(document, "en", html, fp)
    assert here and 0.5 < time.monotonic() - started < 10


def test_a_render_keeps_its_lock_while_it_works(settings):
    settings.PDF_RENDER_LOCK_SECONDS = 1
    lease = Lease("documents", "a-test-lease")
    assert lease.acquire()
    time.sleep(2.5)  # more than twice the lock's life, renewed meanwhile
    assert caches["documents"].get("a-test-lease") == lease.token
    assert not Lease("documents", "a-test-lease").acquire()
    lease.release()
    assert caches["documents"].get("a-test-lease") is None


def test_a_failed_render_is_not_queued_again_by_every_reader(
    small_report, django_capture_on_commit_callbacks
):
    document, _activity = small_report
    with pytest.raises(RuntimeError), render_running(document.pk, "en"):
        raise RuntimeError("the render failed")
    with django_capture_on_commit_callbacks() as queued, pytest.raises(DocumentPending):
        document_pdf(document, "en", browser=True)
    assert queued == []
    caches["documents"].delete(f"pdf-queued:{document.pk}:en")  # FAILED_SECONDS later
    with django_capture_on_commit_callbacks() as queued, pytest.raises(DocumentPending):
        document_pdf(document, "en", browser=True)
    assert len(queued) == 1


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def cache_down():
    """The documents' cache in a Redis that is not there, as production writes it."""
    failsafe._skipped_until.clear()
    down = {
        "BACKEND": "core.cache.FailsafeRedisCache",
        "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        "TIMEOUT": None,
    }
    with override_settings(CACHES={"default": down, "documents": down, "pages": down}):
        caches.close_all()
        yield
    failsafe._skipped_until.clear()


def test_with_the_cache_down_a_live_document_is_pending_or_rendered_never_a_hang(
    small_report, client, cache_down, django_capture_on_commit_callbacks
):
    document, _activity = small_report
    for accept in ({}, {"HTTP_ACCEPT": BROWSER}):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(pdf_url(document, "en"), **accept)
        assert response.status_code == 503 and response["Retry-After"], accept
        assert time.monotonic() - started < 2, accept
    # The secretariat's download and the command line render it (nowhere to keep it).
    assert document_pdf(document, "en", wait=True).source == "rendered"
    started = time.monotonic()
    assert document_render.apply(args=(document.pk, "en")).get() == "no cache"
    assert time.monotonic() - started < 2
