"""A table's column widths as the PDF lays them out, figured from the same stylesheet.

The stylesheet declares some columns' widths (a length for "No.", a share for "Activity") and
leaves the rest to its content; WeasyPrint then runs the CSS automatic table layout. This runs
the same algorithm (WeasyPrint's `auto_table_layout`: min- and max-content widths, percentage
and specified guesses, excess distribution) on the same declarations, with text measured in the
document's own fonts (the stylesheet's @font-face files, by their advance widths), so each Word
column has the width its PDF column has, to within kerning."""

import functools
import re
from dataclasses import dataclass

from fontTools.ttLib import TTFont

from .inline import BREAK, TAB, Line, is_block, shown

AVERAGE_ADVANCE = 0.5  # em: a character's width when the stylesheet names no font file
# Where a line may break inside a word, as the PDF's line breaker (Unicode's UAX #14) allows:
# after a slash, hyphen or dash or a question mark, unless a digit or punctuation follows
# ("2020-2021" and "view/73431" stay whole, a URL breaks at its slashes).
BREAK_AFTER = re.compile(r"(?<=[/\-‐–—?!])(?=[^\d/?!.,;:)\]}'\"’”])")


@functools.lru_cache(maxsize=8)
def _advances(path) -> tuple[dict, int]:
    font = TTFont(path, lazy=True)
    metrics, cmap = font["hmtx"].metrics, font.getBestCmap()
    return {code: metrics[name][0] for code, name in cmap.items()}, font["head"].unitsPerEm


class Metrics:
    """Text widths in the fonts the PDF embeds."""

    def __init__(self, fonts: dict):
        self.fonts = fonts

    def width(self, text: str, bold: bool, italic: bool, size: float) -> float:
        path = self.fonts.get((bold, italic)) or self.fonts.get((False, False))
        if path is None:
            return len(text) * AVERAGE_ADVANCE * size
        advances, units = _advances(path)
        fallback = units * AVERAGE_ADVANCE
        return sum(advances.get(ord(c), fallback) for c in text) * size / units


@dataclass
class Cell:
    """An HTML cell placed in the table's grid."""

    row: int
    column: int
    rowspan: int
    colspan: int
    element: object


def table_rows(table) -> list[tuple[object, bool]]:
    """(tr, in the header) in the order the PDF prints them: head, bodies, foot."""
    groups = {"thead": [], "tbody": [], "tfoot": []}
    for child in table:
        if child.tag in groups:
            groups[child.tag].extend((tr, child.tag == "thead") for tr in child if tr.tag == "tr")
        elif child.tag == "tr":
            groups["tbody"].append((child, False))
    return groups["thead"] + groups["tbody"] + groups["tfoot"]


def _span(element, name: str, rest: int) -> int:
    try:
        value = int(element.get(name) or 1)
    except ValueError:
        value = 1
    return rest if value == 0 else max(1, min(value, rest))


def table_grid(rows) -> tuple[list[Cell], int]:
    """The cells in the grid, as HTML's table model places them (rowspan and colspan)."""
    taken, cells, columns = set(), [], 0
    for r, (tr, _head) in enumerate(rows):
        c = 0
        for element in tr:
            if element.tag not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            rowspan = _span(element, "rowspan", len(rows) - r)
            colspan = _span(element, "colspan", 1000)
            taken.update((r + i, c + j) for i in range(rowspan) for j in range(colspan))
            cells.append(Cell(r, c, rowspan, colspan, element))
            c += colspan
            columns = max(columns, c)
    return cells, columns


def content_widths(cascade, metrics: Metrics, element) -> tuple[float, float]:
    """The element's min-content width (its longest word, or widest nested table) and its
    max-content width (its longest line), in points, without its own padding."""
    widest = [0.0, 0.0]
    line = Line(cascade)

    def flush():
        _line_widths(line.collapsed(), metrics, widest)
        line.pieces = []

    line.text(cascade[element].before, cascade[element])
    line.text(element.text, cascade[element])
    for child in element:
        if shown(cascade, child):
            if is_block(cascade, child):
                flush()
                low, high = (
                    table_widths(cascade, metrics, child)
                    if child.tag == "table"
                    else content_widths(cascade, metrics, child)
                )
                extras = cascade[child].extras
                widest[0], widest[1] = max(widest[0], low + extras), max(widest[1], high + extras)
            else:
                line.element(child)
        line.text(child.tail, cascade[element])
    line.text(cascade[element].after, cascade[element])
    flush()
    return widest[0], widest[1]


def _line_widths(pieces, metrics: Metrics, widest: list) -> None:
    word = whole = 0.0
    for piece in pieces:
        if piece.text == BREAK:
            widest[1], whole = max(widest[1], whole), 0.0
            widest[0], word = max(widest[0], word), 0.0
            continue
        if piece.text == TAB:
            continue
        for index, part in enumerate([piece.text] if piece.nowrap else piece.text.split(" ")):
            if index:
                widest[0], word = max(widest[0], word), 0.0
                whole += metrics.width(" ", piece.bold, piece.italic, piece.size)
            for at, chunk in enumerate([part] if piece.nowrap else BREAK_AFTER.split(part)):
                if at:
                    widest[0], word = max(widest[0], word), 0.0
                width = metrics.width(chunk, piece.bold, piece.italic, piece.size)
                word += width
                whole += width
    widest[0], widest[1] = max(widest[0], word), max(widest[1], whole)


@dataclass
class Columns:
    """Each column's outer min- and max-content widths, percentage and whether a length is
    specified for it (CSS Tables 3, as WeasyPrint's table_and_columns_preferred_widths)."""

    low: list
    high: list
    percent: list
    fixed: list


def _columns(cascade, metrics: Metrics, table, cells: list[Cell], count: int) -> Columns:
    columns = Columns([0.0] * count, [0.0] * count, [0.0] * count, [False] * count)
    declared = [col for group in table if group.tag == "colgroup" for col in group if col.tag == "col"]
    declared += [col for col in table if col.tag == "col"]
    for index, col in enumerate(declared[:count]):
        width = cascade[col].width
        length = width[1] if width and width[0] == "pt" else 0.0
        _declare(columns, index, width, length, length)
    spanning = []
    for cell in cells:
        style = cascade[cell.element]
        low, high = content_widths(cascade, metrics, cell.element)
        low += style.extras
        high = max(low, (style.width[1] if style.width and style.width[0] == "pt" else high) + style.extras)
        if cell.colspan == 1:
            _declare(columns, cell.column, style.width, low, high)
        else:
            spanning.append((cell, low, high))
    total = 0.0
    for index, percent in enumerate(columns.percent):
        columns.percent[index] = min(percent, 100 - total)
        total += columns.percent[index]
    for cell, low, high in spanning:
        span = slice(cell.column, cell.column + cell.colspan)
        for widths, wanted in ((columns.low, low), (columns.high, high)):
            if wanted > sum(widths[span]):
                _distribute(columns, widths, wanted - sum(widths[span]), range(count)[span])
    return columns


def _declare(columns: Columns, index: int, width, low: float, high: float) -> None:
    if width and width[0] == "pt":
        columns.fixed[index] = True
    elif width:
        columns.percent[index] = max(columns.percent[index], width[1])
    columns.low[index] = max(columns.low[index], low)
    columns.high[index] = max(columns.high[index], high)


def _distribute(columns: Columns, widths: list, excess: float, indexes) -> None:
    """CSS Tables 3's distribution of excess width: to auto columns by their max-content width,
    else equally to auto columns, else to fixed ones, else to percentage ones, else equally."""
    auto = [i for i in indexes if not columns.fixed[i] and not columns.percent[i]]
    groups = (
        ([i for i in auto if columns.high[i] > 0], columns.high),
        (auto, None),
        (
            [i for i in indexes if columns.fixed[i] and not columns.percent[i] and columns.high[i] > 0],
            columns.high,
        ),
        ([i for i in indexes if columns.percent[i] and columns.high[i] > 0], columns.percent),
        (list(indexes), None),
    )
    for members, weights in groups:
        if members:
            total = sum(weights[i] for i in members) if weights else len(members)
            for i in members:
                widths[i] += excess * (weights[i] if weights else 1) / total
            return


def table_widths(cascade, metrics: Metrics, table) -> tuple[float, float]:
    """A nested table's min- and max-content widths."""
    cells, count = table_grid(table_rows(table))
    columns = _columns(cascade, metrics, table, cells, count)
    return sum(columns.low), sum(columns.high)


def column_widths(
    cascade, metrics: Metrics, table, cells: list[Cell], count: int, available: float
) -> list[float]:
    """Each column's width in points, for a table `available` points wide at most."""
    columns = _columns(cascade, metrics, table, cells, count)
    width = cascade[table].width
    # The collapsed borders' outer halves lie outside the columns.
    edges = cascade[cells[0].element].border if cells else 0.0
    if width and width[0] == "%":
        assignable = max(available * width[1] / 100 - edges, sum(columns.low))
    elif width:
        assignable = max(width[1] - edges, sum(columns.low))
    else:
        assignable = max(sum(columns.low), min(available, sum(columns.high)))
    percent_guess = [
        max(p / 100 * assignable, low) if p else low
        for p, low in zip(columns.percent, columns.low, strict=True)
    ]
    specified_guess = [
        guess if p else (high if fixed else guess)
        for guess, p, fixed, high in zip(
            percent_guess, columns.percent, columns.fixed, columns.high, strict=True
        )
    ]
    max_guess = [
        guess if p else high
        for guess, p, high in zip(percent_guess, columns.percent, columns.high, strict=True)
    ]
    guesses = (columns.low, percent_guess, specified_guess, max_guess)
    if assignable * (1 + 1e-9) >= sum(max_guess):
        widths = list(max_guess)
        _distribute(columns, widths, assignable - sum(max_guess), range(count))
        return widths
    lower = next(g for g in reversed(guesses) if sum(g) <= assignable * (1 + 1e-9))
    upper = next(g for g in guesses if sum(g) >= assignable * (1 - 1e-9))
    added = [u - lo for u, lo in zip(upper, lower, strict=True)]
    ratio = (assignable - sum(lower)) / sum(added) if sum(added) else 0.0
    return [lo + a * ratio for lo, a in zip(lower, added, strict=True)]
