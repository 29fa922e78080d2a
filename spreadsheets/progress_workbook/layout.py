"""Where things are in a progress workbook (the package's docstring draws it): its cells,
its columns and their labels, which writing and reading share."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from reporting.services import ENTRY_FIELDS

GROUP_CELL, ROUND_CELL, VERSION_CELL = (2, 2), (3, 2), (4, 2)
LABEL_ROW, HEADER_ROW = 8, 9
COLUMNS = (
    "activity",
    "activity_en",
    "activity_es",
    "start",
    "end",
    "previous_percent",
    *ENTRY_FIELDS,
)
# What a focal point fills in: an entry's values, the same columns as the entries' sheet
# (spreadsheets/resources/reporting.py) and the progress form.
EDITABLE = ENTRY_FIELDS
REQUIRED = ("activity", *EDITABLE)


LABELS = {
    "activity": gettext_noop("Activity code"),
    "activity_en": gettext_noop("Activity (English)"),
    "activity_es": gettext_noop("Activity (Spanish)"),
    "start": gettext_noop("Start"),
    "end": gettext_noop("End"),
    "previous_percent": gettext_noop("Previous percentage"),
    "percent": gettext_noop("New percentage (0-100)"),
    "remarks_en": gettext_noop("Remarks (English)"),
    "remarks_es": gettext_noop("Remarks (Spanish)"),
}


def column_label(key) -> str:
    """A column as a problem names it: its label in the reader's language, then its key."""
    return f"{_(LABELS[key])} ({key})"


def activity_code(activity) -> str:
    """ "2020-2021/IV/3": the group's code and the activity's position in it."""
    return f"{activity.group.code}/{activity.order}"
