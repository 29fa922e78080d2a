"""The print stylesheet as the Word file reads it: the same rules (static/reports/pdf.css, named
by the HTML's <link>) matched against the same HTML with cssselect2, as WeasyPrint does, but only
for what a Word file carries as text or structure: emphasis, font sizes (for column widths),
hidden elements, list markers, running strings, counters and the text they generate (the "1." of
a numbered heading), column widths, rows kept whole, page breaks and the page box. So a rule
changed in the stylesheet changes both files, and nothing about the layout is written twice."""

import functools
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import cssselect2
import tinycss2

from ..fetcher import STATIC_BASE_URL, static_file_for
from .units import LIST_TYPES, counter_text, length_pt, page_size

INHERITED = ("bold", "italic", "size", "list_style", "align", "nowrap")


@dataclass
class Computed:
    """One element's computed values, of the properties the Word file uses."""

    bold: bool = False
    italic: bool = False
    size: float = 12.0  # pt: CSS's initial "medium"
    list_style: str = ""  # list-style-type, "" when no rule names one
    align: str = ""
    nowrap: bool = False  # white-space: nowrap (or pre): lines break only where the text does
    display: str = ""
    width: tuple | None = None  # ("pt", content width) or ("%", share of the table)
    padding_left: float = 0.0  # pt
    padding_right: float = 0.0
    border: float = 0.0  # width of a cell's collapsed border: half of each side's
    keep_whole: bool = False
    break_before: bool = False
    break_after: bool = False
    string_set: str = ""  # the running string (string-set) the element's text sets
    before: str = ""  # generated text (::before, ::after)
    after: str = ""
    _resets: list = field(default_factory=list, repr=False)
    _increments: list = field(default_factory=list, repr=False)

    @property
    def extras(self) -> float:
        """What a cell adds to its content's width: padding and borders."""
        return self.padding_left + self.padding_right + self.border

    @property
    def hidden(self) -> bool:
        return self.display == "none" or self.size == 0


@dataclass
class PageBox:
    width: float = 595.28  # A4, pt
    height: float = 841.89
    margins: tuple = (72.0, 72.0, 72.0, 72.0)  # top, right, bottom, left

    @property
    def text_width(self) -> float:
        return self.width - self.margins[1] - self.margins[3]


@dataclass
class Rules:
    matcher: cssselect2.Matcher
    page: PageBox
    fonts: dict  # (bold, italic) -> Path of the @font-face


def _declarations(content) -> list[tuple[str, list]]:
    return [
        (d.lower_name, [t for t in d.value if t.type not in ("whitespace", "comment")])
        for d in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)
        if d.type == "declaration"
    ]


def _page_rule(declarations, page: PageBox) -> None:
    for name, tokens in declarations:
        if name == "size":
            page.width, page.height = page_size(tokens, (page.width, page.height))
        elif name == "margin":
            values = [length_pt(t, 12.0) or 0.0 for t in tokens]
            if values:
                page.margins = _sides(values)


def _sides(values) -> tuple:
    """Top, right, bottom and left of a shorthand of one to four values."""
    if len(values) == 1:
        return (values[0],) * 4
    if len(values) == 2:
        return values[0], values[1], values[0], values[1]
    if len(values) == 3:
        return values[0], values[1], values[2], values[1]
    return tuple(values[:4])


def _font_face(declarations, fonts: dict) -> None:
    values = dict(declarations)
    weight = [t.lower_value for t in values.get("font-weight", []) if t.type == "ident"]
    style = [t.lower_value for t in values.get("font-style", []) if t.type == "ident"]
    for token in values.get("src", []):
        if token.type == "url" or (token.type == "function" and token.lower_name == "url"):
            url = token.value if token.type == "url" else token.arguments[0].value
            path = static_file_for(urljoin(urljoin(STATIC_BASE_URL, "reports/"), url))
            if path:
                fonts[weight == ["bold"], style == ["italic"]] = path


@functools.lru_cache(maxsize=4)
def parse_rules(css: str) -> Rules:
    """The stylesheet's rules, once per text of it."""
    rules = Rules(cssselect2.Matcher(), PageBox(), {})
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.content is not None:
            prelude = tinycss2.serialize(rule.prelude).strip()
            if rule.lower_at_keyword == "page" and not prelude:
                _page_rule(_declarations(rule.content), rules.page)
            elif rule.lower_at_keyword == "font-face":
                _font_face(_declarations(rule.content), rules.fonts)
        elif rule.type == "qualified-rule":
            declarations = _declarations(rule.content)
            try:
                selectors = cssselect2.compile_selector_list(rule.prelude)
            except cssselect2.SelectorError:
                continue
            for selector in selectors:
                rules.matcher.add_selector(selector, declarations)
    return rules


def stylesheet_text(root) -> str:
    """The text of the stylesheets the HTML names (<link rel=stylesheet> among the project's
    static files, as WeasyPrint's fetcher serves them) and of its <style> elements."""
    texts = []
    for element in root.iter():
        if element.tag == "link" and "stylesheet" in (element.get("rel") or "").split():
            path = static_file_for(urljoin(STATIC_BASE_URL, element.get("href") or ""))
            if path:
                texts.append(Path(path).read_text(encoding="utf-8"))
        elif element.tag == "style":
            texts.append(element.text or "")
    return "\n".join(texts)


class Cascade:
    """Every element's computed values, figured once in document order (counters need it)."""

    def __init__(self, root, css: str):
        self.rules = parse_rules(css)
        self.page = self.rules.page
        self.strings: dict[str, str] = {}
        self._styles: dict = {}
        self._counters: dict[str, int] = {}
        root_style = Computed()
        for wrapper in cssselect2.ElementWrapper.from_html_root(root).iter_subtree():
            parent = self._styles.get(wrapper.parent.etree_element) if wrapper.parent else root_style
            self._styles[wrapper.etree_element] = self._compute(wrapper, parent)

    def __getitem__(self, element) -> Computed:
        return self._styles[element]

    def _compute(self, wrapper, parent: Computed) -> Computed:
        own, pseudo = [], {"before": [], "after": []}
        for _specificity, _order, pseudo_type, declarations in self.rules.matcher.match(wrapper):
            (own if pseudo_type is None else pseudo.get(pseudo_type, [])).extend(declarations)
        if style := wrapper.etree_element.get("style"):
            own.extend(_declarations(style))
        computed = Computed(**{name: getattr(parent, name) for name in INHERITED})
        for name, tokens in own:
            _apply(computed, name, tokens, parent)
        for name, value in computed._resets:
            self._counters[name] = value
        for name, value in computed._increments:
            self._counters[name] = self._counters.get(name, 0) + value
        for where, declarations in pseudo.items():
            for name, tokens in declarations:
                if name == "content":
                    setattr(computed, where, _content(tokens, self._counters))
        if computed.string_set and computed.string_set not in self.strings:
            self.strings[computed.string_set] = " ".join("".join(wrapper.etree_element.itertext()).split())
        return computed


def _content(tokens, counters) -> str:
    """Generated text made of strings and counter(); other content (leader(), target-counter(),
    page numbers) is layout a Word file does otherwise, and gives no text."""
    parts = []
    for token in tokens:
        if token.type == "string":
            parts.append(token.value)
        elif token.type == "function" and token.lower_name == "counter":
            names = [t.lower_value for t in token.arguments if t.type == "ident"]
            parts.append(counter_text(counters.get(names[0], 0), names[1] if len(names) > 1 else "decimal"))
        else:
            return ""
    return "".join(parts)


def _pairs(tokens, default: int) -> list[tuple[str, int]]:
    pairs = []
    for token in tokens:
        if token.type == "ident" and token.lower_value != "none":
            pairs.append((token.value, default))
        elif token.type == "number" and pairs:
            pairs[-1] = (pairs[-1][0], int(token.value))
    return pairs


def _apply(computed: Computed, name: str, tokens: list, parent: Computed) -> None:
    idents = [t.lower_value for t in tokens if t.type == "ident"]
    if name in ("font-weight", "font-style", "font"):
        numbers = [t.value for t in tokens if t.type == "number"]
        if name != "font-style" and (idents or numbers):
            computed.bold = bool({"bold", "bolder"} & set(idents)) or any(n >= 600 for n in numbers)
        if name != "font-weight" and idents:
            computed.italic = bool({"italic", "oblique"} & set(idents))
    if name in ("font-size", "font"):
        sizes = [length_pt(t, parent.size) for t in tokens if t.type in ("dimension", "percentage", "number")]
        if sizes and sizes[0] is not None:
            computed.size = sizes[0]
    elif name in ("list-style", "list-style-type") and set(idents) & LIST_TYPES:
        computed.list_style = next(i for i in idents if i in LIST_TYPES)
    elif name == "white-space" and idents:
        computed.nowrap = idents[0] in ("nowrap", "pre")
    elif name in ("display", "text-align") and idents:
        setattr(computed, "display" if name == "display" else "align", idents[0])
    elif name == "width":
        computed.width = _width(tokens, computed.size)
    elif name in ("padding", "padding-left", "padding-right", "border", "border-left", "border-right"):
        _box_edges(computed, name, tokens)
    elif name in ("break-inside", "page-break-inside"):
        computed.keep_whole = "avoid" in idents
    elif name in ("break-before", "page-break-before", "break-after", "page-break-after"):
        setattr(computed, "break_before" if "before" in name else "break_after", "page" in idents)
    elif name == "string-set" and idents:
        computed.string_set = idents[0]
    elif name in ("counter-reset", "counter-increment"):
        pairs = _pairs(tokens, 0 if name == "counter-reset" else 1)
        setattr(computed, "_resets" if name == "counter-reset" else "_increments", pairs)


def _width(tokens, size: float):
    if tokens and tokens[0].type == "percentage":
        return ("%", float(tokens[0].value))
    value = length_pt(tokens[0], size) if tokens else None
    return None if value is None else ("pt", value)


def _box_edges(computed: Computed, name: str, tokens: list) -> None:
    """Horizontal padding, and one border width: the PDF's tables collapse their borders, so a
    cell owns half of its left border and half of its right one."""
    lengths = [length_pt(t, computed.size) or 0.0 for t in tokens if t.type in ("dimension", "number")]
    if not lengths:
        return
    if name == "padding":
        right, left = _sides(lengths)[1::2]
        computed.padding_left, computed.padding_right = left, right
    elif name == "padding-left":
        computed.padding_left = lengths[0]
    elif name == "padding-right":
        computed.padding_right = lengths[0]
    elif name == "border":
        computed.border = lengths[0]
