"""Handing out a document's files. An issued document's PDF and Word file are the ones stored
when it was issued, unchanged. A live document's PDF comes from the cache when nothing it shows
has changed. When something has, the reader gets the newest copy already rendered at once (saying
how old it is, and that a newer one is coming) while the new one renders in the background
(reports/tasks.py), queued once however many readers ask. A reader never waits for a first
render: with a broker it is queued for a worker and the reader told so at once (a browser by a
page); with none (the embedded default) a program's request renders it, unless another process
is rendering it already, and then is told so at once (reports/live.py: the marks, in the cache
every app server and worker shares with REDIS_URL). Word files: the same cache, or written in
the request."""

import functools
import hashlib
import importlib.metadata
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches

from .live import (
    CACHE_ALIAS,
    DocumentPending,
    cached_copy,
    current_fingerprint,
    known_fingerprint,
    latest_copy,
    queue_render,
    render_once,
)
from .models import Document, IssuedFile
from .rendering import document_html

PDF, DOCX = IssuedFile.Format.PDF.value, IssuedFile.Format.DOCX.value
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
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


def _delivered(document, lang, content, source, rendered_at, format=PDF) -> DeliveredFile:
    return DeliveredFile(
        content,
        file_name(document, lang, format),
        source,
        hashlib.sha256(content).hexdigest(),
        max(0, int(time.time() - rendered_at)),
        format,
    )


def document_pdf(
    document: Document, lang: str, *, wait: bool = False, browser: bool = False
) -> DeliveredFile:
    """The PDF a reader gets for `document` in `lang`: the current one when it is rendered;
    else, unless `wait` (the command line, the secretariat's download), the newest older copy
    at once, with the current one queued to render (the document is not even written in the
    request: the task finds out what changed). A `browser` is shown a page instead: of an older
    copy once the data shown have changed since, of DocumentPending at once for a first render,
    as a program is when a worker renders it. No reader ever waits for another's render."""
    issued = issued_copy(document, lang, PDF)
    if issued is not None:
        return issued
    if wait:
        return _current(document, lang, reader=False)
    fp = known_fingerprint(document, lang)
    copy = cached_copy(fp) if fp else None
    if copy is not None:
        return _delivered(document, lang, copy[0], "cache", copy[1])
    previous = latest_copy(document, lang)
    if previous is not None and browser and fp is None:
        fp, _html = current_fingerprint(document, lang)  # changed, or only other data?
        copy = cached_copy(fp)
        if copy is not None:
            return _delivered(document, lang, copy[0], "cache", copy[1])
    if previous is not None:
        queue_render(document.pk, lang)
        return _delivered(document, lang, previous[0], "previous", previous[1])
    if browser or settings.CELERY_BROKER_URL:
        # A first render, for the worker: a browser's page waits for it, a program is told when
        # to come back, and the app server's processes stay free for the pages (with no broker,
        # the embedded default, a program's request renders it, as a thread would).
        queue_render(document.pk, lang)
        return _rendered_at_once(document, lang, known_fingerprint(document, lang))
    return _current(document, lang, reader=True)


def _current(document: Document, lang: str, *, reader: bool) -> DeliveredFile:
    """The document as the data are now: its copy in the cache, or rendered here. A `reader`'s
    request renders it only if it is short enough for a request and no other process is
    rendering it: else DocumentPending at once (the worker renders it)."""
    fp, html = current_fingerprint(document, lang)
    copy = cached_copy(fp)
    if copy is not None:
        return _delivered(document, lang, copy[0], "cache", copy[1])
    if reader and len(html) > settings.PDF_INLINE_MAX_CHARS:
        # Longer than a request may take: the worker renders it (embedded default: a thread).
        queue_render(document.pk, lang)
        return _rendered_at_once(document, lang, fp)
    content, rendered_at, here = render_once(document, lang, html, fp, reader=reader)
    return _delivered(document, lang, content, "rendered" if here else "cache", rendered_at)


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
    copy = caches[CACHE_ALIAS].get(key)
    if copy is not None:
        return _delivered(document, lang, copy[0], "cache", copy[1], DOCX)
    if html is None:  # the fingerprint was known: the HTML was not written in this request
        html = document_html(document, lang).html
    content, rendered_at = kind.write_docx(html, document, lang), time.time()
    caches[CACHE_ALIAS].set(key, (content, rendered_at), timeout=None)
    return _delivered(document, lang, content, "rendered", rendered_at, DOCX)
