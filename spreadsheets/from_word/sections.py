"""The numbered parts of a typed report: "1. Introduction", "(a) Outputs ..." and the inline
ones ("2. Coordinating country: Chile."), each recognised as a part of a working group's report
(reports/parts.py) by the heading the portal prints for it in the file's language, or else by
the words such a heading has; a part's own heading is kept as the document's heading for it."""

import functools
import re
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.utils import translation
from django.utils.translation import gettext

from reports.parts import CATALOGUE

from .matching import fold
from .outline import Block, Outline

# Words that name a part where its heading is not the portal's own, by part, folded; the plan
# is looked for before the activities ("plan of activities").
KEYWORDS = (
    ("plan", ("plan of activities", "plan de actividades", "planificacion", "timetable", "cronograma")),
    ("introduction", ("introduc",)),
    ("coordinating", ("coordinating countr", "pais coordinador", "paises coordinadores")),
    ("members", ("member countries", "paises miembros")),
    ("secretariat", ("technical secretariat", "secretaria tecnica", "secretarias tecnicas")),
    ("participating", ("participating", "organismos participantes", "entidades participantes")),
    ("composition", ("composition", "composicion")),
    ("work", ("programme of work", "work programme", "programa de trabajo")),
    ("activities", ("action line", "lineas de accion", "activities", "actividades")),
    ("objectives", ("objective", "objetivo")),
    ("outputs", ("output", "producto")),
    ("financing", ("financ", "budget", "presupuesto")),
    ("previous", ("previous", "anterior")),
    ("progress", ("progress", "avance")),
    ("events", ("event", "evento")),
    ("figures", ("figures", "cifras")),
    ("links", ("links", "enlaces")),
    ("conclusions", ("conclusion",)),
)
ROLE_PARTS = ("coordinating", "members", "secretariat", "participating")


def _fake_context(roles: int, kind: str) -> dict:
    group = SimpleNamespace(kind=kind, Kind=SimpleNamespace(NETWORK="network"))
    for role in ROLE_PARTS:
        setattr(group, f"{role}_roles", [None] * roles)
    return {"group": group, "programme": SimpleNamespace(period="")}


@functools.cache
def default_headings(lang: str) -> dict[str, str]:
    """Folded heading -> part, as the portal prints each part's heading in `lang`."""
    headings = {}
    with translation.override(lang):
        for name, part in CATALOGUE.items():
            for context in (
                _fake_context(1, "group"),
                _fake_context(2, "group"),
                _fake_context(1, "network"),
            ):
                headings.setdefault(fold(part.heading(context)), name)
    return headings


def recognise(text: str, lang: str) -> tuple[str, bool]:
    """(part, whether the heading is the portal's own) of a typed heading; ("", False) if none."""
    folded = fold(text)
    defaults = default_headings(lang)
    if folded in defaults:
        return defaults[folded], True
    # Headings that end in the programme's period ("Programme of work 2040-2041").
    match = re.match(r"^(.*) \d{4} \d{4}$", folded)
    if match and defaults.get(match[1]) in ("work", "specific_objectives"):
        return defaults[match[1]], True
    for name, words in KEYWORDS:
        if any(word in folded for word in words):
            return name, False
    return "", False


@dataclass
class Section:
    """A part of the report: its typed number and heading, the part it is, what is typed after
    an inline part's label ("Chile."), and its blocks; lettered parts are its `children`."""

    block: Block
    part: str
    own_heading: bool
    heading: str
    inline: str = ""
    blocks: list = field(default_factory=list)
    children: list = field(default_factory=list)

    @property
    def number(self) -> str:
        return self.block.number

    def all_blocks(self) -> list[Block]:
        return [*self.blocks, *(b for child in self.children for b in [child.block, *child.all_blocks()])]


def _as_section(block: Block, lang: str) -> Section | None:
    label, colon, rest = block.text.partition(":")
    part, portal = recognise(label if colon else block.text, lang)
    if colon and part in ROLE_PARTS:
        return Section(block, part, not portal, label.strip(), inline=rest.strip())
    if (part or block.style.startswith("Heading")) and not colon:
        return Section(block, part, not portal, block.text.rstrip(".").strip())
    return None


def _heading_level(block: Block) -> int:
    """1 or 2 for a paragraph set in Word's "Heading 1" or "Heading 2" style without a typed
    number (Word numbers it, or nothing does); 0 otherwise."""
    match = re.match(r"^Heading ([12])$", block.style) if block.kind == "paragraph" else None
    return int(match[1]) if match else 0


def without_contents(blocks: list[Block], lang: str) -> list[Block]:
    """The blocks without the contents page: from its "Contents" line (or Word's TOC styles) to
    the heading that repeats its first entry; all of them when that heading never comes."""
    with translation.override(lang):
        marker, page = fold(gettext("Contents")), fold(gettext("Page"))
    kept, entries, skipping = [], [], False
    for block in blocks:
        if block.style.startswith("TOC"):
            continue
        if not skipping and not entries and block.kind == "paragraph" and fold(block.text) == marker:
            skipping = True
            continue
        if skipping:
            key = (block.number, fold(re.sub(r"[\s.…]*\d*$", "", block.text)))
            # The heading may say more than its entry: "2. Coordinating country: Chile."
            if not entries or key[0] != entries[0][0] or not key[1].startswith(entries[0][1]):
                if fold(block.text) != page:
                    entries.append(key)
                continue
            skipping = False
        kept.append(block)
    return blocks if skipping else kept


def split(outline: Outline, start: int) -> list[Section]:
    """The report's parts from block `start` on: each numbered part in sequence (1., 2., ... or
    I., II., ...) with the parts lettered (a), (b) ... inside it, or parts set in Word's heading
    styles; the blocks between them go to the part they follow. A typed number out of sequence
    ("1." of a list inside a part) is no part."""
    tops: list[Section] = []
    for block in without_contents(outline.blocks[start:], outline.lang):
        if level := _heading_level(block):
            section = _as_section(block, outline.lang)
            if section and (level == 1 or not tops):
                tops.append(section)
                continue
            if section and level == 2:
                tops[-1].children.append(section)
                continue
        section = _as_section(block, outline.lang) if block.kind == "numbered" else None
        if section and block.level == 1 and block.value == len(tops) + 1:
            tops.append(section)
            continue
        if section and block.level == 2 and tops and block.value == len(tops[-1].children) + 1:
            tops[-1].children.append(section)
            continue
        if tops:
            (tops[-1].children[-1] if tops[-1].children else tops[-1]).blocks.append(block)
    return tops


def numbering(sections: list[Section]) -> str:
    """The document's numbering of its parts, as Document.numbering names it."""
    if not sections or not sections[0].number:
        return "none"
    return "roman" if sections[0].number.startswith("I") else "arabic"
