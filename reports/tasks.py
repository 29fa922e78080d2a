"""Rendering live documents in the background, so that readers never wait for a render they can
avoid (reports/delivery.py): one document in one language, queued once however many readers
ask (reports/live.py), and, after a change to what they show (reports/apps.py), the render of
every live document a reader has asked for whose contents changed."""

from celery import shared_task
from django.conf import settings
from django.core.cache import caches

from core.bilingual import LANGUAGES

from .live import (
    CACHE_ALIAS,
    cache_keeps,
    cached_copy,
    current_fingerprint,
    has_copy,
    queue_render,
    remember_latest,
    render_once,
    render_running,
)
from .models import Document

REFRESH_QUEUED = "documents:refresh-queued"


# A render that fails for want of a resource (a file, the cache) is tried again later.
RETRIED = {"autoretry_for": (OSError,), "retry_backoff": True, "max_retries": 5}


# Bounded: a render is stopped at PDF_RENDER_MAX_SECONDS (its marks let go), and its worker
# process replaced 10 s later if it does not stop; the broker's visibility timeout is longer
# (settings/tasks.py), so no render is handed to a second worker while the first still runs. The
# texts' limits (core/limits.py) keep real renders far shorter. Acknowledged once done: a render
# killed with its worker is run again (and its marks lapse within PDF_RENDER_LOCK_SECONDS, so the
# next reader queues it again before that).
@shared_task(
    **RETRIED,
    acks_late=True,
    soft_time_limit=settings.PDF_RENDER_MAX_SECONDS,
    time_limit=settings.PDF_RENDER_MAX_SECONDS + 10,
)
def document_render(document_id: int, lang: str) -> str:
    """Render the document as it is now in `lang`, unless that copy exists already."""
    with render_running(document_id, lang):
        document = Document.objects.filter(pk=document_id, issued_at__isnull=True).first()
        if document is None:
            return "issued or gone"
        fp, html = current_fingerprint(document, lang)
        if not cache_keeps():  # Redis down: a reader queues it again once it is back
            return "no cache"
        if cached_copy(fp) is not None:
            remember_latest(document, lang, fp)
            return "up to date"
        _content, _rendered_at, here = render_once(document, lang, html, fp)
        return "rendered" if here else "up to date"


@shared_task(**RETRIED)
def documents_refresh() -> int:
    """Queue the render, in each language, of every live document a reader has asked for whose
    contents changed (unless one is queued already); returns how many it queued. Writing each
    document also tells its readers at once, for those that did not change, that their copy is
    current."""
    caches[CACHE_ALIAS].delete(REFRESH_QUEUED)  # a change from now on queues another refresh
    queued = 0
    for document in Document.objects.filter(issued_at__isnull=True):
        for lang in LANGUAGES:
            if not has_copy(document, lang):
                continue
            fp, _html = current_fingerprint(document, lang)
            if cached_copy(fp) is None and queue_render(document.pk, lang):
                queued += 1
    return queued
