"""Where the Word writer puts what it writes."""

from docx.oxml.ns import qn
from docx.table import _Cell


class Flow:
    """Where paragraphs and tables go: the document's body or a table cell, `width` points wide."""

    def __init__(self, target, width: float, fresh=None):
        self.target, self.width = target, width
        self.element = target._tc if isinstance(target, _Cell) else target.element.body
        self.fresh = fresh  # a new cell's own empty paragraph: its first paragraph reuses it
        self.break_next = False

    def paragraph(self, style):
        """A new paragraph in `style` (a python-docx style, None for Normal)."""
        if self.fresh is not None:
            paragraph, self.fresh = self.fresh, None
        else:
            paragraph = self.target.add_paragraph()
        if style is not None:
            # By its id: python-docx's `paragraph.style = style` looks through every style for the
            # default one at each call, a quarter of the writer's time on LC/CE.20/3.
            paragraph._p.style = style.style_id
        if self.break_next:
            paragraph.paragraph_format.page_break_before = True
            self.break_next = False
        return paragraph

    def table(self, rows: int, columns: int):
        if self.fresh is not None:  # a cell that opens with a table needs no paragraph before it
            self.fresh._p.getparent().remove(self.fresh._p)
            self.fresh = None
        elif self._ends_with_table():
            # Word joins two tables that touch into one; the PDF keeps them apart by a margin.
            self.target.add_paragraph()
        return self.target.add_table(rows, columns)

    def _ends_with_table(self) -> bool:
        last = [child for child in self.element if child.tag != qn("w:sectPr")][-1:]
        return bool(last) and last[0].tag == qn("w:tbl")
