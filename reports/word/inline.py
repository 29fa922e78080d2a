"""A paragraph's text as runs: the HTML's inline content with its generated text (::before,
::after), emphasis from the stylesheet, line breaks, links, and white space collapsed as CSS
collapses it. What the PDF does not show (aria-hidden, display: none, font-size 0: the timetable
bar, the job number's hidden copy) is left out."""

import re
from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

BLOCKS = frozenset(
    (
        *("address", "article", "aside", "blockquote", "body", "caption", "dd", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr"),
        *("li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th"),
        *("thead", "tr", "ul"),
    )
)
SPACES = re.compile(r"[ \t\n\r\f]+")  # CSS white space; a no-break space is not one
BREAK, TAB = "\n", "\t"


@dataclass
class Piece:
    """A stretch of text with one formatting; BREAK and TAB stand alone."""

    text: str
    bold: bool = False
    italic: bool = False
    size: float = 11.0
    link: str = ""
    nowrap: bool = False


BLOCK_DISPLAYS = frozenset(("block", "flex", "grid", "list-item", "table", "flow-root"))


def is_block(cascade, element) -> bool:
    """Whether the element starts a paragraph of its own: a block by its tag, unless the
    stylesheet makes it inline, or an inline one the stylesheet makes a block (a span set on
    a line of its own, as a table cell's percentage)."""
    display = cascade[element].display
    if display in BLOCK_DISPLAYS:
        return True
    return element.tag in BLOCKS and display not in ("inline", "inline-block")


def shown(cascade, element) -> bool:
    """Whether the PDF shows the element at all."""
    return (
        isinstance(element.tag, str)
        and element.get("aria-hidden") != "true"
        and element.tag not in ("head", "script", "style", "template")
        and not cascade[element].hidden
    )


class Line:
    """The pieces of a paragraph-to-be, gathered in document order."""

    def __init__(self, cascade):
        self.cascade = cascade
        self.pieces: list[Piece] = []

    def text(self, text: str, style, link: str = "") -> None:
        if text:
            self.pieces.append(Piece(text, style.bold, style.italic, style.size, link, style.nowrap))

    def mark(self, mark: str, style) -> None:
        self.pieces.append(Piece(mark, style.bold, style.italic, style.size))

    def element(self, element, link: str = "") -> None:
        """An inline element, its generated text and its children (tails included)."""
        style = self.cascade[element]
        if element.tag == "br":
            self.mark(BREAK, style)
            return
        if element.tag == "a":
            href = element.get("href") or ""
            link = href if href.startswith(("http://", "https://", "mailto:")) else link
        self.text(style.before, style)
        self.text(element.text, style, link)
        for child in element:
            if shown(self.cascade, child):
                self.element(child, link)
            self.text(child.tail, style, link)
        self.text(style.after, style)
        if style.display == "inline-block" and style.width:
            self.mark(TAB, style)  # a numeral set in a box of its own width: a tab in Word

    def collapsed(self) -> list[Piece]:
        """The pieces with CSS's white space rules applied: runs of spaces are one space, none
        at the start or end of a line or around a tab."""
        result: list[Piece] = []
        at_start = True
        for piece in self.pieces:
            if piece.text in (BREAK, TAB):
                _strip_end(result)
                result.append(piece)
                at_start = True
                continue
            text = SPACES.sub(" ", piece.text)
            if at_start or (result and result[-1].text.endswith(" ")):
                text = text.lstrip(" ")
            if text:
                result.append(Piece(text, piece.bold, piece.italic, piece.size, piece.link, piece.nowrap))
                at_start = False
        _strip_end(result)
        return result

    def is_blank(self) -> bool:
        return not any(p.text.strip(" \t\n\r\f") for p in self.pieces if p.text != TAB)


def _strip_end(pieces: list[Piece]) -> None:
    while pieces and pieces[-1].text not in (BREAK, TAB) and pieces[-1].text.endswith(" "):
        pieces[-1].text = pieces[-1].text.rstrip(" ")
        if not pieces[-1].text:
            pieces.pop()
        else:
            break


def plain_text(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces)


def write_runs(paragraph, pieces: list[Piece], *, emphasis: bool = True, sizes: bool = False) -> None:
    """Append the pieces to a python-docx paragraph, one run per stretch of one formatting.
    `emphasis` False leaves bold and italic to the paragraph's style (headings, whose look is
    the style's, so a template restyles them); `sizes` writes each piece's font size."""
    groups: list[tuple[tuple, list[Piece]]] = []
    for piece in pieces:
        key = (piece.bold and emphasis, piece.italic and emphasis, piece.size if sizes else 0, piece.link)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(piece)
        else:
            groups.append((key, [piece]))
    for (bold, italic, size, link), members in groups:
        run = paragraph.add_run("".join(p.text for p in members))
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if size:
            run.font.size = Pt(size)
        if link:
            _hyperlink(paragraph, run, link)


def _hyperlink(paragraph, run, url: str) -> None:
    """Put the run inside a w:hyperlink to `url`: the text stays as the PDF prints it and the
    address is kept behind it."""
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run._r.addprevious(link)
    link.append(run._r)
