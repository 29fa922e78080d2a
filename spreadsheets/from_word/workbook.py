"""A Reading as a workbook and back (issue 29): the clerk corrects what was read from Word in
Excel, where a long table is quicker to fix than on the preview page, and uploads it to the same
page. One sheet per sheet of the reading, named by its stem (spreadsheets/sheets.py) and with
its resource's exchange columns in the order `export_sheets` writes them, after a first sheet
saying what the workbook is, in English and Spanish (the group workbook's convention).

A column left empty in every row is not read back: the Word readers give only the columns a
document holds (a typed report has no round dates), and a column they did not give leaves the
record's value as it is; an empty cell beside filled ones empties that value, as in any sheet."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from tablib import Dataset

from core.bilingual import in_every_language

from ..cells import blank
from ..errors import Problem, SpreadsheetError
from ..formats import dataset_of_rows, read_workbook, sheet_rows, write_dataset
from ..group_workbook import README_SHEET
from ..sheets import sheets
from .importing import read
from .reading import Reading, Unreadable

SUFFIX = ".xlsx"
INSTRUCTIONS = (
    gettext_noop(
        "This workbook holds what the portal read from a document's Word files, before anything "
        "was written: a sheet per kind of record, named as the portal's sheets are (export_sheets)."
    ),
    gettext_noop(
        "Correct any cell, add or remove rows. Row 1 of each sheet holds the column keys: do not "
        "change them or the sheets' names. Texts have a column per language (_en, _es); records are "
        "named by their keys, countries by their ISO code and institutions by their code. A cell "
        "such as “?institution-2” is a question not yet answered: put the record's code in its place."
    ),
    gettext_noop("A column left empty in every row is not read: the records keep what they have."),
    gettext_noop(
        "Upload it, as the first file, on the documents' page of the administration, “Read a "
        "document from Word” (or give it to manage.py import_document): you see what would change, "
        "and nothing is written until you confirm. A workbook with any problem writes nothing."
    ),
)


class WorkbookRefused(Unreadable):
    """The workbook's sheets or columns are not a reading's: every problem, by sheet and column."""

    def __init__(self, problems: list[Problem]):
        super().__init__(" ".join(map(str, problems)))
        self.problems = problems


def is_workbook(name) -> bool:
    return str(name).lower().endswith(SUFFIX)


def _readme(book, reading: Reading) -> None:
    from openpyxl.styles import Alignment

    sheet = book.active
    sheet.title = README_SHEET
    sheet.column_dimensions["A"].width = 120
    lines = [in_every_language(lambda text=text: _(text)) for text in INSTRUCTIONS]
    # What the preview asked the clerk to check, and the questions still to answer in the cells.
    lines += [_("Check: %(warning)s") % {"warning": warning} for warning in reading.warnings]
    for question in reading.questions:
        where = _("%(sheet)s, row %(row)s, %(column)s") % {
            "sheet": question.sheet,
            "row": question.row + 2,
            "column": question.column,
        }
        lines.append(
            f"{question.placeholder or question.found} ({where}): {question.message or question.found}"
        )
    for line in lines:
        sheet.append([line])
        sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")


def workbook_of(reading: Reading) -> bytes:
    """The reading's rows as an .xlsx: the read-me sheet, then a sheet per stem in import order."""
    from openpyxl import Workbook

    book = Workbook()
    _readme(book, reading)
    for stem, resource_class in sheets():
        rows = reading.sheets.get(stem)
        if not rows:
            continue
        resource = resource_class()
        headers = list(resource.export(queryset=resource.get_queryset().none()).headers)
        dataset = Dataset(*([row.get(column, "") for column in headers] for row in rows), headers=headers)
        sheet = book.create_sheet(stem)
        write_dataset(sheet, dataset)
        for cell in sheet[1]:
            texts = cell.value.endswith(("_en", "_es"))  # a text column is wide, a key narrow
            sheet.column_dimensions[cell.column_letter].width = 40 if texts else 16
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rows(dataset: Dataset, resource) -> list[dict]:
    """The dataset's rows as dicts, without the columns empty in every row (key columns kept,
    so that a key left empty is refused by its row)."""
    keys = {resource.fields[name].column_name for name in resource.get_import_id_fields()}
    keys |= set(resource.required_columns)
    rows = [
        {h: "" if blank(v) else v for h, v in zip(dataset.headers, values, strict=True)} for values in dataset
    ]
    kept = [h for h in dataset.headers if h in keys or any(row[h] != "" for row in rows)]
    return [{h: row[h] for h in kept} for row in rows]


def reading_of(content: bytes) -> Reading:
    """The Reading of a workbook written by workbook_of (corrected or not): its rows, without
    passages or questions. Raises WorkbookRefused naming every unknown sheet or column, and
    Unreadable for a file that is no workbook or holds no rows."""
    try:
        book = read_workbook(content)
    except SpreadsheetError as error:
        raise Unreadable(str(error)) from None
    resources = dict(sheets())
    reading, problems = Reading(), []
    try:
        for sheet in book.worksheets:
            if sheet.title == README_SHEET:
                continue
            if sheet.title not in resources:
                message = _("This is not a sheet of a reading's workbook; its sheets are named: %(sheets)s.")
                problems.append(Problem(None, "", message % {"sheets": ", ".join(resources)}, sheet.title))
                continue
            rows = sheet_rows(sheet)  # one sheet too big refuses the whole workbook
            try:
                dataset = dataset_of_rows(rows)
            except SpreadsheetError:
                continue  # an empty sheet: nothing to read from it
            resource = resources[sheet.title]()
            header = resource.header_problems(list(dataset.headers))
            problems += [Problem(p.row, p.column, p.message, sheet.title) for p in header]
            if not header:
                for row in _rows(dataset, resource):
                    reading.add(sheet.title, row)
    except SpreadsheetError as error:
        raise Unreadable(str(error)) from None
    finally:
        book.close()
    if problems:
        raise WorkbookRefused(problems)
    if not any(reading.sheets.values()):
        raise Unreadable(_("The workbook holds no rows to read: each sheet is empty under its header."))
    return reading


def read_named(named: list[tuple[str, bytes]]) -> Reading:
    """The Reading of what the clerk gave, as (file name, content) pairs: a reading's workbook
    alone, or one .docx or two (importing.read)."""
    if any(is_workbook(name) for name, _content in named):
        if len(named) > 1:
            raise Unreadable(_("Give the workbook alone: it holds the document in both languages."))
        return reading_of(named[0][1])
    return read([content for _name, content in named])
