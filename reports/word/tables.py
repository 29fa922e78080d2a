"""HTML tables as Word tables: "Table Grid", the PDF's column widths (widths.py) kept as they
are (a fixed layout, so Word does not refit them to the text), the <thead> rows repeated at the
top of every page (w:tblHeader), rows kept whole where the stylesheet keeps them whole
(w:cantSplit), and rowspan and colspan as merged cells."""

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Cell

from .flow import Flow
from .widths import column_widths, table_grid, table_rows


def write_table(writer, element, flow: Flow) -> None:
    rows = table_rows(element)
    cells, count = table_grid(rows)
    if not cells:
        return
    cascade = writer.cascade
    widths = column_widths(cascade, writer.metrics, element, cells, count, flow.width)
    table = flow.table(len(rows), count)
    table.style = writer.styles["Table Grid"]
    _layout(table, widths)
    grid = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
    for (tr, header), row in zip(rows, table._tbl.tr_lst, strict=True):
        _row_properties(row, header=header, keep_whole=cascade[tr].keep_whole)
    for cell in cells:
        target = grid[cell.row][cell.column]
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(grid[cell.row + cell.rowspan - 1][cell.column + cell.colspan - 1])
        width = sum(widths[cell.column : cell.column + cell.colspan])
        inner = width - cascade[cell.element].extras
        writer.blocks(cell.element, Flow(target, inner, fresh=target.paragraphs[0]))


def _layout(table, widths: list[float]) -> None:
    table.autofit = False
    properties = table._tbl.tblPr
    total = properties.find(qn("w:tblW"))
    if total is None:
        total = OxmlElement("w:tblW")
        properties.append(total)
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(round(sum(widths) * 20)))
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = Pt(width)
    for row in table._tbl.tr_lst:
        for tc, width in zip(row.tc_lst, widths, strict=True):
            tc.width = Pt(width)


def _row_properties(row, *, header: bool, keep_whole: bool) -> None:
    """w:cantSplit then w:tblHeader, in the order the schema gives them in w:trPr."""
    if not (header or keep_whole):
        return
    properties = row.get_or_add_trPr()
    if keep_whole:
        properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))
