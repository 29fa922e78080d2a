"""Handing out a document's PDF: an issued document's stored PDF, unchanged; a live one's
from the cache when nothing it shows has changed. When something has, the reader gets at once
the newest copy already rendered (saying how old it is, and that a newer one is on its way)
while the new one renders in the background (reports/tasks.py); only a document never rendered
is rendered in the request, and once however many readers ask for it at the same time (a lock
in the cache, shared by every app server with REDIS_URL)."""

import functools
import hashlib
import os
import time
from dataclasses import dataclass

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.utils import timezone

from core import generations
from core.tasks import enqueue

from .models import Document, IssuedFile
from .rendering import PDF_OPTIONS, document_html, html_to_pdf

CACHE_ALIAS = "documents"
# The static files a document's layout reads (stylesheet and fonts).
LAYOUT_DIRECTORY = "reports"
# How long one render may hold its lock (a render killed with its worker holds it no longer),
# and how long another request or task waits for it before rendering itself.
RENDER_LOCK_SECONDS = settings.PDF_RENDER_LOCK_SECONDS
RENDER_WAIT_SECONDS = settings.PDF_RENDER_LOCK_SECONDS // 2


@dataclass(frozen=True)
class DeliveredPdf:
    content: bytes
    filename: str
    source: str  # "issued", "cache", "rendered", or "previous" (older: a newer one is rendering)
    sha256: str
    age: int | None = None  # seconds since this copy was rendered (None: issued)

    @property
    def refreshing(self) -> bool:
        return self.source == "previous"


def pdf_filename(document: Document, lang: str) -> str:
    return f"{document.symbol.replace('/', '-')}_{lang}.pdf"


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


def _latest_key(document, lang):
    return f"pdf-latest:{document.pk}:{lang}"


def has_copy(document, lang) -> bool:
    """Whether a copy of the document in `lang` was ever rendered (so readers ask for it)."""
    return _cache().get(_latest_key(document, lang)) is not None


def cached_copy(fp: str):
    """(content, rendered_at) of the copy rendered for fingerprint `fp`, or None."""
    return _cache().get(f"pdf:{fp}")


class DocumentPending(Exception):
    """The document has no copy a reader may have yet, and rendering it is not for the reader's
    request (too large, or another render is under way): it renders in the background."""


def render_once(
    document: Document, lang: str, html: str, fp: str, *, reader: bool = False
) -> tuple[bytes, float, bool]:
    """The PDF of `html`, rendered here unless another request or worker is rendering it (then
    its copy, once done). Returns (content, rendered_at, whether it was rendered here). For a
    `reader`, DocumentPending once PDF_READER_WAIT_SECONDS have passed waiting for the other
    render, instead of rendering it here too."""
    lock = f"pdf-rendering:{fp}"
    deadline = time.monotonic() + (settings.PDF_READER_WAIT_SECONDS if reader else RENDER_WAIT_SECONDS)
    while not _cache().add(lock, 1, timeout=RENDER_LOCK_SECONDS):
        copy = cached_copy(fp)
        if copy is not None:
            return (*copy, False)
        if time.monotonic() > deadline:
            if reader:
                raise DocumentPending
            break  # the other render died or hangs: render it here after all
        time.sleep(0.2)
    try:
        copy = cached_copy(fp)  # finished by the holder just before we took the lock
        if copy is not None:
            return (*copy, False)
        content, rendered_at = html_to_pdf(html), time.time()
        _cache().set(f"pdf:{fp}", (content, rendered_at), timeout=None)
        _cache().set(_latest_key(document, lang), fp, timeout=None)
        return content, rendered_at, True
    finally:
        _cache().delete(lock)


def _delivered(document, lang, content, source, rendered_at) -> DeliveredPdf:
    return DeliveredPdf(
        content,
        pdf_filename(document, lang),
        source,
        hashlib.sha256(content).hexdigest(),
        max(0, int(time.time() - rendered_at)),
    )


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


def document_pdf(document: Document, lang: str, *, wait: bool = False) -> DeliveredPdf:
    """The PDF a reader gets for `document` in `lang`: the current one when it is rendered;
    else, unless `wait` (the command line, the secretariat's download), the newest older copy
    at once, with the current one queued to render (the document is not even written in the
    request: the task finds out what changed)."""
    from .tasks import document_render

    if document.is_issued:
        issued = IssuedFile.objects.filter(document=document, language=lang).first()
        if issued is not None:
            return DeliveredPdf(bytes(issued.content), pdf_filename(document, lang), "issued", issued.sha256)
    fp = None if wait else known_fingerprint(document, lang)
    copy = cached_copy(fp) if fp else None
    if copy is not None:
        return _delivered(document, lang, copy[0], "cache", copy[1])
    previous_fp = None if wait else _cache().get(_latest_key(document, lang))
    previous = cached_copy(previous_fp) if previous_fp else None
    if previous is not None:
        enqueue(document_render, document.pk, lang)
        return _delivered(document, lang, previous[0], "previous", previous[1])
    fp, html = current_fingerprint(document, lang)
    copy = cached_copy(fp)
    if copy is not None:
        return _delivered(document, lang, copy[0], "cache", copy[1])
    if not wait and len(html) > settings.PDF_INLINE_MAX_CHARS:
        # Longer than a request may take: the worker renders it (embedded default: a thread).
        enqueue(document_render, document.pk, lang)
        copy = cached_copy(fp)  # rendered already where tasks run at once (the tests)
        if copy is None:
            raise DocumentPending
        return _delivered(document, lang, copy[0], "rendered", copy[1])
    content, rendered_at, here = render_once(document, lang, html, fp, reader=not wait)
    return _delivered(document, lang, content, "rendered" if here else "cache", rendered_at)
