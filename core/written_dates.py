"""Dates and months read as people write them, in English or in Spanish, whatever the page's
language (a clerk may paste a date from a document in the other one): "January 2027",
"enero de 2027", "Jan. 2027", "2027-01", "01/2027"; "31 January 2027", "January 31, 2027",
"31 de enero de 2027", "2027-01-31". A date written in figures only, other than year first, is
left to the language's own input formats (day first in Spanish, month first in English).

The form fields say which forms they take when they refuse one, in the reader's language."""

import datetime
import re
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

_MONTH_NAMES = [
    ("january", "jan", "enero", "ene"),
    ("february", "feb", "febrero"),
    ("march", "mar", "marzo"),
    ("april", "apr", "abril", "abr"),
    ("may", "mayo"),
    ("june", "jun", "junio"),
    ("july", "jul", "julio"),
    ("august", "aug", "agosto", "ago"),
    ("september", "sep", "sept", "septiembre", "setiembre", "set"),
    ("october", "oct", "octubre"),
    ("november", "nov", "noviembre"),
    ("december", "dec", "diciembre", "dic"),
]
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}
# Words between a date's parts: "31 de enero de 2027", "enero del 2027", "the 31st of January".
_FILLERS = {"de", "del", "of", "the"}


def _words(text: str) -> list[str]:
    """The text's words, lower case and without accents, ordinal endings or punctuation."""
    text = str(text).replace("º", "").replace("ª", "")  # 1.º de enero (NFKD would make it an o)
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    return [w for w in re.split(r"[\s,.]+", text) if w and w not in _FILLERS]


def _date(year, month, day=1) -> datetime.date | None:
    try:
        return datetime.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def _numeric(text: str) -> list[str] | None:
    match = re.fullmatch(r"\s*(\d{1,4})\s*[-/.]\s*(\d{1,4})(?:\s*[-/.]\s*(\d{1,4}))?\s*", str(text))
    return [g for g in match.groups() if g] if match else None


def parse_month(text) -> datetime.date | None:
    """The month `text` names, as its first day; None if it names none."""
    parts = _numeric(text)
    if parts:
        if len(parts[0]) == 4:  # 2027-01, 2027-01-31
            return _date(parts[0], parts[1])
        if len(parts) == 2 and len(parts[1]) == 4:  # 01/2027
            return _date(parts[1], parts[0])
        return None
    words = _words(text)
    if len(words) == 2:
        month, year = words if words[0] in _MONTHS else words[::-1]
        if month in _MONTHS and re.fullmatch(r"\d{4}", year):
            return _date(year, _MONTHS[month])
    return None


def parse_day(text) -> datetime.date | None:
    """The day `text` names when it is written with the month's name, or year first in figures
    (2027-01-31); None otherwise."""
    parts = _numeric(text)
    if parts:
        return _date(*parts) if len(parts) == 3 and len(parts[0]) == 4 else None
    words = _words(text)
    if len(words) != 3 or not re.fullmatch(r"\d{4}", words[2]):
        return None
    day, month = (words[0], words[1]) if words[1] in _MONTHS else (words[1], words[0])
    if month not in _MONTHS or not re.fullmatch(r"\d{1,2}", day):
        return None
    return _date(words[2], _MONTHS[month], day)


class WrittenDateField(forms.DateField):
    """A date typed as the reader writes it, or in the language's figures (31/01/2027)."""

    default_error_messages = {"invalid": _("Enter a date as 31 January 2027 or 2027-01-31.")}

    def to_python(self, value):
        if isinstance(value, str) and (day := parse_day(value)):
            return day
        return super().to_python(value)


class WrittenMonthField(forms.DateField):
    """A month typed as the reader writes it: its first day."""

    default_error_messages = {"invalid": _("Enter a month as January 2027 or 2027-01.")}

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            month = parse_month(value)
            if month is None:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            return month
        return super().to_python(value)
