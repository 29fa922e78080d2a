"""The Word file's page and styles.

Everything is written in Word's built-in styles (Title, Heading 1 to 3, List, List Bullet, List
Number, TOC Heading, toc 1, Table Grid, Header, Footer), so the conference services' own template
restyles the whole document at once. Here those styles are given the PDF's look (Times, black,
the sizes and emphasis of static/reports/pdf.css) in their definitions, never as direct
formatting, and the page takes the stylesheet's @page size and margins."""

import copy

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

FONT = "Times New Roman"  # Liberation Serif, the PDF's font, has its metrics
# Word's language tags for the portal's languages: the Conference writes British English.
WORD_LANGUAGES = {"en": "en-GB", "es": "es-ES"}
TEXT_SIZE, TABLE_SIZE = 11, 10  # pt, as the PDF's body and tables

# name: (size, bold, italic, all caps, alignment, space before, space after), from pdf.css.
LOOKS = {
    "Title": (12, True, False, True, WD_ALIGN_PARAGRAPH.CENTER, 62, 42),
    "Heading 1": (11, True, False, True, None, 15.4, 8.8),
    "Heading 2": (11, True, False, False, None, 11, 5.5),
    "Heading 3": (11, False, True, False, None, 8.8, 4.4),
    "TOC Heading": (11, True, False, True, WD_ALIGN_PARAGRAPH.CENTER, 0, 8.8),
}


def word_language(lang: str) -> str:
    return WORD_LANGUAGES.get(lang, lang or "en-GB")


def prepare(document, page, lang: str) -> None:
    """Page size and margins from the stylesheet's @page; the default font, size and language;
    the built-in styles given the PDF's look."""
    section = document.sections[0]
    section.page_width, section.page_height = Pt(page.width), Pt(page.height)
    top, right, bottom, left = page.margins
    section.top_margin, section.right_margin = Pt(top), Pt(right)
    section.bottom_margin, section.left_margin = Pt(bottom), Pt(left)
    _defaults(document.styles.element, word_language(lang))
    for style in document.styles:
        _plain(style.element)
    for name, look in LOOKS.items():
        _look(document.styles[name], *look)
    _table_style(document.styles["Table Grid"])
    _contents_entry(document, page.text_width)
    for name in ("Header", "Footer"):
        document.styles[name].font.size = Pt(TABLE_SIZE)


def _defaults(styles, language: str) -> None:
    """docDefaults: the font for every script, 11 pt, the document's language (spelling,
    hyphenation), 0.6 em after each paragraph and single lines, as the PDF's paragraphs."""
    defaults = styles.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = run.find(qn("w:rFonts"))
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), FONT)
    run.find(qn("w:lang")).set(qn("w:val"), language)
    for key in ("w:sz", "w:szCs"):
        run.find(qn(key)).set(qn("w:val"), str(TEXT_SIZE * 2))
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), str(round(TEXT_SIZE * 0.6 * 20)))
    spacing.set(qn("w:line"), "240")


def _plain(style) -> None:
    """No theme font and no colour of the template's own: black Times everywhere."""
    properties = style.find(qn("w:rPr"))
    if properties is None:
        return
    for tag in ("w:rFonts", "w:color"):
        for found in properties.findall(qn(tag)):
            properties.remove(found)


def _look(style, size, bold, italic, caps, alignment, before, after) -> None:
    font = style.font
    font.size, font.bold, font.italic, font.all_caps = Pt(size), bold, italic, caps
    paragraph = style.paragraph_format
    paragraph.space_before, paragraph.space_after = Pt(before), Pt(after)
    paragraph.keep_with_next = True
    if alignment is not None:
        paragraph.alignment = alignment
    borders = style.element.find(qn("w:pPr")).find(qn("w:pBdr"))
    if borders is not None:  # the template's Title has a blue rule under it; the PDF has none
        borders.getparent().remove(borders)


def _table_style(style) -> None:
    """Table Grid: 10 pt text and the PDF's cell padding (3 pt above and below, 4 pt aside)."""
    style.font.size = Pt(TABLE_SIZE)
    margins = style.element.find(qn("w:tblPr")).find(qn("w:tblCellMar"))
    for side, points in (("top", 3), ("bottom", 3), ("left", 4), ("right", 4)):
        margins.find(qn(f"w:{side}")).set(qn("w:w"), str(points * 20))


def _contents_entry(document, text_width: float) -> None:
    """Word's built-in "toc 1" (not in python-docx's template): a hanging numeral and a dotted
    leader to the right margin, as the PDF's contents."""
    style = document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.element.set(qn("w:styleId"), "TOC1")
    paragraph = style.paragraph_format
    paragraph.left_indent, paragraph.first_line_indent = Pt(27.5), Pt(-27.5)
    paragraph.right_indent, paragraph.space_after = Pt(24), Pt(4.4)
    paragraph.tab_stops.add_tab_stop(Pt(27.5))
    paragraph.tab_stops.add_tab_stop(Pt(text_width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


class Numbering:
    """Word numbering for the HTML's ordered lists: each list starts again at its first number,
    in the format its list-style-type gives (decimal, lower-roman...), on "List Number"."""

    def __init__(self, document):
        self.part = document.part.numbering_part.element
        num_id = document.styles["List Number"].element.pPr.numPr.numId.val
        self.template = self._abstract(self.part.num_having_numId(num_id).abstractNumId.val)
        self.formats: dict[str, int] = {}

    def _abstract(self, abstract_id: int):
        return self.part.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]')[0]

    def _format(self, number_format: str) -> int:
        """An abstract numbering of that format, made once from List Number's."""
        if number_format not in self.formats:
            abstract = copy.deepcopy(self.template)
            ids = [int(a) for a in self.part.xpath("./w:abstractNum/@w:abstractNumId")]
            abstract.set(qn("w:abstractNumId"), str(max(ids) + 1))
            for tag in ("w:nsid", "w:tmpl"):
                for found in abstract.findall(qn(tag)):
                    abstract.remove(found)
            level = abstract.find(qn("w:lvl"))
            for found in level.findall(qn("w:pStyle")):  # the style keeps its own numbering
                level.remove(found)
            level.find(qn("w:numFmt")).set(qn("w:val"), number_format)
            self.part.xpath("./w:abstractNum")[-1].addnext(abstract)
            self.formats[number_format] = max(ids) + 1
        return self.formats[number_format]

    def new_list(self, number_format: str, start: int = 1) -> int:
        """The numId of a new list, numbered from `start`."""
        num = self.part.add_num(self._format(number_format))
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(start)
        return num.numId

    @staticmethod
    def number(paragraph, num_id: int) -> None:
        properties = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        properties.get_or_add_ilvl().val = 0
        properties.get_or_add_numId().val = num_id


def field(paragraph, instruction: str, result: str = "") -> None:
    """A complex field (PAGE, TOC...) in the paragraph, with `result` shown until it is updated."""
    field_begin(paragraph, instruction)
    if result:
        paragraph.add_run(result)
    field_end(paragraph)


def field_begin(paragraph, instruction: str, *, at_start: bool = False) -> None:
    """A field's start, instruction and separator; at the paragraph's start when its text is
    written already (a field's result may span paragraphs, as a table of contents does)."""
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    runs = [_field_char("begin"), _run(text), _field_char("separate")]
    if at_start:
        position = 1 if paragraph._p.pPr is not None else 0
        for offset, run in enumerate(runs):
            paragraph._p.insert(position + offset, run)
    else:
        for run in runs:
            paragraph._p.append(run)


def field_end(paragraph) -> None:
    paragraph._p.append(_field_char("end"))


def _run(child):
    run = OxmlElement("w:r")
    run.append(child)
    return run


def _field_char(kind: str):
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    return _run(char)
