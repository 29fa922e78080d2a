"""Filled progress workbooks for the tests: the portal's own workbook, with cells changed as a
focal point would change them in a spreadsheet program."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from spreadsheets import progress_workbook

FIRST_ROW = progress_workbook.HEADER_ROW + 1


def column(key) -> int:
    return progress_workbook.COLUMNS.index(key) + 1


def filled(group, reporting_round, values=None, *, cells=None, only=False) -> bytes:
    """The group's workbook with `values` {activity position: (percent, remarks_en, remarks_es)}
    typed in, and any other `cells` {(row, column): value} overwritten. With `only`, every other
    row's percentage (prefilled from the previous round) is emptied: those rows keep what is
    reported."""
    book = openpyxl.load_workbook(io.BytesIO(progress_workbook.build(group, reporting_round)))
    sheet = book.active
    if only:
        for row in range(FIRST_ROW, sheet.max_row + 1):
            sheet.cell(row, column("percent")).value = None
    for position, (percent, en, es) in (values or {}).items():
        row = row_of(sheet, group, position)
        sheet.cell(row, column("percent")).value = percent
        sheet.cell(row, column("remarks_en")).value = en
        sheet.cell(row, column("remarks_es")).value = es
    for (row, col), value in (cells or {}).items():
        sheet.cell(row, col).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row_of(sheet, group, position) -> int:
    code = f"{group.code}/{position}"
    for row in range(FIRST_ROW, sheet.max_row + 1):
        if sheet.cell(row, 1).value == code:
            return row
    raise LookupError(code)


def upload(content: bytes, name="progress.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
