"""What frames the Word file's pages, as the PDF's: the heading block (UN and the Commission on
the left; Distr., symbol, date and languages on the right) as a borderless two-column table with
the rule under it; the symbol at the top of every page but the first and the page number (a PAGE
field) at the foot, the job number at the foot of the first; the document's properties; and the
saved file, the same bytes for the same HTML."""

import io
import zipfile

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from .flow import Flow
from .inline import is_block, shown
from .styles import field, word_language

RULE = 16  # eighths of a point: the PDF's 2 pt rule under the heading block
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries' time: the same file on any day


def heading_block(writer, header, flow: Flow) -> None:
    """The <header>'s blocks side by side: the last takes its width from the stylesheet, as
    the PDF sets it at the right margin, and the others share the rest."""
    columns = [child for child in header if shown(writer.cascade, child) and is_block(writer.cascade, child)]
    if not columns:
        return
    last = writer.cascade[columns[-1]].width
    share = last[1] / 100 if last and last[0] == "%" and len(columns) > 1 else 1 / len(columns)
    right = flow.width * share
    widths = [(flow.width - right) / max(1, len(columns) - 1)] * (len(columns) - 1) + [right]
    table = flow.table(1, len(columns))
    table.autofit = False
    _bottom_rule(table)
    for cell, column, width in zip(table.rows[0].cells, columns, widths, strict=True):
        cell.width = Pt(width)
        writer.blocks(column, Flow(cell, width, fresh=cell.paragraphs[0]), sizes=True)
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.space_after = Pt(0)
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = Pt(width)


def _bottom_rule(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single" if side == "bottom" else "nil")
        if side == "bottom":
            border.set(qn("w:sz"), str(RULE))
            border.set(qn("w:space"), "0")
            border.set(qn("w:color"), "000000")
        borders.append(border)
    table._tbl.tblPr.append(borders)


def running_heads(document, strings: dict) -> None:
    """The symbol at the top of every page after the first, outside on facing pages (left on
    even pages, right on odd ones), the page number centred at the foot, and the job number at
    the foot of the first page only, as the stylesheet's @page rules set them."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    document.settings.odd_and_even_pages_header_footer = True
    symbol = strings.get("symbol", "")
    for header, alignment in (
        (section.header, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_header, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = header.paragraphs[0]
        paragraph.text, paragraph.alignment = symbol, alignment
    for footer in (section.footer, section.even_page_footer):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field(paragraph, "PAGE", "1")
    section.first_page_header.is_linked_to_previous = False
    first_footer = section.first_page_footer.paragraphs[0]
    if strings.get("job"):
        first_footer.add_run(strings["job"]).font.size = Pt(9)


def properties(document, root, lang: str) -> None:
    """Title (the HTML's <title>), language, subject and keywords (the symbol, from the
    keywords meta), author and description: the PDF's metadata, in Word's core properties.
    No creation or modification time, so the file depends on the document only."""
    meta = {m.get("name"): m.get("content") or "" for m in root.iter("meta") if m.get("name")}
    title = next(root.iter("title"), None)
    core = document.core_properties
    core.title = " ".join((title.text or "").split()) if title is not None else ""
    core.language = word_language(lang)
    core.keywords = core.subject = meta.get("keywords", "")
    core.author = meta.get("author", "")
    core.comments = meta.get("description", "")
    core.last_modified_by = ""
    core.revision = 1
    element = document.part.package.core_properties._element
    for tag in ("dcterms:created", "dcterms:modified"):
        for found in element.findall(qn(tag)):
            element.remove(found)


def saved(document) -> bytes:
    """The .docx bytes, without python-docx's template thumbnail (a picture of an empty page)
    and with every zip entry dated alike, so the same HTML gives the same file."""
    package = document.part.package
    for key, relationship in list(package.rels.items()):
        if relationship.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            package.rels.pop(key)
    buffer = io.BytesIO()
    document.save(buffer)
    result = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(entry.filename))
    return result.getvalue()
