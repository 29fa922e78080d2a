"""What counts as a change of an activity's progress: a value that differs from what the editor
was shown. An activity not yet reported in a round is shown with the previous round's
percentage (the progress form and the workbook are prefilled with it), so sending that
percentage back untouched is not a change: it is not counted, not in the history, and not
written in a draft (submitting writes it, as the group's figure for the round). Every door that
writes progress goes through progress_save, which asks here for the doors that prefill (the
form, the workbook, the secretariat's correction; not the API, which shows no carried value)."""

from ..models import ProgressEntry, ReportingRound
from .history import ENTRY_FIELDS, EntryValues, changed


def carried_percents(reporting_round: ReportingRound, group) -> dict[int, int]:
    """The percentage each of the group's activities starts from in `reporting_round` when it
    is not yet reported there: the previous round's, by activity id (none where the round asks
    for a narrative only, since then no percentage is shown)."""
    previous_round = ReportingRound.objects.previous_to(reporting_round)
    if previous_round is None or not reporting_round.asks_percentages:
        return {}
    return dict(
        ProgressEntry.objects.filter(round=previous_round, activity__group=group).values_list(
            "activity_id", "percent"
        )
    )


def shown(entry, carried: int | None):
    """What the editor was shown for an activity: its entry in the round, or else the carried
    percentage with no remarks; None when neither (an empty row)."""
    if entry is not None or carried is None:
        return entry
    return EntryValues(carried)


def typed_rows(activity, entry, values, carried: int | None) -> list[tuple]:
    """History rows (activity, field, old, new) of what `values` (None: no entry) change in the
    stored `entry`, keeping only the fields whose new value differs from what was shown. The old
    value is the stored one: "" where the round had no entry, even if a percentage was shown."""
    typed = {name for _a, name, _old, _new in changed(activity, ENTRY_FIELDS, shown(entry, carried), values)}
    return [row for row in changed(activity, ENTRY_FIELDS, entry, values) if row[1] in typed]
