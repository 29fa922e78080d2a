"""Reading a PDF the way the tests need: its text as extracted from the PDF itself (not the
HTML it came from), its outline and its metadata."""

import functools
import io
import re

from pypdf import PdfReader


def squeeze(text: str) -> str:
    """One space for every run of white space, so line breaks of the layout don't matter."""
    return re.sub(r"\s+", " ", text).strip()


@functools.lru_cache(maxsize=8)
def _extracted(content: bytes) -> tuple[str, ...]:
    """Each page's text. Extracting a long document takes a second or more, and several tests
    read the same rendering (test_document_pdfs' session fixture): it is extracted once."""
    return tuple(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def pdf_text(content: bytes) -> str:
    return squeeze(" ".join(_extracted(content)))


def pdf_pages(content: bytes) -> list[str]:
    return [squeeze(text) for text in _extracted(content)]


def outline_titles(content: bytes) -> list[str]:
    """Top-level entries of the PDF outline (bookmarks)."""
    return [item.title for item in PdfReader(io.BytesIO(content)).outline if not isinstance(item, list)]


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


MARGIN = 60  # points: the page margins are 2.2 cm (62 pt) and more


def compact(text: str) -> str:
    """Without any white space: line breaks inside table cells then don't matter."""
    return re.sub(r"\s+", "", text)


def column_numbers(content: bytes, header: str, next_header: str) -> list[int]:
    """The whole numbers printed in a table column, page after page, top to bottom: the column
    runs from where `header` starts to where `next_header` starts on the same page, so a page
    whose table lost its header row gives nothing. Running headers and footers (the page
    number) lie in the margins, outside the band searched."""
    numbers = []
    for page in pdf_reader(content).pages:
        items = []

        def visit(text, cm, tm, font, size, items=items):
            if text.strip():
                items.append((cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3], text.strip()))

        page.extract_text(visitor_text=visit)
        starts = {text: x for x, _y, text in items}
        if header not in starts or next_header not in starts:
            continue
        low, high = starts[header], starts[next_header]
        top, bottom = float(page.mediabox.top) - MARGIN, float(page.mediabox.bottom) + MARGIN
        column = [
            (-y, int(text))
            for x, y, text in items
            if low - 1 <= x < high and bottom < y < top and re.fullmatch(r"\d{1,3}", text)
        ]
        numbers += [n for _y, n in sorted(column)]
    return numbers
