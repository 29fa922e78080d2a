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

from .layout import COLUMNS, EDITABLE, HEADER_ROW, LABELS, REQUIRED, activity_code, column_label
from .reading import MAX_COLUMNS, MAX_ROWS, FilledWorkbook, read
from .writing import build

__all__ = [
    "COLUMNS",
    "EDITABLE",
    "HEADER_ROW",
    "LABELS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "REQUIRED",
    "FilledWorkbook",
    "activity_code",
    "build",
    "column_label",
    "read",
]
