"""Writing a group's progress workbook for a round, with what is already reported filled in
and every cell locked but those to fill."""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from activities.models import Activity
from core.bilingual import in_every_language, shown
from reporting.models import GroupReport, ProgressEntry, ReportingRound

from ..formats import write_cell_value
from .layout import (
    COLUMNS,
    EDITABLE,
    GROUP_CELL,
    HEADER_ROW,
    LABEL_ROW,
    LABELS,
    ROUND_CELL,
    VERSION_CELL,
    activity_code,
)

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
