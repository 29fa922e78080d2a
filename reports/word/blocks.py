"""The HTML's blocks as Word paragraphs, headings, lists, contents and tables, in document order.

h1 is Word's Title, h2 to h4 its Heading 1 to 3 (with the numerals the PDF prints, generated
ones included); lists are Word lists (List Number, restarted for each list in its marker's format;
List Bullet; and the built-in List, indented without a marker, for the PDF's unmarked lists);
the contents are a TOC field over Heading 1, showing the PDF's entries until Word updates it."""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from .flow import Flow
from .inline import Line, is_block, shown, write_runs
from .page import heading_block
from .styles import Numbering, field_begin, field_end
from .tables import write_table
from .units import LIST_FORMATS
from .widths import Metrics

HEADING_STYLES = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3", "h5": "Heading 4"}
ALIGNMENTS = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
CONTENTS_FIELD = 'TOC \\o "1-1" \\h \\z \\u'


class Writer:
    """Writes one parsed HTML document's body into a python-docx Document."""

    def __init__(self, document, cascade):
        self.document, self.cascade = document, cascade
        self.metrics = Metrics(cascade.rules.fonts)
        self.numbering = Numbering(document)
        self.styles = {style.name: style for style in document.styles}

    def blocks(self, element, flow: Flow, *, style=None, emphasis=True, sizes=False, number=None) -> list:
        """The element's content: its inline content as paragraphs in `style` between its block
        children, each written by its kind. Returns the paragraphs written for its inline content."""
        computed = self.cascade[element]
        written, line = [], Line(self.cascade)
        paragraph_style = self.styles.get(style) if style else None

        def flush():
            nonlocal paragraph_style, number
            paragraph = self._paragraph(line, flow, paragraph_style, emphasis, sizes, computed.align)
            if paragraph is not None:
                written.append(paragraph)
                if number is not None:
                    Numbering.number(paragraph, number)
                    number, paragraph_style = None, self.styles["List Continue"]
            line.pieces = []

        line.text(computed.before, computed)
        line.text(element.text, computed)
        for child in element:
            if shown(self.cascade, child):
                if is_block(self.cascade, child):
                    flush()
                    self.block(child, flow)
                else:
                    line.element(child)
            line.text(child.tail, computed)
        line.text(computed.after, computed)
        flush()
        return written

    def _paragraph(self, line: Line, flow: Flow, style, emphasis: bool, sizes: bool, align: str):
        if line.is_blank():
            return None
        pieces = line.collapsed()
        paragraph = flow.paragraph(style)
        write_runs(paragraph, pieces, emphasis=emphasis, sizes=sizes)
        if align in ALIGNMENTS and (style is None or not style.name.startswith(("Heading", "Title"))):
            paragraph.alignment = ALIGNMENTS[align]
        return paragraph

    def block(self, element, flow: Flow) -> None:
        computed = self.cascade[element]
        if computed.break_before:
            flow.break_next = True
        tag = element.tag
        if tag in HEADING_STYLES:
            self.blocks(element, flow, style=HEADING_STYLES[tag], emphasis=False)
        elif tag in ("ul", "ol"):
            self.list(element, flow)
        elif tag == "table":
            write_table(self, element, flow)
        elif tag == "nav":
            self.contents(element, flow)
        elif tag == "header":
            heading_block(self, element, flow)
        else:
            self.blocks(element, flow)
        if computed.break_after:
            flow.break_next = True

    def list(self, element, flow: Flow) -> None:
        kind = self.cascade[element].list_style or ("decimal" if element.tag == "ol" else "disc")
        number_format = LIST_FORMATS.get(kind, "decimal")
        style = "List" if not number_format else "List Bullet" if number_format == "bullet" else "List Number"
        list_id = None
        for item in element:
            if item.tag != "li" or not shown(self.cascade, item):
                continue
            if style == "List Number" and list_id is None:
                list_id = self.numbering.new_list(number_format, _start(element))
            self.blocks(item, flow, style=style, number=list_id)

    def contents(self, nav, flow: Flow) -> None:
        """A table of contents: its heading in TOC Heading, its entries in toc 1 inside a TOC
        field, which Word fills in with page numbers when the field is updated."""
        for child in nav:
            if not shown(self.cascade, child):
                continue
            if child.tag in HEADING_STYLES:
                self.blocks(child, flow, style="TOC Heading", emphasis=False)
            elif child.tag in ("ol", "ul"):
                entries = [
                    p for item in child if item.tag == "li" for p in self.blocks(item, flow, style="toc 1")
                ]
                if entries:
                    field_begin(entries[0], CONTENTS_FIELD, at_start=True)
                    field_end(entries[-1])
            elif is_block(self.cascade, child):
                self.block(child, flow)


def _start(element) -> int:
    try:
        return int(element.get("start") or 1)
    except ValueError:
        return 1
