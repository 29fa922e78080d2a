"""A typed report's programme of work as rows: its objectives, the table of programme areas and
action lines (objective and area cells merged down their rows), the outputs with their agency
phrases and timetables under each objective, and the plan, each paired across the languages."""

from django.utils.translation import gettext as _

from .content import Content
from .pairing import Row, pair_lists, pair_rows, rows_named
from .reading import Passage, Reading


def passages(pair, where_of=lambda item: item.where, text_of=lambda item: item.text) -> list[Passage]:
    return [
        Passage(lang, where_of(item), text_of(item))
        for lang, item in zip(("en", "es"), pair, strict=True)
        if item
    ]


def _both(name: str, pair, text_of) -> dict:
    return {f"{name}_{lang}": text_of(item) for lang, item in zip(("en", "es"), pair, strict=True) if item}


def row_passages(pair, tables) -> list[Passage]:
    found = []
    for lang, row, table in zip(("en", "es"), pair, tables, strict=True):
        if row is not None and table is not None:
            where = f"{table.where}, {rows_named(row.rows)}"
            found.append(Passage(lang, where, " | ".join(row.cells)))
    return found


def _cell(row: Row | None, column: int) -> str:
    return row.cells[column] if row is not None and column < len(row.cells) else ""


def _text_of(name: str, pair, column: int) -> dict:
    return {f"{name}_{lang}": _cell(row, column) for lang, row in zip(("en", "es"), pair, strict=True) if row}


def _number(pair) -> str:
    return next((row.number for row in pair if row is not None and row.number), "")


def objectives(reading: Reading, group: str, en: Content | None, es: Content | None) -> None:
    for kind, name in (("general", "general"), ("specific", "specific")):
        lists = [getattr(c, name) if c else [] for c in (en, es)]
        titles = [c.specific_titles if c and kind == "specific" else [] for c in (en, es)]
        for order, pair in enumerate(pair_lists(*lists), start=1):
            row = {"group": group, "kind": kind, "order": order, **_both("text", pair, lambda b: b.text)}
            for lang, found in zip(("en", "es"), titles, strict=True):
                if order <= len(found) and found[order - 1]:
                    row[f"title_{lang}"] = found[order - 1]
            reading.add("objectives", row, *passages(pair))


def areas(reading: Reading, group: str, en: Content | None, es: Content | None) -> None:
    tables = [c.areas if c else None for c in (en, es)]
    if not any(tables):
        return
    pairs, warnings = pair_rows(*tables, _("The table of programme areas and action lines"))
    reading.warnings += warnings
    seen: dict[str, list[str]] = {}
    lines: dict[str, int] = {}
    for pair in pairs:
        objective = f"specific {_number(pair) or 1}"
        title = next((_cell(row, 1) for row in pair if row is not None), "")
        titles = seen.setdefault(objective, [])
        if title not in titles:
            titles.append(title)
            row = {"group": group, "objective": objective, "order": len(titles), **_text_of("title", pair, 1)}
            reading.add("areas", row, *row_passages(pair, tables))
        area = f"{objective}/{titles.index(title) + 1}"
        lines[area] = lines.get(area, 0) + 1
        row = {"group": group, "area": area, "order": lines[area], **_text_of("text", pair, 2)}
        reading.add("action_lines", row, *row_passages(pair, tables))


def outputs(reading: Reading, group: str, en: Content | None, es: Content | None) -> list[dict]:
    """The outputs' rows, in order; returned for the plan to compare itself with."""
    written = []
    lists = [c.outputs if c else [] for c in (en, es)]
    for en_table, es_table in pair_lists(*lists):
        tables = [t[1] if t else None for t in (en_table, es_table)]
        objective = next((t[0] for t in (en_table, es_table) if t), 0)
        content = en or es
        by_column = content.flags.get("outputs_as") == "objective_column"
        first = 1 if by_column else 0
        pairs, warnings = pair_rows(*tables, _("The table of outputs"))
        reading.warnings += warnings
        for pair in pairs:
            order = len(written) + 1
            row = {"group": group, "order": order, **_text_of("text", pair, first + 1)}
            found = int(_number(pair) or 0) if by_column else objective
            if found:
                row["objective"] = f"specific {found}"
            row.update(_text_of("agency", pair, first + 2))
            if content.flags.get("outputs_timetable"):
                row.update(_text_of("timetable", pair, first + 3))
            written.append(row)
            reading.add("outputs", row, *row_passages(pair, tables))
    return written


def plan(reading: Reading, group: str, en: Content | None, es: Content | None, written: list[dict]) -> None:
    """The plan's rows: none where it lists the outputs with their timetables (the report prints
    it from them), the outputs' timetables where only the plan gives them, else rows of its own."""
    tables = [c.plan if c else None for c in (en, es)]
    if not any(tables):
        return
    by_objective = (en or es).flags.get("plan_by_objective")
    first = 1 if by_objective else 0
    pairs, warnings = pair_rows(*tables, _("The plan of activities"))
    reading.warnings += warnings
    texts = [{k: v for k, v in row.items() if k.startswith("text_")} for row in written]
    if len(pairs) == len(written) and all(
        _text_of("text", pair, first + 1) == text for pair, text in zip(pairs, texts, strict=True)
    ):
        for pair, row in zip(pairs, written, strict=True):
            timetable = _text_of("timetable", pair, first + 2)
            if not any(row.get(k) for k in timetable):
                row.update(timetable)
        return
    for order, pair in enumerate(pairs, start=1):
        row = {"group": group, "order": order, **_text_of("text", pair, first + 1)}
        row.update(_text_of("timetable", pair, first + 2))
        if by_objective and _number(pair):
            row["objective"] = f"specific {_number(pair)}"
        reading.add("plan_rows", row, *row_passages(pair, tables))
