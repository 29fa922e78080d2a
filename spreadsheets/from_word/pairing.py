"""The English and Spanish texts of one record, from two files: lists paired by position, table
rows by their numbers. A table typed with its rows split differently in the two languages (a
Spanish text continued on a row of its own, a row left without its number) is paired where
the numbers agree, and named in the reading's warnings for the clerk to check."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .outline import ROMAN, Block, roman_value

LEADING = re.compile(r"^\s*(\d{1,3}|[IVXL]{1,6})\b")


@dataclass
class Row:
    """A row of a table as the reader takes it: its cells (a row continued on the next one,
    without a number of its own, joined to it) and the table rows it came from (1 = the first
    below the header)."""

    cells: list[str]
    rows: list[int]

    @property
    def number(self) -> str:
        match = LEADING.match(self.cells[0]) if self.cells else None
        if not match:
            return ""
        value = match[1]
        return str(roman_value(value)) if ROMAN.match(f"{value}. x") else value


def rows_of(block: Block) -> list[Row]:
    """The table's rows below its header, a row whose first cell was typed empty (not merged from
    above) joined to the row before it."""
    rows: list[Row] = []
    for index, (cells, origin) in enumerate(zip(block.grid[1:], block.origin[1:], strict=True), start=1):
        typed_empty = not cells[0] and origin[0] == (index, 0)
        if typed_empty and rows:
            before = rows[-1]
            for column, text in enumerate(cells):
                if text and column < len(before.cells) and text != before.cells[column]:
                    before.cells[column] = f"{before.cells[column]} {text}".strip()
            before.rows.append(index)
            continue
        rows.append(Row(list(cells), [index]))
    return rows


def _keyed(rows: list[Row]) -> dict[tuple[str, int], Row]:
    """Each row by its number (or first cell) and its place among the rows that share it."""
    keyed, seen = {}, {}
    for row in rows:
        first = row.number or row.cells[0] if row.cells else ""
        seen[first] = seen.get(first, 0) + 1
        keyed[(first, seen[first])] = row
    return keyed


def rows_named(rows: list[int]) -> str:
    """ "row 2" / "rows 2, 3"."""
    return ngettext("row %(rows)s", "rows %(rows)s", len(rows)) % {"rows": ", ".join(map(str, rows))}


def pair_rows(en: Block | None, es: Block | None, name: str) -> tuple[list[tuple], list[str]]:
    """(English row, Spanish row) of a table given in both files (either may be None), and the
    warnings for the clerk where the two were typed with their rows split differently."""
    en_rows, es_rows = rows_of(en) if en else [], rows_of(es) if es else []
    if not (en and es):
        return [(row, None) for row in en_rows] + [(None, row) for row in es_rows], []
    raw_same = len(en.grid) == len(es.grid)
    if raw_same and len(en_rows) == len(es_rows):
        return list(zip(en_rows, es_rows, strict=True)), []
    en_keyed, es_keyed = _keyed(en_rows), _keyed(es_rows)
    pairs, paired = [], []
    for key, row in en_keyed.items():
        other = es_keyed.get(key)
        pairs.append((row, other))
        if other is not None:
            paired.append(
                _("English %(en)s with Spanish %(es)s")
                % {"en": rows_named(row.rows), "es": rows_named(other.rows)}
            )
    alone_es = [row for key, row in es_keyed.items() if key not in en_keyed]
    pairs += [(None, row) for row in alone_es]
    alone_en = [row for row, other in pairs if row is not None and other is None]
    warnings = [
        _(
            "%(table)s (%(where_en)s of the English file, %(where_es)s of the Spanish one) has its rows "
            "split differently in the two languages: %(en)s rows in English, %(es)s in Spanish. Its rows "
            "were paired by their numbers: %(pairs)s. Check them before confirming."
        )
        % {
            "table": name,
            "where_en": en.where,
            "where_es": es.where,
            "en": len(en.grid) - 1,
            "es": len(es.grid) - 1,
            "pairs": "; ".join(paired) or "—",
        }
    ]
    alone = (
        [_("English %(rows)s") % {"rows": rows_named([n for r in alone_en for n in r.rows])}]
        if alone_en
        else []
    )
    if alone_es:
        alone.append(_("Spanish %(rows)s") % {"rows": rows_named([n for r in alone_es for n in r.rows])})
    if alone:
        warnings.append(
            _(
                "%(table)s: %(rows)s have no row of the same number in the other language; pair them "
                "in the preview or in the group's workbook."
            )
            % {"table": name, "rows": "; ".join(alone)}
        )
    return pairs, warnings


def pair_lists(en: list, es: list) -> list[tuple]:
    """Items of a list (paragraphs, bullets) paired by position; the longer list's extra items
    stand alone."""
    length = max(len(en), len(es))
    return [(en[i] if i < len(en) else None, es[i] if i < len(es) else None) for i in range(length)]
