"""The progress workbook: one sheet for one group in one round, to fill in offline.

Layout (rows of the sheet):
  1      title, in English and Spanish
  2-4    the working group (B2: 2020-2021/IV), the round (B3: CE.21), the group report's version (B4)
  5-6    instructions in English and in Spanish
  8      column labels in both languages
  9      column keys, which the import reads: activity, ..., percent, remarks_en, remarks_es
  10...  one row per activity

Everything is locked except the new percentage (whole numbers 0-100 only) and the remarks.
The lock is a guide against slips, not security: the import checks every cell again."""

import io
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from activities.models import Activity
from core.bilingual import in_every_language, shown
from reporting.models import GroupReport, ProgressEntry, ReportingRound

from .cells import blank
from .errors import Problem, SpreadsheetError
from .formats import read_workbook, sheet_rows, write_cell_value

GROUP_CELL, ROUND_CELL, VERSION_CELL = (2, 2), (3, 2), (4, 2)
LABEL_ROW, HEADER_ROW = 8, 9
COLUMNS = (
    "activity",
    "activity_en",
    "activity_es",
    "start",
    "end",
    "previous_percent",
    "percent",
    "remarks_en",
    "remarks_es",
)
REQUIRED = ("activity", "percent", "remarks_en", "remarks_es")
EDITABLE = ("percent", "remarks_en", "remarks_es")
WIDTHS = {
    "activity": 16,
    "activity_en": 50,
    "activity_es": 50,
    "start": 14,
    "end": 14,
    "previous_percent": 14,
    "percent": 14,
    "remarks_en": 50,
    "remarks_es": 50,
}


def _both(message: str) -> str:
    return in_every_language(lambda: _(message))


LABELS = {
    "activity": gettext_noop("Activity code"),
    "activity_en": gettext_noop("Activity (English)"),
    "activity_es": gettext_noop("Activity (Spanish)"),
    "start": gettext_noop("Start"),
    "end": gettext_noop("End"),
    "previous_percent": gettext_noop("Previous percentage"),
    "percent": gettext_noop("New percentage (0-100)"),
    "remarks_en": gettext_noop("Remarks (English)"),
    "remarks_es": gettext_noop("Remarks (Spanish)"),
}


def column_label(key) -> str:
    """A column as a problem names it: its label in the reader's language, then its key."""
    return f"{_(LABELS[key])} ({key})"


def activity_code(activity) -> str:
    """ "2020-2021/IV/3": the group's code and the activity's position in it."""
    return f"{activity.group.code}/{activity.order}"


INSTRUCTIONS = gettext_noop(
    "Fill in the new percentage (a whole number from 0 to 100) and the remarks in "
    "English and Spanish for each activity, in the white cells. An activity not yet "
    "reported in this round starts from its previous percentage: change it only if it "
    "moved. Leave a row empty to keep what is already reported. Do not change the other "
    "cells or the column keys in row 9. Then upload this file on the group's page of "
    "the portal."
)


def build(group, reporting_round) -> bytes:
    """The workbook of a group for a round, with what is already reported filled in."""
    from openpyxl import Workbook

    activities = list(
        Activity.objects.filter(group=group).select_related("group__programme").order_by("order")
    )
    current = {
        e.activity_id: e for e in ProgressEntry.objects.filter(round=reporting_round, activity__group=group)
    }
    previous_round = ReportingRound.objects.previous_to(reporting_round)
    previous = (
        {
            e.activity_id: e.percent
            for e in ProgressEntry.objects.filter(round=previous_round, activity__group=group)
        }
        if previous_round
        else {}
    )
    report = GroupReport.objects.filter(round=reporting_round, group=group).first()

    book = Workbook()
    sheet = book.active
    sheet.title = f"{group.numeral} {reporting_round.meeting.code}"[:31]
    _write_heading(sheet, group, reporting_round, report)
    for offset, activity in enumerate(activities):
        _write_activity(
            sheet,
            HEADER_ROW + 1 + offset,
            activity,
            current.get(activity.pk),
            previous.get(activity.pk),
            reporting_round.asks_percentages,
        )
    _lock(sheet, HEADER_ROW + max(len(activities), 1))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_heading(sheet, group, reporting_round, report):
    """Rows 1 to 9: title, the group, round and version, instructions, column labels and keys."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    sheet["A1"] = _both(gettext_noop("Progress workbook"))
    sheet["A1"].font = Font(bold=True, size=14)
    heading = [
        (
            GROUP_CELL,
            _both(gettext_noop("Working group")),
            group.code,
            f"{shown(group, 'output', 'en').text} / {shown(group, 'output', 'es').text}",
        ),
        (
            ROUND_CELL,
            _both(gettext_noop("Reporting round")),
            reporting_round.meeting.code,
            _both(gettext_noop("Deadline")) + f": {reporting_round.deadline.isoformat()}",
        ),
        (VERSION_CELL, _both(gettext_noop("Group report version")), report.version if report else 0, ""),
    ]
    for (row, column), label, value, note in heading:
        sheet.cell(row, 1, label).font = bold
        write_cell_value(sheet.cell(row, column), value)
        write_cell_value(sheet.cell(row, column + 1), note)
    for row, lang in ((5, "en"), (6, "es")):
        with translation.override(lang):
            cell = sheet.cell(row, 1, _(INSTRUCTIONS))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
        sheet.row_dimensions[row].height = 48
    for position, key in enumerate(COLUMNS, 1):
        sheet.cell(LABEL_ROW, position, _both(LABELS[key])).font = bold
        sheet.cell(LABEL_ROW, position).alignment = Alignment(wrap_text=True)
        sheet.cell(HEADER_ROW, position, key).font = Font(italic=True, color="666666")
        sheet.column_dimensions[get_column_letter(position)].width = WIDTHS[key]


def _write_activity(sheet, row, activity, entry, previous_percent, prefill):
    """One activity's row: its texts and schedule (grey, locked), the values to fill (white);
    an activity not yet reported in the round starts from its previous percentage (`prefill`),
    as the progress form does."""
    from openpyxl.styles import Alignment, PatternFill, Protection

    values = {
        "activity": activity_code(activity),
        "activity_en": shown(activity, "text", "en").text,
        "activity_es": shown(activity, "text", "es").text,
        "start": _both_label(activity, "start"),
        "end": _both_label(activity, "end"),
        "previous_percent": previous_percent,
        "percent": entry.percent if entry else (previous_percent if prefill else None),
        "remarks_en": entry.remarks_en or "" if entry else "",
        "remarks_es": entry.remarks_es or "" if entry else "",
    }
    for position, key in enumerate(COLUMNS, 1):
        cell = sheet.cell(row, position)
        write_cell_value(cell, values[key])
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if key in EDITABLE:
            cell.protection = Protection(locked=False)
            cell.fill = PatternFill("solid", fgColor="FFFFFF")
        else:
            cell.fill = PatternFill("solid", fgColor="EEEEEE")


def _lock(sheet, last):
    """Whole numbers 0-100 in the percentage column, and every other cell locked."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    first = HEADER_ROW + 1
    percent_column = get_column_letter(COLUMNS.index("percent") + 1)
    validation = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_both(gettext_noop("Percentage")),
        error=_both(gettext_noop("A whole number from 0 to 100.")),
    )
    validation.add(f"{percent_column}{first}:{percent_column}{last}")
    sheet.add_data_validation(validation)
    sheet.freeze_panes = sheet.cell(first, 2)
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widening a column is fine
    sheet.protection.formatRows = False


def _both_label(activity, side) -> str:
    return in_every_language(lambda: getattr(activity, f"{side}_label") or "")


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
