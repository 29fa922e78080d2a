"""Handing out a document's files. An issued document's PDF and Word file are the ones stored
when it was issued, unchanged. A live document's PDF comes from the cache when nothing it shows
has changed. When something has, the reader gets the newest copy already rendered at once (saying
how old it is, and that a newer one is coming) while the new one renders in the background
(reports/tasks.py). A browser never waits for a first render: it is queued and a page says so; a
program's request renders it, once however many ask at the same time (a lock in the cache, shared
by every app server with REDIS_URL). Word files: the same cache, or written in the request."""

import functools
import hashlib
import importlib.metadata
import os
import time
from dataclasses import dataclass
from pathlib import Path

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
PDF, DOCX = IssuedFile.Format.PDF.value, IssuedFile.Format.DOCX.value
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# The static files a document's layout reads (stylesheet and fonts).
LAYOUT_DIRECTORY = "reports"
# How long one render may hold its lock (a render killed with its worker holds it no longer),
# and how long another request or task waits for it before rendering itself.
RENDER_LOCK_SECONDS = settings.PDF_RENDER_LOCK_SECONDS
RENDER_WAIT_SECONDS = settings.PDF_RENDER_LOCK_SECONDS // 2
# What writes a Word file from a document's HTML (reports/word/).
WORD_WRITER = Path(__file__).resolve().parent / "word"
WORD_LIBRARIES = ("python-docx", "tinyhtml5", "tinycss2", "cssselect2")


@dataclass(frozen=True)
class DeliveredFile:
    content: bytes
    filename: str
    source: str  # "issued", "cache", "rendered", or "previous" (older: a newer one is rendering)
    sha256: str
    age: int | None = None  # seconds since this copy was rendered (None: issued)
    format: str = PDF

    @property
    def refreshing(self) -> bool:
        return self.source == "previous"

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]


def file_name(document: Document, lang: str, format: str = PDF) -> str:
    """LC-CE.20-3_es.pdf: the symbol, with the slashes a file name cannot hold as hyphens."""
    return f"{document.symbol.replace('/', '-')}_{lang}.{format}"


def issued_copy(document: Document, lang: str, format: str) -> DeliveredFile | None:
    """The file stored when the document was issued; None for a live document, or for a format
    that was not stored (a document issued before Word files were stored has none)."""
    if not document.is_issued:
        return None
    issued = IssuedFile.objects.filter(document=document, language=lang, format=format).first()
    if issued is None:
        return None
    return DeliveredFile(
        bytes(issued.content), file_name(document, lang, format), "issued", issued.sha256, format=format
    )


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


def _delivered(document, lang, content, source, rendered_at, format=PDF) -> DeliveredFile:
    return DeliveredFile(
        content,
        file_name(document, lang, format),
        source,
        hashlib.sha256(content).hexdigest(),
        max(0, int(time.time() - rendered_at)),
        format,
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


def document_pdf(
    document: Document, lang: str, *, wait: bool = False, browser: bool = False
) -> DeliveredFile:
    """The PDF a reader gets for `document` in `lang`: the current one when it is rendered;
    else, unless `wait` (the command line, the secretariat's download), the newest older copy
    at once, with the current one queued to render (the document is not even written in the
    request: the task finds out what changed). A `browser` is shown a page instead: of an older
    copy once the data shown have changed since, of DocumentPending at once for a first render."""
    issued = issued_copy(document, lang, PDF)
    if issued is not None:
        return issued
    fp = None if wait else known_fingerprint(document, lang)
    copy = cached_copy(fp) if fp else None
    if copy is not None:
        return _delivered(document, lang, copy[0], "cache", copy[1])
    previous_fp = None if wait else _cache().get(_latest_key(document, lang))
    previous = cached_copy(previous_fp) if previous_fp else None
    if previous is not None and browser and fp is None:
        fp, _html = current_fingerprint(document, lang)  # changed, or only other data?
        copy = cached_copy(fp)
        if copy is not None:
            return _delivered(document, lang, copy[0], "cache", copy[1])
    if previous is not None:
        _queue_render(document, lang)
        return _delivered(document, lang, previous[0], "previous", previous[1])
    if browser:  # a first render, which the page that says so waits for
        _queue_render(document, lang)
        return _rendered_at_once(document, lang, known_fingerprint(document, lang))
    fp, html = current_fingerprint(document, lang)
    copy = cached_copy(fp)
    if copy is not None:
        return _delivered(document, lang, copy[0], "cache", copy[1])
    if not wait and len(html) > settings.PDF_INLINE_MAX_CHARS:
        # Longer than a request may take: the worker renders it (embedded default: a thread).
        _queue_render(document, lang)
        return _rendered_at_once(document, lang, fp)
    content, rendered_at, here = render_once(document, lang, html, fp, reader=not wait)
    return _delivered(document, lang, content, "rendered" if here else "cache", rendered_at)


def _queue_render(document: Document, lang: str) -> None:
    """Queue the render once for this generation of the data, however many readers ask and
    however often the page that waits for it reloads."""
    from .tasks import document_render

    key = f"pdf-queued:{generations.generation(CACHE_ALIAS)}:{document.pk}:{lang}"
    if _cache().add(key, 1, timeout=RENDER_LOCK_SECONDS):
        enqueue(document_render, document.pk, lang)


def _rendered_at_once(document: Document, lang: str, fp: str | None) -> DeliveredFile:
    """The copy a queued render made already where tasks run at once (the tests), or DocumentPending."""
    copy = cached_copy(fp) if fp else None
    if copy is None:
        raise DocumentPending
    return _delivered(document, lang, copy[0], "rendered", copy[1])


@functools.lru_cache(maxsize=1)
def word_writer_digest() -> str:
    """The Word writer's own code (reports/word/) and the libraries it writes with: a new
    version of either may write the same HTML otherwise, as a new WeasyPrint may lay it out
    otherwise. Read once per process: code changes only with a restart."""
    digest = hashlib.sha256()
    for library in WORD_LIBRARIES:
        digest.update(f"{library} {importlib.metadata.version(library)}".encode() + b"\0")
    for path in sorted(WORD_WRITER.rglob("*.py")):
        digest.update(path.relative_to(WORD_WRITER).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def docx_fingerprint(pdf_fingerprint: str, writer: str) -> str:
    """Everything a live Word file shows: the PDF's fingerprint (the HTML both are written from,
    in its language, and the stylesheet the writer reads too) and the Word writer, by its name
    (the kind's) and its code."""
    parts = ("docx", writer, word_writer_digest(), pdf_fingerprint)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def document_docx(document: Document, lang: str) -> DeliveredFile | None:
    """The Word file a reader gets for `document` in `lang`: an issued document's as issued
    (None if none was stored: one written today would not be the issued text); a live one's
    from the cache while nothing it shows has changed, else written in the request. Writing
    takes about a seventh of a PDF's time (LC/CE.20/3: 0.3 s against 2.5 s; 2.6 s against 18 s
    at ten times its data; docs/developer/documents.md), so neither the background nor the
    previous copy is needed, but a third of a second on every download is worth the cache (2 ms)."""
    if document.is_issued:
        return issued_copy(document, lang, DOCX)
    pdf_fp, html = known_fingerprint(document, lang), None
    if pdf_fp is None:
        pdf_fp, html = current_fingerprint(document, lang)
    kind = document.kind_class
    key = f"docx:{docx_fingerprint(pdf_fp, kind.word_writer)}"
    copy = _cache().get(key)
    if copy is not None:
        return _delivered(document, lang, copy[0], "cache", copy[1], DOCX)
    if html is None:  # the fingerprint was known: the HTML was not written in this request
        html = document_html(document, lang).html
    content, rendered_at = kind.write_docx(html), time.time()
    _cache().set(key, (content, rendered_at), timeout=None)
    return _delivered(document, lang, content, "rendered", rendered_at, DOCX)
