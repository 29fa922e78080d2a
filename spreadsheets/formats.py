"""The two file formats the portal exchanges: xlsx and csv, through django-import-export.

Both neutralise formulas on export and read them as text on import (spreadsheets/cells.py),
and both refuse an empty, damaged or foreign file with a message the clerk can act on
(SpreadsheetError), instead of the library's exception name."""

import csv
import io
import re
import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from tablib import Dataset

from .cells import blank, looks_like_formula, quoted, unquoted
from .errors import SpreadsheetError


def dataset_of_rows(rows) -> Dataset:
    """A dataset from rows whose first non-blank row holds the headers; blank rows dropped."""
    rows = [row for row in rows if not all(blank(v) for v in row)]
    if not rows:
        raise SpreadsheetError(_("The file is empty: it has no header row and no data."))
    headers = ["" if v is None else str(v).strip() for v in rows[0]]
    width = len(headers)
    while headers and not headers[-1]:
        headers.pop()  # trailing empty header cells are formatting, not columns
    dataset = Dataset(headers=headers)
    for row in rows[1:]:
        row = list(row[:width]) + [None] * (width - len(row))
        dataset.append(row[: len(headers)])
    return dataset


# An xlsx file is a zip archive: what the portal exports unpacks to well under a megabyte
# per thousand rows, so a file that unpacks to more than this is refused before it is read.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
# The largest sheet the portal's own exports make has a few hundred rows (every activity of a
# programme) and a few dozen columns; a sheet far past that is not one of the portal's.
MAX_COLUMNS = 60


def max_rows() -> int:
    return settings.SPREADSHEET_MAX_ROWS


def check_upload_size(size: int, limit: int | None = None) -> None:
    """Refuse a file larger than `limit` (SPREADSHEET_MAX_UPLOAD) before it is parsed."""
    limit = limit or settings.SPREADSHEET_MAX_UPLOAD
    if size > limit:
        raise SpreadsheetError(
            _(
                "The file is %(size)s; the largest accepted is %(limit)s, far more than "
                "any sheet of the portal's. Nothing was read."
            )
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def _too_many_rows(limit) -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "This sheet has more than %(rows)s rows or %(columns)s columns, more than "
            "any sheet of the portal's; split it into smaller files. "
            "Nothing was read."
        )
        % {"rows": limit, "columns": MAX_COLUMNS}
    )


def sheet_rows(sheet, *, limit=None, columns=MAX_COLUMNS, too_big=None) -> list[list]:
    """The values of an openpyxl sheet's rows, refused (`too_big`, a SpreadsheetError) past
    `limit` rows or `columns` columns: first by the size the sheet declares (a file of a few KB
    can declare a million rows by 16,384 columns, which openpyxl would then walk), then by the
    rows really read, since the declared size may be missing or false; no cell beyond
    `columns` is kept (the file's unpacked size bounds the rest)."""
    if limit is None:
        limit = max_rows() + 1  # and the header row
    too_big = too_big or _too_many_rows(limit - 1)
    if (sheet.max_row or 0) > limit or (sheet.max_column or 0) > columns:
        raise too_big
    rows = []
    for row in sheet.iter_rows(values_only=True, max_col=columns):
        rows.append(list(row))
        if len(rows) > limit:
            raise too_big
    return rows


def _check_unpacked_size(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SpreadsheetError(_("The file is not an Excel workbook (.xlsx), or it is damaged.")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise SpreadsheetError(
            _(
                "The workbook unpacks to more than %(size)s MB; a portal workbook "
                "is far smaller. Nothing was read."
            )
            % {"size": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )


def read_workbook(content: bytes, *, max_bytes=None):
    """An openpyxl workbook with formulas kept as text (data_only=False: nothing is evaluated),
    refused before it is parsed when it would unpack past MAX_UNPACKED_BYTES."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if not content:
        raise SpreadsheetError(_("The file is empty."))
    check_upload_size(len(content), max_bytes)
    _check_unpacked_size(content)
    try:
        return openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as error:
        raise SpreadsheetError(_("The file is not an Excel workbook (.xlsx), or it is damaged.")) from error


def write_cell_value(cell, value):
    """Write a value into an openpyxl cell; a text that looks like a formula stays text, and a
    character a workbook cannot hold (a control character stored before texts were cleaned,
    core.text) is replaced rather than failing the whole download."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", value)
    cell.value = value
    if looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def write_dataset(sheet, dataset):
    """A dataset into an openpyxl sheet: its headers in bold in row 1 (kept in view), its rows
    below; characters a workbook cannot hold are replaced, formulas kept as text."""
    from openpyxl.styles import Font

    sheet.append(list(dataset.headers or []))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in dataset:
        sheet.append([None] * len(values))
        for cell, value in zip(sheet[sheet.max_row], values, strict=True):
            write_cell_value(cell, value)
    sheet.freeze_panes = "A2"


def utf8_text(content: bytes) -> str:
    """The text of a file that must be UTF-8 (a byte order mark allowed); a byte that is not
    refused, naming its line, rather than read as a replacement character: a name stored with
    "\N{REPLACEMENT CHARACTER}" in place of an accent would be wrong on every page and document."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # error.object is what was decoded: the bytes after the byte order mark, if any.
        line = len(re.split(rb"\r\n|\r|\n", error.object[: error.start]))
        raise SpreadsheetError(
            _(
                "Line %(line)s is not valid UTF-8 text: save the file as “CSV UTF-8” (or in the "
                "UTF-8 encoding) and import it again. Nothing was read."
            )
            % {"line": line}
        ) from None


class Bounded:
    """A format whose files are refused past a size and a number of rows: the admin's limits by
    default (SPREADSHEET_MAX_UPLOAD, SPREADSHEET_MAX_ROWS); import_sheets, run by the server's
    operator to restore a whole programme, gives larger ones."""

    def __init__(self, *args, max_rows=None, max_bytes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_rows, self.max_bytes = max_rows, max_bytes

    def check_size(self, size: int) -> None:
        check_upload_size(size, self.max_bytes)

    @property
    def data_rows(self) -> int:
        """Most rows of data a sheet may have, its header row aside."""
        return self.max_rows or max_rows()


class XLSX(Bounded, base_formats.XLSX):
    def create_dataset(self, in_stream):
        book = read_workbook(in_stream, max_bytes=self.max_bytes)
        try:
            return dataset_of_rows(
                sheet_rows(
                    book.worksheets[0], limit=self.data_rows + 1, too_big=_too_many_rows(self.data_rows)
                )
            )
        finally:
            book.close()

    def export_data(self, dataset, **kwargs):
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = (dataset.title or "data")[:31]
        write_dataset(sheet, dataset)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


class CSV(Bounded, base_formats.CSV):
    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            if b"\x00" in in_stream or in_stream.startswith(b"PK\x03\x04"):
                raise SpreadsheetError(_("The file is not a CSV text file; choose the format it is in."))
            in_stream = utf8_text(in_stream)
        if "\x00" in in_stream:
            raise SpreadsheetError(_("The file is not a CSV text file; choose the format it is in."))
        check_upload_size(
            len(in_stream.encode()) if isinstance(in_stream, str) else len(in_stream), self.max_bytes
        )
        rows, limit = [], self.data_rows + 1  # and the header row
        try:
            for row in csv.reader(io.StringIO(in_stream.lstrip("\ufeff"))):
                rows.append(row[:MAX_COLUMNS])
                if len(rows) > limit or len(row) > MAX_COLUMNS:
                    raise _too_many_rows(limit - 1)
        except csv.Error as error:
            raise SpreadsheetError(_("The CSV file is damaged: %(reason)s") % {"reason": error}) from error
        return dataset_of_rows([[unquoted(v) for v in row] for row in rows])

    def export_data(self, dataset, **kwargs):
        out = io.StringIO()
        out.write("\ufeff")  # so that Excel reads the accents of a UTF-8 file right
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(dataset.headers or [])
        for values in dataset:
            writer.writerow(["" if v is None else quoted(v) for v in values])
        return out.getvalue()


def csv_text(header, rows) -> str:
    """Rows as the portal's CSV (byte order mark, formulas kept as text), for files that are
    not an import's, such as the open data."""
    dataset = Dataset(headers=list(header))
    for row in rows:
        dataset.append(row)
    return CSV().export_data(dataset)


FORMATS = [XLSX, CSV]
