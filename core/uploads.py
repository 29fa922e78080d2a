"""What an uploaded file is, told by its bytes and never by its name or the browser's word: a
file named "report.pdf" that holds a program is not a PDF. Only the kinds a reader can open
safely are known; anything else (HTML, SVG, scripts, archives of other kinds) is none of them."""

import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    label: str


PDF = Kind("pdf", "application/pdf", "PDF")
DOCX = Kind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (DOCX)")
XLSX = Kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)")
PNG = Kind("png", "image/png", "PNG")
JPEG = Kind("jpg", "image/jpeg", "JPEG")
GIF = Kind("gif", "image/gif", "GIF")
WEBP = Kind("webp", "image/webp", "WebP")
KINDS = (PDF, DOCX, XLSX, PNG, JPEG, GIF, WEBP)
KINDS_TEXT = _("PDF, Word (DOCX), Excel (XLSX), or an image (PNG, JPEG, GIF, WebP)")

# The part that makes an Office Open XML package a document or a workbook.
_OFFICE_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}


def _office_kind(file) -> Kind | None:
    """DOCX or XLSX: a zip package with its content types and its main part. Only the zip's
    directory is read, never a part's content."""
    try:
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for part, kind in _OFFICE_PARTS.items() if part in names), None)


def sniff(file) -> Kind | None:
    """The kind of an open binary file (read from its start, left at its start), or None."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head[:6] in (b"GIF87a", b"GIF89a"):
        kind = GIF
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = WEBP
    elif head.startswith(b"PK\x03\x04"):
        kind = _office_kind(file)
        file.seek(0)
    return kind
