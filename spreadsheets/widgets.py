"""How a cell names a related record, a month or a percentage.

Related records are named by keys a clerk can read and type (MEX, INEGI@MEX, CE.20,
2020-2021/IV), never by database ids. Each widget reads its model's records once per import
and then looks keys up in memory, so an import's queries do not grow with its rows."""

import datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from import_export import widgets

from core.written_dates import parse_day, parse_month

from .cells import blank


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class KeyWidget(widgets.ForeignKeyWidget):
    """A related record named by `key(record)`; `what` says what kind of record, for messages."""

    def __init__(self, model, key, what, queryset=None, upper=False):
        super().__init__(model)
        self.key, self.what, self.upper = key, what, upper
        self._queryset = queryset
        self._records = None

    def get_queryset(self, value, row, *args, **kwargs):
        return self._queryset if self._queryset is not None else self.model.objects.all()

    def index(self, record):
        """What `records()` is keyed by."""
        return self.key(record)

    def records(self) -> dict:
        if self._records is None:
            self._records = {self.index(r): r for r in self.get_queryset(None, None)}
        return self._records

    def forget(self):
        self._records = None

    def remember(self, record):
        """A record this import has just written, for later rows that name it."""
        if self._records is not None:
            self._records[self.index(record)] = record

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        text = _text(value)
        text = text.upper() if self.upper else text
        record = self.records().get(text)
        if record is None:
            raise ValueError(_("There is no %(what)s “%(value)s”.") % {"what": self.what, "value": text})
        return record

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else self.key(value)


def row_group(group_widget, row):
    """The working group a row names in its "group" column: what names a record of that group
    (an objective, an output) is read within it."""
    try:
        group = group_widget.clean((row or {}).get("group"))
    except ValueError:
        group = None
    if group is None:
        raise ValueError(_("Name the working group first, in the “group” column."))
    return group


class GroupKeyWidget(KeyWidget):
    """A record of a working group (its objective, topic or activity) named within the group the
    row names in its `group` column: "specific 2", "3"."""

    def __init__(self, model, key, what, group_widget, queryset=None):
        super().__init__(model, key, what, queryset=queryset)
        self.group_widget = group_widget

    def index(self, record):
        return (record.group_id, self.key(record))

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        group = row_group(self.group_widget, row)
        text = _text(value)
        try:
            return self.records()[(group.pk, text)]
        except KeyError:
            raise ValueError(
                _("Working group %(group)s has no %(what)s “%(value)s”.")
                % {"group": group.code, "what": self.what, "value": text}
            ) from None


class KeysWidget(widgets.ManyToManyWidget):
    """Several related records in one cell, separated by semicolons: "INEGI@MEX; UNFPA"."""

    def __init__(self, model, key, what):
        super().__init__(model, separator=";")
        self.one = KeyWidget(model, key, what)

    def forget(self):
        self.one.forget()

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return []
        return [self.one.clean(part) for part in _text(value).split(";") if part.strip()]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "; ".join(self.one.key(r) for r in value.all())


class MonthWidget(widgets.Widget):
    """A month written 2020-03, or as a reader writes it in either language: March 2020,
    marzo de 2020 (a date cell is read as its month)."""

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        month = parse_month(_text(value))  # 2021-03, or as it is written: March 2021, marzo de 2021
        if month is None:
            raise ValueError(_("Write the month as 2021-03 or March 2021."))
        return month

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%Y-%m") if value else ""


class PercentWidget(widgets.Widget):
    """A percentage: a whole number from 0 to 100. 50.5, -5, 101 and "half" are refused."""

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        if isinstance(value, bool):
            raise ValueError(self.message(value))
        try:
            number = Decimal(_text(value))
        except InvalidOperation:
            raise ValueError(self.message(value)) from None
        if number != number.to_integral_value() or not 0 <= number <= 100:
            raise ValueError(self.message(value))
        return int(number)

    @staticmethod
    def message(value) -> str:
        return _("The percentage must be a whole number from 0 to 100, not “%(value)s”.") % {
            "value": _text(value)
        }

    def render(self, value, obj=None, **kwargs):
        return value


class TextWidget(widgets.CharWidget):
    """A text; an empty cell is an empty text (never None)."""

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        return value if isinstance(value, str) else _text(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class DateWidget(widgets.DateWidget):
    """A date; a spreadsheet's date cell (read as a datetime) counts as its day, and a text is
    read as written in either language (31 January 2027) or in figures (2027-01-31)."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, str) and (day := parse_day(value)):
            return day  # as it is written: 31 January 2027, 31 de enero de 2027
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(_("Write the date as 2027-01-31 or 31 January 2027.")) from None
