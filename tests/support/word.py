"""Reading a Word file the way the tests need: from its own content, with python-docx (not the
HTML it came from), and converted to PDF by LibreOffice, which proves that a real word processor
opens it. Every .docx a test writes is converted by LibreOffice in some test (the slow ones)."""

import io
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .slow import require_slow

PX = 0.75  # points in a CSS pixel, WeasyPrint's unit

LIBREOFFICE_TIMEOUT = 180  # seconds: a first start makes its profile, then converts


def docx_document(content: bytes):
    return docx.Document(io.BytesIO(content))


def _blocks(container):
    """Paragraphs and tables in document order, each merged cell once, nested tables included."""
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        elif isinstance(item, Table):
            yield item
            for cells in _unique_cells(item):
                for cell in cells:
                    yield from _blocks(cell)


def docx_paragraphs(content: bytes) -> list[Paragraph]:
    """Every paragraph, in table cells too, in document order."""
    return [b for b in _blocks(docx_document(content)) if isinstance(b, Paragraph)]


def docx_text(content: bytes) -> str:
    """The text of every paragraph and table cell in document order, one paragraph a line."""
    return "\n".join(p.text for p in docx_paragraphs(content))


def docx_headings(content: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph in the Title or a Heading style, in order."""
    return [
        (p.style.name, p.text)
        for p in docx_paragraphs(content)
        if p.style is not None and p.style.name.startswith(("Title", "Heading"))
    ]


def _unique_cells(table: Table) -> list[list]:
    """Each row's cells, a merged cell only in the row and column where its span starts."""
    seen, rows = set(), []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(cell)
        rows.append(cells)
    return rows


def docx_tables(content: bytes) -> list[Table]:
    """Every table, nested ones included, in document order."""
    return [b for b in _blocks(docx_document(content)) if isinstance(b, Table)]


def table_rows(table: Table) -> list[list[str]]:
    """Each row's cells' texts (a merged cell once, in the row where it starts its span)."""
    return [[" ".join(c.text.split()) for c in cells] for cells in _unique_cells(table)]


def docx_table_rows(content: bytes) -> list[list[list[str]]]:
    """Every table's rows of cell texts, in document order."""
    return [table_rows(table) for table in docx_tables(content)]


def header_rows(table: Table) -> list[bool]:
    """For each row, whether Word repeats it at the top of every page (w:tblHeader)."""
    flags = []
    for row in table._tbl.tr_lst:
        properties = row.trPr
        flags.append(properties is not None and properties.find(qn("w:tblHeader")) is not None)
    return flags


def column_widths_pt(table: Table) -> list[float]:
    """The table's grid column widths, in points."""
    return [column.w.pt for column in table._tbl.tblGrid.gridCol_lst]


def converts_with_libreoffice(content: bytes, tmp_path: Path) -> bytes:
    """The PDF LibreOffice (headless Writer) makes of the .docx; fails unless it exits 0 and
    writes a PDF. Each call has a LibreOffice profile of its own, so runs side by side never
    share one (LibreOffice refuses to start on a profile another instance holds)."""
    require_slow("LibreOffice")
    # A folder of its own for every call: two conversions in one test never share one.
    folder = Path(tempfile.mkdtemp(prefix="libreoffice-", dir=tmp_path))
    (folder / "out").mkdir()
    source = folder / "document.docx"
    source.write_bytes(content)
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=LIBREOFFICE_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr or result.stdout
    pdf = folder / "out" / "document.pdf"
    assert pdf.is_file(), f"LibreOffice wrote no PDF: {result.stdout} {result.stderr}"
    produced = pdf.read_bytes()
    assert produced.startswith(b"%PDF") and len(produced) > 1000, len(produced)
    return produced


def pdf_column_widths(html: str) -> list[list[float]]:
    """Each table's column widths, in points, as WeasyPrint lays the HTML out for the PDF, in
    document order (a table split over pages counted once)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from reports.fetcher import STATIC_BASE_URL, StaticFilesFetcher

    laid_out = HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=StaticFilesFetcher()).render()
    widths, seen = [], set()

    def visit(box):
        if isinstance(box, boxes.TableBox) and id(box.element) not in seen:
            seen.add(id(box.element))
            widths.append([width * PX for width in box.column_widths])
        for child in getattr(box, "children", ()):
            visit(child)

    for page in laid_out.pages:
        visit(page._page_box)
    return widths
