"""What is wrong with an imported file, said where it is: row, column and reason."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


class SpreadsheetError(Exception):
    """The file cannot be read at all (empty, not a spreadsheet, damaged)."""


@dataclass(frozen=True)
class Problem:
    row: int | None  # the spreadsheet's own row number (1 is the first row); None: the whole file
    column: str  # the column's header, or "" when the problem is not in one column
    message: str
    sheet: str = ""  # the sheet's name, in a workbook of several

    def __str__(self):
        if self.sheet:
            return _("Sheet “%(sheet)s”: %(problem)s") % {
                "sheet": self.sheet,
                "problem": str(Problem(self.row, self.column, self.message)),
            }
        if self.row is None:
            return f"{self.column}: {self.message}" if self.column else self.message
        if self.column:
            return _("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class ImportRefused(Exception):
    """An import with problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems
