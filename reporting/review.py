"""What the secretariat reads when it reviews a group report: each activity's percentage in the
previous round and now with the difference, falls marked (and drops of more than
falls.BIG_DROP points said so), the remarks' changes since the previous round word by word, and
the evidence beside its activity. Computed here, once, for the review page to show."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .falls import BIG_DROP, fall_warning
from .models import Evidence, ProgressEntry, ReportingRound
from .textdiff import word_diff

REMARKS = (("remarks_en", _("Remarks (English)")), ("remarks_es", _("Remarks (Spanish)")))


@dataclass
class RemarksChange:
    label: str
    text: str  # now
    before: str  # in the previous round
    shown: str  # `text` with what changed since `before` marked (HTML, escaped)

    @property
    def changed(self) -> bool:
        return self.text != self.before


@dataclass
class ReviewRow:
    activity: object
    entry: ProgressEntry | None
    previous: ProgressEntry | None
    evidence: list = field(default_factory=list)
    remarks: list[RemarksChange] = field(default_factory=list)

    @property
    def before(self) -> int | None:
        return self.previous.percent if self.previous else None

    @property
    def after(self) -> int | None:
        return self.entry.percent if self.entry else None

    @property
    def change(self) -> int | None:
        """Points gained (negative: lost) since the previous round; None without both figures."""
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def points(self) -> int | None:
        """The size of the change, without its sign (the page says up or down in words)."""
        return None if self.change is None else abs(self.change)

    @property
    def fell(self) -> bool:
        return self.change is not None and self.change < 0

    @property
    def dropped(self) -> bool:
        """A fall of more than BIG_DROP points: most often a slip, so the reviewer's eye goes there."""
        return self.change is not None and -self.change > BIG_DROP

    @property
    def warning(self) -> str:
        return fall_warning(self.before, self.after)


def _remarks(entry, previous) -> list[RemarksChange]:
    changes = []
    for name, label in REMARKS:
        text, before = getattr(entry, name, "") or "", getattr(previous, name, "") or ""
        if text or before:
            changes.append(RemarksChange(str(label), text, before, word_diff(before, text)))
    return changes


def activities_and_entries(reporting_round: ReportingRound, group) -> tuple[list, dict, dict]:
    """The group's activities in the plan's order, and their entries in the round and in the
    round before it, by activity id: what the form and the review page both show."""
    activities = list(group.activities.select_related("topic").order_by("order"))
    entries = {
        e.activity_id: e for e in ProgressEntry.objects.filter(round=reporting_round, activity__group=group)
    }
    previous_round = ReportingRound.objects.previous_to(reporting_round)
    previous = (
        {e.activity_id: e for e in ProgressEntry.objects.filter(round=previous_round, activity__group=group)}
        if previous_round
        else {}
    )
    return activities, entries, previous


def review_rows(reporting_round: ReportingRound, group, report) -> list[ReviewRow]:
    """One row per activity of the group, in the plan's order (a fixed number of queries)."""
    activities, entries, previous = activities_and_entries(reporting_round, group)
    evidence = list(Evidence.objects.filter(report=report).shown()) if report else []
    rows = []
    for activity in activities:
        entry, before = entries.get(activity.pk), previous.get(activity.pk)
        rows.append(
            ReviewRow(
                activity,
                entry,
                before,
                evidence=[item for item in evidence if item.activity_id == activity.pk],
                remarks=_remarks(entry, before),
            )
        )
    return rows


def review_counts(rows: list[ReviewRow]) -> dict:
    """How many activities moved, fell, and dropped by more than BIG_DROP points."""
    return {
        "moved": sum(1 for row in rows if row.change),
        "fell": sum(1 for row in rows if row.fell),
        "dropped": sum(1 for row in rows if row.dropped),
        "unreported": sum(1 for row in rows if row.entry is None),
        "big_drop": BIG_DROP,
    }
