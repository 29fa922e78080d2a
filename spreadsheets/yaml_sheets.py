"""Sheets as YAML: the form of the fixtures (fixtures/<sheet>.yaml), kept in git to be read and
reviewed. A file is a list of rows; a row maps the sheet's columns (its resource's, as in the
xlsx and csv files) to values, leaving out empty cells. Texts with line breaks are written as
block scalars (`|`), so a paragraph reads as a paragraph and a change shows as a line of diff."""

import datetime
import decimal

import yaml
from django.utils import timezone
from django.utils.translation import gettext as _
from tablib import Dataset

from .errors import SpreadsheetError
from .formats import Bounded, check_upload_size, utf8_text


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, texts with line breaks as block scalars."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _text(dumper, value):
    if "\n" in value:
        # A block scalar cannot keep trailing spaces on a line: those texts stay quoted.
        clean = all(line == line.rstrip() for line in value.splitlines())
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if clean else '"')
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text)


def _plain(value):
    """A cell as YAML writes it: days, months and times as ISO text, amounts as numbers."""
    if isinstance(value, datetime.datetime):
        # As the csv files write a time (import-export's DateTimeWidget): local, to the second.
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
            if timezone.is_aware(value)
            else str(value)
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    return value


def dump(dataset: Dataset) -> str:
    rows = [
        {
            header: _plain(value)
            for header, value in zip(dataset.headers, values, strict=True)
            if value not in (None, "")
        }
        for values in dataset
    ]
    return yaml.dump(rows, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000)


def load(text: str) -> Dataset:
    """A dataset of the file's rows; its headers are every column any row has, in the order met."""
    try:
        rows = yaml.safe_load(text) or []
    except yaml.YAMLError as error:
        raise SpreadsheetError(_("The YAML file is damaged: %(reason)s") % {"reason": error}) from error
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise SpreadsheetError(_("A YAML sheet is a list of rows, each a mapping of columns to values."))
    headers = list(dict.fromkeys(str(key) for row in rows for key in row))
    dataset = Dataset(headers=headers)
    for row in rows:
        dataset.append([row.get(header) for header in headers])
    return dataset


class YAML(Bounded):
    """The format of fixture folders (export_sheets --format yaml, import_sheets, load_programme)."""

    def create_dataset(self, in_stream, **kwargs):
        check_upload_size(len(in_stream), self.max_bytes)
        text = utf8_text(in_stream) if isinstance(in_stream, bytes) else in_stream
        dataset = load(text)
        if len(dataset) > self.data_rows:
            raise SpreadsheetError(_("This sheet has more than %(rows)s rows.") % {"rows": self.data_rows})
        return dataset

    def export_data(self, dataset, **kwargs):
        return dump(dataset)
