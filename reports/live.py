"""A live document's PDFs in the "documents" cache: the fingerprint of what a copy shows, the
copies rendered, and the two marks that keep a document from being rendered twice at once,
wherever its readers are (every app server and worker shares the cache, in Redis):

- `pdf-rendering:<fingerprint>`, the lock of a render: one process renders a fingerprint; an
  app server's request that finds it held answers at once that the document is being prepared;
  the worker and the command line wait for that render's copy.
- `pdf-queued:<document>:<language>`, held from the moment a render of the document is queued
  until that render ends: however many readers are served an older copy meanwhile, one render
  is queued. A change made while it runs is queued by the next reader after it ends.

Both are leases (reports/render_lock.py): a holder that dies lets them go within
PDF_RENDER_LOCK_SECONDS."""

import functools
import hashlib
import logging
import os
import secrets
import time
from contextlib import contextmanager

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.utils import timezone

from core import generations
from core.tasks import enqueue

from .models import Document
from .render_lock import Lease, holder
from .rendering import PDF_OPTIONS, document_html, html_to_pdf

logger = logging.getLogger(__name__)

CACHE_ALIAS = "documents"
# The static files a document's layout reads (stylesheet and fonts).
LAYOUT_DIRECTORY = "reports"
# A render queued this long ago and never started is taken for lost (a broker that lost it):
# the next reader queues it again. Far longer than a render waits in the queue.
QUEUED_SECONDS = 5 * 60
# A render that failed is queued again by a reader this much later at the soonest (its task's
# own retries aside), not by every reader's request.
FAILED_SECONDS = 60
# How often a process waiting for another's render looks for its copy.
POLL_SECONDS = 0.2


class DocumentPending(Exception):
    """The document has no copy a reader may have yet, and rendering it is not for the reader's
    request (too large, or another render is under way): it renders in the background."""


def layout_digest() -> str:
    """Changes whenever a stylesheet or font of the layout changes: a hash of their names and
    contents, so every app server (whatever its files' times) computes the same one."""
    digest = hashlib.sha256()
    for root in finders.find(LAYOUT_DIRECTORY, find_all=True):
        for directory, _subdirectories, names in sorted(os.walk(root)):
            for name in sorted(names):
                path = os.path.join(directory, name)
                digest.update(os.path.relpath(path, root).encode() + b"\0")
                status = os.stat(path)
                digest.update(_content_digest(path, status.st_size, status.st_mtime_ns).encode())
    return digest.hexdigest()


@functools.lru_cache(maxsize=256)
def _content_digest(path, size, mtime_ns) -> str:
    """A file's content hash, read again only when its size or time changes (they are part of
    the cache key, not of the hash): a font is not hashed again on every request."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def fingerprint(html: str) -> str:
    """Everything a live PDF shows: its HTML (every text, number and date of the data, in
    its language), the layout's static files, the renderer and its options."""
    digest = hashlib.sha256()
    for part in (weasyprint.__version__, repr(sorted(PDF_OPTIONS.items())), layout_digest(), html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _cache():
    return caches[CACHE_ALIAS]


def _latest_key(document_id, lang):
    return f"pdf-latest:{document_id}:{lang}"


def _queued_key(document_id, lang):
    return f"pdf-queued:{document_id}:{lang}"


def has_copy(document, lang) -> bool:
    """Whether a copy of the document in `lang` was ever rendered (so readers ask for it)."""
    return _cache().get(_latest_key(document.pk, lang)) is not None


def latest_copy(document, lang):
    """(content, rendered_at) of the newest copy rendered of the document in `lang`, or None."""
    fp = _cache().get(_latest_key(document.pk, lang))
    return cached_copy(fp) if fp else None


def cached_copy(fp: str):
    """(content, rendered_at) of the copy rendered for fingerprint `fp`, or None."""
    return _cache().get(f"pdf:{fp}")


def _known_key(document, lang) -> str:
    return (
        f"pdf-current:{generations.generation(CACHE_ALIAS)}:{settings.PORTAL_RELEASE}:"
        f"{layout_digest()}:{timezone.localdate().isoformat()}:{document.pk}:{lang}"
    )


def known_fingerprint(document: Document, lang: str) -> str | None:
    """The fingerprint of the document as the data are now, if this generation of the data
    already wrote it (None: the data changed since, or it was never written)."""
    return _cache().get(_known_key(document, lang))


def current_fingerprint(document: Document, lang: str) -> tuple[str, str]:
    """Write the document as the data are now: its fingerprint (kept for this generation of the
    data, so that until they change it need not be written again) and its HTML."""
    html = document_html(document, lang).html
    fp = fingerprint(html)
    _cache().set(_known_key(document, lang), fp, timeout=24 * 60 * 60)
    return fp, html


def cache_keeps() -> bool:
    """Whether the cache keeps what is stored in it: False when it keeps nothing (Redis down),
    and a render would have nowhere to go."""
    probe = f"probe:{secrets.token_hex(8)}"
    _cache().set(probe, 1, timeout=10)
    return _cache().get(probe) == 1


def remember_latest(document: Document, lang: str, fp: str) -> None:
    """`fp`'s copy is the newest of the document in `lang` (what readers get while a newer one
    renders, and what tells the refresh that readers ask for it)."""
    _cache().set(_latest_key(document.pk, lang), fp, timeout=None)


def render_once(
    document: Document, lang: str, html: str, fp: str, *, reader: bool = False
) -> tuple[bytes, float, bool]:
    """The PDF of `html`: (content, rendered_at, whether it was rendered here). Rendered here
    unless another process is rendering it. A `reader` (an app server's request) then gets
    DocumentPending at once, as it does when the cache cannot hold the lock: it never waits, and
    never renders what others may be rendering. The worker and the command line wait for the
    other's copy; they render it themselves if that render dies (its lock lapses), overruns its
    time limit, or when the cache cannot hold a lock (Redis down), rather than wait for nothing."""
    lock = Lease(CACHE_ALIAS, f"pdf-rendering:{fp}")
    deadline, unseen = time.monotonic() + settings.PDF_RENDER_MAX_SECONDS, 0
    while not lock.acquire():
        copy = cached_copy(fp)
        if copy is not None:
            return (*copy, False)
        if reader:
            raise DocumentPending
        # Taken, yet nobody seen holding it twice: the cache keeps nothing (a holder that has
        # just let it go lets this process take it at the next try).
        unseen = unseen + 1 if holder(CACHE_ALIAS, lock.key) is None else 0
        if unseen >= 2 or time.monotonic() > deadline:
            return (*_render(document, lang, html, fp), True)
        time.sleep(POLL_SECONDS)
    with lock:
        copy = cached_copy(fp)  # finished by the holder just before this process took the lock
        if copy is not None:
            return (*copy, False)
        return (*_render(document, lang, html, fp), True)


def _render(document, lang, html, fp) -> tuple[bytes, float]:
    started = time.monotonic()
    content, rendered_at = html_to_pdf(html), time.time()
    # One line per render, whichever process did it: how often the portal pays for one.
    logger.info(
        "Rendered the PDF of %s in %s: %d KB in %.1f s",
        document.symbol,
        lang,
        len(content) // 1024,
        time.monotonic() - started,
    )
    _cache().set(f"pdf:{fp}", (content, rendered_at), timeout=None)
    remember_latest(document, lang, fp)
    return content, rendered_at


def queue_render(document_id: int, lang: str) -> bool:
    """Queue the document's render in `lang` unless one is queued or running already, however
    many readers ask and however often the page that waits for it reloads. Whether it queued one."""
    from .tasks import document_render

    if not _cache().add(_queued_key(document_id, lang), "queued", timeout=QUEUED_SECONDS):
        return False  # queued or running (or the cache is down: nowhere to keep the copy)
    enqueue(document_render, document_id, lang)
    return True


@contextmanager
def render_running(document_id: int, lang: str):
    """Held by the render task while it runs: the queued render's mark, which readers find
    (they queue no other), let go when the render ends, so that a change made meanwhile is
    queued by the next reader. After a failure it stays FAILED_SECONDS."""
    mark = Lease(CACHE_ALIAS, _queued_key(document_id, lang))
    mark.take()
    try:
        yield
    except BaseException:
        mark.release(then=("failed", FAILED_SECONDS))
        raise
    mark.release()
