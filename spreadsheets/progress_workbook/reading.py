"""Reading a filled progress workbook cell by cell, before any of it is checked against the
data (spreadsheets/services.py does that)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from activities.models import Activity

from ..cells import blank
from ..errors import Problem, SpreadsheetError
from ..formats import read_workbook, sheet_rows
from .layout import (
    COLUMNS,
    EDITABLE,
    GROUP_CELL,
    HEADER_ROW,
    REQUIRED,
    ROUND_CELL,
    VERSION_CELL,
    column_label,
)

# More rows than a group can have activities (or columns than the workbook has) is not a
# workbook of the portal's; it is refused from the sheet's declared size, before any row is
# read (a small file can declare a million rows).
MAX_ROWS = HEADER_ROW + Activity.MAX_PER_GROUP
MAX_COLUMNS = len(COLUMNS) + 10


def _rows(sheet) -> list[list]:
    too_big = SpreadsheetError(
        _(
            "This workbook has more than %(rows)s rows or %(columns)s columns; a group's progress workbook "
            "has one row per activity (%(activities)s at most). Nothing was read."
        )
        % {"rows": MAX_ROWS, "columns": MAX_COLUMNS, "activities": Activity.MAX_PER_GROUP}
    )
    return sheet_rows(sheet, limit=MAX_ROWS, columns=MAX_COLUMNS, too_big=too_big)


@dataclass
class FilledWorkbook:
    """What a filled workbook says, cell by cell, before any of it is checked against the data."""

    group_code: str
    round_code: str
    version: int | None
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (sheet row, {key: value})
    problems: list[Problem] = field(default_factory=list)


def read(content: bytes) -> FilledWorkbook:
    """Read a filled workbook; SpreadsheetError when it is not one at all."""
    book = read_workbook(content)
    try:
        rows = _rows(book.worksheets[0])
    finally:
        book.close()
    if not any(not blank(v) for row in rows for v in row):
        raise SpreadsheetError(_("The file is empty."))

    def cell(row, column):
        try:
            value = rows[row - 1][column - 1]
        except IndexError:
            return None
        return None if blank(value) else str(value).strip()

    version = cell(*VERSION_CELL)
    filled = FilledWorkbook(
        cell(*GROUP_CELL) or "",
        cell(*ROUND_CELL) or "",
        int(version) if version and version.isdigit() else None,
    )
    header_row = next(
        (n for n, row in enumerate(rows, 1) if row and str(row[0] or "").strip() == "activity"), None
    )
    if header_row is None:
        raise SpreadsheetError(
            _(
                "This is not a progress workbook: no row starts with the column "
                "key “activity”. Download the group's workbook from the portal."
            )
        )
    headers = ["" if v is None else str(v).strip() for v in rows[header_row - 1]]
    while headers and not headers[-1]:
        headers.pop()
    from openpyxl.utils import get_column_letter

    for position, header in enumerate(headers, 1):
        if header not in COLUMNS:
            filled.problems.append(
                Problem(
                    header_row,
                    header or get_column_letter(position),
                    _("This is not a column key of the workbook (was it renamed?); the keys are: %(keys)s.")
                    % {"keys": ", ".join(COLUMNS)},
                )
            )
    for key in REQUIRED:
        if key not in headers:
            filled.problems.append(
                Problem(header_row, column_label(key), _("This required column is missing."))
            )
    for number, row in enumerate(rows[header_row:], header_row + 1):
        values = {h: row[i] if i < len(row) else None for i, h in enumerate(headers) if h in COLUMNS}
        if all(blank(values.get(k)) for k in ("activity", *EDITABLE)):
            continue
        filled.rows.append((number, values))
    return filled
