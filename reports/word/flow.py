"""Where the Word writer puts what it writes."""


class Flow:
    """Where paragraphs and tables go: the document's body or a table cell, `width` points wide."""

    def __init__(self, target, width: float, fresh=None):
        self.target, self.width = target, width
        self.fresh = fresh  # a new cell's own empty paragraph: its first paragraph reuses it
        self.break_next = False

    def paragraph(self, style):
        if self.fresh is not None:
            paragraph, self.fresh = self.fresh, None
            paragraph.style = style
        else:
            paragraph = self.target.add_paragraph(style=style)
        if self.break_next:
            paragraph.paragraph_format.page_break_before = True
            self.break_next = False
        return paragraph

    def table(self, rows: int, columns: int):
        if self.fresh is not None:  # a cell that opens with a table needs no paragraph before it
            self.fresh._p.getparent().remove(self.fresh._p)
            self.fresh = None
        return self.target.add_table(rows, columns)
