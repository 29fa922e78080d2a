"""Rendering live documents in the background, so that readers never wait for a render they can
avoid (reports/delivery.py): one document in one language, and every live document that was
already asked for, after a change to what they show (reports/apps.py)."""

from celery import shared_task
from django.conf import settings
from django.core.cache import caches

from core.bilingual import LANGUAGES

from .models import Document

REFRESH_QUEUED = "documents:refresh-queued"


# A render that fails for want of a resource (a file, the cache) is tried again later.
RETRIED = {"autoretry_for": (OSError,), "retry_backoff": True, "max_retries": 5}


# Bounded: a render stopped at its lock's expiry (the worker's process is replaced; another
# render may take the lock then); the texts' limits (core/limits.py) keep real ones far shorter.
@shared_task(**RETRIED, time_limit=settings.PDF_RENDER_LOCK_SECONDS)
def document_render(document_id: int, lang: str) -> str:
    """Render the document as it is now in `lang`, unless that copy exists already."""
    from .delivery import cached_copy, current_fingerprint, render_once

    document = Document.objects.filter(pk=document_id, issued_at__isnull=True).first()
    if document is None:
        return "issued or gone"
    fp, html = current_fingerprint(document, lang)
    if cached_copy(fp) is not None:
        return "up to date"
    render_once(document, lang, html, fp)
    return "rendered"


@shared_task(**RETRIED)
def documents_refresh() -> int:
    """Render anew, in each language, every live document a reader has asked for and whose
    contents changed; returns how many copies it rendered."""
    from .delivery import has_copy

    caches["documents"].delete(REFRESH_QUEUED)  # a change from now on queues another refresh
    rendered = 0
    for document in Document.objects.filter(issued_at__isnull=True):
        for lang in LANGUAGES:
            if has_copy(document, lang) and document_render(document.pk, lang) == "rendered":
                rendered += 1
    return rendered
