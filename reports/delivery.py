"""Handing out a document's PDF: an issued document's stored PDF, unchanged; a live one's
from the cache when nothing it shows has changed, else rendered now and cached."""
import functools
import hashlib
import os
from dataclasses import dataclass

import weasyprint
from django.contrib.staticfiles import finders
from django.core.cache import caches

from .models import Document, IssuedPdf
from .rendering import PDF_OPTIONS, document_html, html_to_pdf

CACHE_ALIAS = "documents"
# The static files a document's layout reads (stylesheet and fonts).
LAYOUT_DIRECTORY = "reports"


@dataclass(frozen=True)
class DeliveredPdf:
    content: bytes
    filename: str
    source: str  # "issued", "cache" or "rendered"
    sha256: str


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


def document_pdf(document: Document, lang: str) -> DeliveredPdf:
    """The PDF a reader gets for `document` in `lang`."""
    filename = pdf_filename(document, lang)
    if document.is_issued:
        issued = IssuedPdf.objects.filter(document=document, language=lang).first()
        if issued is not None:
            return DeliveredPdf(bytes(issued.content), filename, "issued", issued.sha256)
    html = document_html(document, lang).html
    key = f"pdf:{fingerprint(html)}"
    cache = caches[CACHE_ALIAS]
    content = cache.get(key)
    source = "cache"
    if content is None:
        content, source = html_to_pdf(html), "rendered"
        cache.set(key, content, timeout=None)
    return DeliveredPdf(content, filename, source, hashlib.sha256(content).hexdigest())
