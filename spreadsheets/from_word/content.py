"""What each part of a typed report holds, in one file's language: its paragraphs, the roles its
lists name, the general and specific objectives, and its tables by what they are (the areas
and action lines, the outputs under each objective, the plan). typed.py pairs two files' contents
and turns them into rows."""

import re
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext

from .heading import Heading, read_heading
from .matching import fold
from .outline import Block, Outline
from .sections import ROLE_PARTS, Section, numbering, recognise, split

# The group's and the document's paragraphs, by the part they are typed in.
TEXT_PARTS = {
    "introduction": "introduction",
    "financing": "financing",
    "previous": "previous_results",
    "conclusions": "conclusions",
    "progress": "progress_narrative",
}


@dataclass
class Content:
    lang: str
    heading: Heading
    sections: list[Section]
    texts: dict[str, list[Block]] = field(default_factory=dict)
    roles: dict[str, list[tuple[str, Block]]] = field(default_factory=dict)
    general: list[Block] = field(default_factory=list)
    specific: list[Block] = field(default_factory=list)
    specific_titles: list[str] = field(default_factory=list)
    areas: Block | None = None
    outputs: list[tuple[int, Block]] = field(default_factory=list)  # (objective number, table)
    plan: Block | None = None
    events: Block | None = None
    flags: dict = field(default_factory=dict)

    def text(self, name: str) -> str:
        return "\n\n".join(b.text for b in self.texts.get(name, []))


def _subheading(block: Block, lang: str) -> str:
    """ "general" / "specific" for the objectives' sub-headings as the portal prints them."""
    with translation.override(lang):
        names = {
            fold(gettext("General objective")): "general",
            fold(gettext("Specific objectives")): "specific",
        }
    if block.kind == "paragraph":
        return names.get(fold(block.text), "")
    return ""


def _objectives(content: Content, blocks: list[Block]) -> None:
    seen = ""
    for block in blocks:
        if sub := _subheading(block, content.lang):
            seen, content.flags["objective_headings"] = sub, True
            continue
        if block.kind == "table":
            _objectives_table(content, block)
        elif block.kind in ("numbered", "item") and seen != "general":
            content.specific.append(block)
        elif seen == "general" or (not seen and not content.general):
            content.general.append(block)
        elif content.specific:
            content.texts.setdefault("objectives_closing", []).append(block)
        else:
            content.texts.setdefault("objectives_lead_in", []).append(block)
    content.flags.setdefault("objective_headings", False)


def _objectives_table(content: Content, block: Block) -> None:
    """Specific objectives as a table: "1. Title" | description, a row each."""
    content.flags["specific_objectives_as_table"] = True
    for row in block.grid[1:]:
        title = re.sub(r"^\s*(\d{1,2}|[IVXL]{1,6})[.)]?\s*", "", row[0]).strip()
        content.specific.append(Block("item", " ".join(row[1:]), block.where))
        content.specific_titles.append(title)


def _specific_part(content: Content, blocks: list[Block]) -> None:
    """The part of their own: a lead-in, the table, a closing paragraph."""
    for block in blocks:
        if block.kind == "table":
            _objectives_table(content, block)
        else:
            name = "objectives_closing" if content.specific else "objectives_lead_in"
            content.texts.setdefault(name, []).append(block)


def _outputs(content: Content, blocks: list[Block]) -> None:
    objective = 0
    for block in blocks:
        if block.kind == "table":
            header = fold(block.grid[0][0]) if block.grid else ""
            by_column = len(block.grid[0]) >= 5 or "objective" in header or "objetivo" in header
            content.flags["outputs_as"] = "objective_column" if by_column else "under_objectives"
            content.flags["outputs_timetable"] = len(block.grid[0]) - (1 if by_column else 0) >= 4
            content.outputs.append((objective, block))
        elif block.kind == "numbered" and block.level == 1 and re.match(r"^[IVXL]+\.$", block.number):
            objective = block.value
        elif not content.outputs:
            content.texts.setdefault("outputs_lead_in", []).append(block)


def _role_lists(content: Content, section: Section) -> None:
    """The composition's roles: "Label: names" lines, or a label over its list of names."""
    current = ""
    for block in section.blocks:
        label, colon, rest = block.text.partition(":")
        part, _portal = recognise(label if colon else block.text, content.lang)
        if part in ROLE_PARTS and block.kind != "item":
            current = part
            if colon and rest.strip():
                content.roles.setdefault(part, []).append((rest.strip(), block))
            continue
        if current:
            content.roles.setdefault(current, []).append((block.text, block))


def _part(content: Content, section: Section) -> None:
    name = section.part
    if name in TEXT_PARTS:
        paragraphs = [b for b in section.blocks if b.kind != "table"]
        content.texts.setdefault(TEXT_PARTS[name], []).extend(paragraphs)
    elif name in ROLE_PARTS:
        items = [(b.text, b) for b in section.blocks if b.kind in ("item", "paragraph")]
        content.roles.setdefault(name, []).extend(
            [(section.inline, section.block)] if section.inline else items
        )
    elif name == "composition":
        _role_lists(content, section)
    elif name == "objectives":
        _objectives(content, section.blocks)
    elif name == "specific_objectives":
        _specific_part(content, section.blocks)
    elif name == "activities":
        content.areas = next((b for b in section.blocks if b.kind == "table"), None)
    elif name == "outputs":
        _outputs(content, section.blocks)
    elif name == "events":
        content.events = next((b for b in section.blocks if b.kind == "table"), None)
    elif name == "plan":
        content.plan = next((b for b in section.blocks if b.kind == "table"), None)
        header = fold(content.plan.grid[0][0]) if content.plan and content.plan.grid else ""
        content.flags["plan_by_objective"] = "objective" in header or "objetivo" in header


def read_content(outline: Outline) -> Content:
    """The heading block and every part of one file."""
    heading = read_heading(outline)
    content = Content(outline.lang, heading, split(outline, heading.end))
    content.flags["numbering"] = numbering(content.sections)
    for section in content.sections:
        for part in [section, *section.children]:
            _part(content, part)
    return content
