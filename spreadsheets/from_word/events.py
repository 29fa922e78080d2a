"""The events a typed report lists, as the portal prints them: a table of "Workshop: title",
the place (or "Virtual") and the dates ("4-6 March 2041" / "4 a 6 de marzo de 2041")."""

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from groups.models import Event

from .content import Content
from .heading import dates, months
from .matching import fold
from .pairing import pair_rows
from .plan import row_passages
from .reading import Reading


def _cells(row, lang: str) -> dict:
    """kind, title, place and dates of one language's row."""
    with translation.override(lang):
        kinds = {fold(capfirst(str(label))): value for value, label in Event.Kind.choices}
        virtual = fold(gettext("Virtual"))
    cells = [*row.cells, "", "", ""]
    label, colon, title = cells[0].partition(":")
    kind = kinds.get(fold(label)) if colon else None
    found = {"kind": kind or "other", f"title_{lang}": title.strip() if kind else cells[0]}
    found[f"place_{lang}"] = "" if fold(cells[1]) == virtual else cells[1]
    start, end = dates(cells[2], months(lang))
    if start:
        found.update(start_date=start.isoformat(), end_date=end.isoformat())
    return found


def events(reading: Reading, group: str, en: Content | None, es: Content | None) -> None:
    tables = [c.events if c else None for c in (en, es)]
    if not any(tables):
        return
    pairs, warnings = pair_rows(*tables, _("The table of events"))
    reading.warnings += warnings
    for order, pair in enumerate(pairs, start=1):
        row = {"group": group, "order": order}
        # The English cells first, so that the kind and dates of both agree with them.
        for lang, cells in reversed(list(zip(("en", "es"), pair, strict=True))):
            if cells is not None:
                row.update(_cells(cells, lang))
        reading.add("events", row, *row_passages(pair, tables))
