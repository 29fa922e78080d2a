"""How a document's composition becomes the parts it prints: the kind's catalogue of parts
(reports/parts.py), the document's own rows (DocumentPart) or else the kind's defaults, the
data each part needs, and the numbering the document asks for. Nothing is printed that the
composition does not name; a part without data is left out unless the composition says to
print it empty, and the parts after it take its number."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import get_language

from core.bilingual import LANGUAGES
from core.wording import roman


@dataclass(frozen=True)
class Part:
    """A part a kind of document may print. `heading` and `has_data` read the document's
    context (in the language it is written in); a part without a template is a heading over
    the parts lettered inside it."""

    name: str
    heading: Callable[[dict], str]
    has_data: Callable[[dict], bool]
    template: str = ""
    inline: bool = False  # "1. Coordinating country: Chile." rather than a heading over a text


@dataclass(frozen=True)
class Row:
    """A line of a composition: the document's (DocumentPart) or a default of its kind."""

    part: str
    within: bool = False
    headings: dict = field(default_factory=dict)  # language -> the document's own heading
    print_empty: bool = False


@dataclass
class ComposedPart:
    """A part as the document prints it."""

    name: str
    numeral: str
    heading: str
    template: str
    inline: bool
    children: list = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The heading as the contents page and the table layout print it."""
        return self.heading


def rows_of(document, defaults) -> list[Row]:
    """The document's composition: its own parts, or else its kind's defaults."""
    stored = list(document.parts.all()) if document.pk else []
    if not stored:
        return list(defaults)
    return [
        Row(
            part.part,
            part.within,
            {lang: getattr(part, f"heading_{lang}", "") or "" for lang in LANGUAGES},
            part.print_empty,
        )
        for part in stored
    ]


def numerals(numbering: str, position: int, within: bool) -> str:
    """ "1." / "I." / "" for a part; "(a)" inside one (none without numbers)."""
    if numbering == "none":
        return ""
    if within:
        return f"({'abcdefghijklmnopqrstuvwxyz'[position - 1]})"
    return f"{roman(position) if numbering == 'roman' else position}."


def compose(rows: list[Row], catalogue: dict[str, Part], context: dict, numbering: str) -> list[ComposedPart]:
    """The parts printed, numbered, with the lettered parts inside the part before them."""
    lang = (get_language() or "en")[:2]
    tops: list[tuple[Row, Part, list]] = []
    for row in rows:
        part = catalogue.get(row.part)
        if part is None:
            continue  # a part the kind no longer has: never printed
        if row.within and tops:
            tops[-1][2].append((row, part))
        else:
            tops.append((row, part, []))
    printed = []
    for row, part, inside in tops:
        children = [(r, p) for r, p in inside if r.print_empty or p.has_data(context)]
        own = part.has_data(context) if part.template else False
        if not (own or children or row.print_empty):
            continue
        top = _composed(row, part, context, lang, numerals(numbering, len(printed) + 1, False))
        top.children = [
            _composed(r, p, context, lang, numerals(numbering, number, True))
            for number, (r, p) in enumerate(children, start=1)
        ]
        printed.append(top)
    return printed


def _composed(row: Row, part: Part, context: dict, lang: str, numeral: str) -> ComposedPart:
    heading = row.headings.get(lang) or part.heading(context)
    return ComposedPart(part.name, numeral, heading, part.template, part.inline)
