"""A Word document as the typed reader sees it: an ordered outline of blocks (paragraphs, typed
numbered parts, list items, tables as grids), each with the place a clerk can find it. People
number parts by typing "1." and "(a)" and merge table cells; both are resolved here, so the
readers above never look at Word's XML."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

# Typed numbers: "1." "2)" "IV." at the top, "(a)" "b)" inside a part.
ARABIC = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$", re.S)
ROMAN = re.compile(r"^([IVXL]{1,6})\.\s+(\S.*)$", re.S)
LETTER = re.compile(r"^\(?([a-z])\)\s+(\S.*)$", re.S)
BULLETS = "•·▪◦‣-–—*"
BULLET = re.compile(rf"^[{re.escape(BULLETS)}]\s+(\S.*)$", re.S)
ROMANS = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_value(text: str) -> int:
    """IV -> 4."""
    total = 0
    for here, after in zip(text, [*text[1:], ""], strict=True):
        value = ROMANS[here]
        total += -value if after and ROMANS[after] > value else value
    return total


@dataclass
class Block:
    """One block of the document. `kind`: "paragraph", "numbered" (typed "1." or "(a)": its
    `number` as typed, `value` as a number, `level` 1 or 2), "item" (a bulleted or Word-numbered
    list item) or "table" (`grid`: rows of cell texts, a merged cell repeated in every cell it
    spans; `origin`: for each cell, (row, column) of the cell it came from)."""

    kind: str
    text: str
    where: str
    style: str = ""
    number: str = ""
    value: int = 0
    level: int = 0
    bold: bool = False
    grid: list = field(default_factory=list)
    origin: list = field(default_factory=list)
    lines: list = field(default_factory=list)  # a table's paragraphs, cell by cell, in order


@dataclass
class Outline:
    """The blocks of one file, in order, and the language the file is written in."""

    blocks: list[Block]
    lang: str = ""

    def text(self) -> str:
        return "\n".join(b.text if b.kind != "table" else " ".join(sum(b.grid, [])) for b in self.blocks)


def _clean(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", text.replace("\u200b", "")).strip()


def _is_list(paragraph, style: str) -> bool:
    ppr = paragraph._p.pPr
    return (ppr is not None and ppr.numPr is not None) or style.lower().startswith("list")


def _bold(paragraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def paragraph_block(paragraph, where: str, styles: dict | None = None) -> Block | None:
    """The paragraph as a block, its typed number or bullet recognised; None when empty.
    `styles`: the document's style names by id, read once (python-docx looks a paragraph's style
    up among all of them each time it is asked)."""
    text = _clean(paragraph.text)
    if not text:
        return None
    if styles is None:
        style = paragraph.style.name if paragraph.style is not None else ""
    else:
        style = styles.get(paragraph._p.style, "") if paragraph._p.style else styles.get(None, "")
    block = Block("paragraph", text, where, style=style, bold=_bold(paragraph))
    if match := ARABIC.match(text):
        block.kind, block.number, block.value, block.level = "numbered", f"{match[1]}.", int(match[1]), 1
        block.text = match[2].strip()
    elif (match := ROMAN.match(text)) and len(match[1]) <= 4:
        block.kind, block.number, block.level = "numbered", f"{match[1]}.", 1
        block.value, block.text = roman_value(match[1]), match[2].strip()
    elif match := LETTER.match(text):
        block.kind, block.number, block.level = "numbered", f"({match[1]})", 2
        block.value, block.text = ord(match[1]) - ord("a") + 1, match[2].strip()
    elif match := BULLET.match(text):
        block.kind, block.text = "item", match[1].strip()
    elif _is_list(paragraph, style):
        block.kind = "item"
    return block


def _cell_text(tc) -> str:
    lines = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))]
    return _clean(" ".join(line for line in lines if line.strip()))


def _span(tc) -> int:
    tcpr = tc.tcPr
    span = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
    return int(span.get(qn("w:val"))) if span is not None else 1


def _continues(tc) -> bool:
    """A cell that continues the merged cell above it (vMerge without "restart")."""
    tcpr = tc.tcPr
    merge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
    return merge is not None and merge.get(qn("w:val")) in (None, "continue")


def table_grid(table) -> tuple[list[list[str]], list[list[tuple[int, int]]]]:
    """The table's rows as cell texts over its grid: a cell spanning columns (gridSpan) or rows
    (vMerge) gives its text to every grid cell it covers; `origin` says which cell that is."""
    grid, origin = [], []
    for r, tr in enumerate(table._tbl.tr_lst):
        texts, origins = [], []
        for tc in tr.tc_lst:
            for _column in range(_span(tc)):
                c = len(texts)
                if _continues(tc) and r and c < len(grid[r - 1]):
                    texts.append(grid[r - 1][c])
                    origins.append(origin[r - 1][c])
                else:
                    texts.append(_cell_text(tc))
                    origins.append((r, c))
        grid.append(texts)
        origin.append(origins)
    return grid, origin


def _cells_once(table):
    """The table's cells in order, a merged cell once."""
    seen = set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                yield cell


def outline(document) -> Outline:
    """The blocks of a python-docx Document in the order they appear."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks, paragraphs, tables = [], 0, 0
    styles = {
        style.style_id: style.name for style in document.styles if style.type == WD_STYLE_TYPE.PARAGRAPH
    }
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    styles[None] = default.name if default is not None else ""
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            paragraphs += 1
            block = paragraph_block(item, _("paragraph %(number)s") % {"number": paragraphs}, styles)
            if block:
                blocks.append(block)
        elif isinstance(item, Table):
            tables += 1
            grid, origin = table_grid(item)
            lines = [_clean(p.text) for cell in _cells_once(item) for p in cell.paragraphs if p.text.strip()]
            text = " | ".join(" / ".join(row) for row in grid[:1])
            where = _("table %(number)s") % {"number": tables}
            blocks.append(Block("table", text, where, grid=grid, origin=origin, lines=lines))
    result = Outline(blocks)
    result.lang = language(result.text())
    return result


# The commonest short words of each language: a report's text has plenty of them.
_WORDS = {
    "en": {"the", "of", "and", "to", "in", "for", "with", "on", "by", "is", "are", "will"},
    "es": {"el", "la", "los", "las", "de", "del", "y", "en", "para", "con", "por", "que", "se"},
}


def language(text: str) -> str:
    """ "en" or "es": the language whose common words the text has more of."""
    words = re.findall(r"[a-záéíóúñ]+", text.casefold())
    counts = {lang: sum(1 for w in words if w in common) for lang, common in _WORDS.items()}
    return max(counts, key=lambda lang: counts[lang])
