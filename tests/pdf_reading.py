"""Reading a PDF the way the tests need: its text as extracted from the PDF itself (not the
HTML it came from), its outline and its metadata."""
import io
import re

from pypdf import PdfReader


def squeeze(text: str) -> str:
    """One space for every run of white space, so line breaks of the layout don't matter."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return squeeze(" ".join(page.extract_text() or "" for page in reader.pages))


def pdf_pages(content: bytes) -> list[str]:
    return [squeeze(page.extract_text() or "") for page in PdfReader(io.BytesIO(content)).pages]


def outline_titles(content: bytes) -> list[str]:
    """Top-level entries of the PDF outline (bookmarks)."""
    return [item.title for item in PdfReader(io.BytesIO(content)).outline if not isinstance(item, list)]


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))
