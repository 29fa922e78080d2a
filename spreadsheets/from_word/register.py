"""A typed report's register entry and composition: the document's row (symbol, title, dates,
the heading block's and the parts' variants) and its parts in order, each with the heading the
document gives it where that is not the portal's own, and its wording of the bodies it names
without their acronym."""

from django.utils.translation import gettext as _

from .pairing import pair_lists
from .reading import Passage, Reading


def both(name: str, values: dict) -> dict:
    """ "name_en", "name_es" columns of the languages that have a value."""
    return {f"{name}_{lang}": value for lang, value in values.items() if value}


def first(contents: dict, attribute: str):
    """The heading block's value in the first file that has it."""
    return next(
        (getattr(c.heading, attribute) for c in contents.values() if getattr(c.heading, attribute)), None
    )


def heading_passages(contents: dict, name: str) -> list[Passage]:
    """Where each file's heading block gave `name` (the symbol, the meeting, its place)."""
    return [c.heading.passages[name] for c in contents.values() if name in c.heading.passages]


def document_row(reading: Reading, contents: dict, meeting: str, group: str) -> str:
    """The document's register entry, from the heading block and the parts' variants; its symbol."""
    content = contents.get("en") or next(iter(contents.values()))
    heading, flags = content.heading, content.flags
    row = {"symbol": first(contents, "symbol"), "kind": "group_report"}
    row.update(both("title", {lang: c.heading.title for lang, c in contents.items()}))
    row.update(
        both("date", {lang: c.heading.date.isoformat() for lang, c in contents.items() if c.heading.date})
    )
    row.update(
        distribution=heading.distribution or "limited",
        original_language=first(contents, "original_language") or "es",
    )
    row.update(job_number=first(contents, "job_number") or "", meeting=meeting, round=meeting, group=group)
    row.update(layout="parts", commission_line=bool(first(contents, "commission_line")))
    row.update(both("introduction", {lang: c.text("introduction") for lang, c in contents.items()}))
    for name in (
        "numbering",
        "objective_headings",
        "specific_objectives_as_table",
        "outputs_as",
        "outputs_timetable",
    ):
        if name in flags:
            row[name] = flags[name]
    row.update(plan_as="outputs", plan_by_objective=bool(flags.get("plan_by_objective")))
    if not row["symbol"]:
        reading.warnings.append(
            _(
                "The heading block gives no document symbol (such as LC/CE.20/3): add it to the file "
                "and read it again."
            )
        )
    reading.add("documents", row, *heading_passages(contents, "symbol"))
    return row["symbol"]


def composition(reading: Reading, contents: dict, symbol: str) -> None:
    """The parts in order, paired across the files by position; a heading no part of a working
    group's report has is left out and said."""
    lists = []
    for content in (contents.get("en"), contents.get("es")):
        lists.append(
            [(p, p is not top) for top in (content.sections if content else []) for p in [top, *top.children]]
        )
    seen = set()
    for pair in pair_lists(*lists):
        section, within = next(item for item in pair if item)
        if not section.part or section.part in seen:
            where = section.block.where
            reading.warnings.append(
                _("“%(heading)s” (%(where)s) is no part a working group's report has: it was left out.")
                % {"heading": section.heading, "where": where}
            )
            continue
        seen.add(section.part)
        row = {"document": symbol, "order": len(seen), "part": section.part, "within": within}
        for lang, item in zip(("en", "es"), pair, strict=True):
            if item and item[0].own_heading:
                row[f"heading_{lang}"] = item[0].heading
        sources = [
            Passage(lang, i[0].block.where, i[0].block.text)
            for lang, i in zip(("en", "es"), pair, strict=True)
            if i
        ]
        reading.add("document_parts", row, *sources)


def wordings(reading: Reading, symbol: str, named: set) -> None:
    """The document's wording of each body it names without its acronym, in that language."""
    for lang, institution, passage in sorted(named, key=lambda w: w[:2]):
        row = {"document": symbol, "language": lang, "country": "", "institution": institution}
        reading.add("document_wordings", {**row, "without_acronym": True}, passage)
