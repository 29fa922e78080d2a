"""What every write of progress shares: the values it takes, the locks it holds, the check
against concurrent edits, and the history row recorded for each changed value."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from core.limits import REMARK, too_long
from core.roles import person
from core.text import clean_text

from ..models import GroupReport, ProgressChange, ReportingRound
from ..signals import progress_recorded

ENTRY_FIELDS = ("percent", "remarks_en", "remarks_es")
NARRATIVE_FIELDS = ("progress_narrative_en", "progress_narrative_es")
NOTE_FIELDS = (*NARRATIVE_FIELDS, "obstacles_en", "obstacles_es", "gender_notes_en", "gender_notes_es")


@dataclass
class EntryValues:
    """What the form (or a workbook) gives for one activity; no percentage means no entry."""

    percent: int | None
    remarks_en: str = ""
    remarks_es: str = ""

    def __post_init__(self):
        # Written with bulk writes, which no pre_save sees (core.text).
        self.remarks_en, self.remarks_es = clean_text(self.remarks_en), clean_text(self.remarks_es)


class ProgressConflict(Exception):
    """Someone else saved the group's report after the editor loaded it; nothing was written."""

    def __init__(self, report: GroupReport, changes: list[ProgressChange]):
        super().__init__("The group report changed since it was loaded.")
        self.report = report
        self.changes = changes

    @property
    def message(self) -> str:
        return self.message_for(None)

    def message_for(self, user) -> str:
        """Who saved over the editor's version, and when (its zone named), in the reader's
        language: "you" when it was `user` in another window or program."""
        from core.times import zoned

        last = self.changes[-1] if self.changes else None
        when = zoned(last.changed_at if last else self.report.updated_at) or "—"
        if last and user is not None and last.changed_by_id == user.pk:
            return _(
                "You saved this group report in another window or program after you opened it here "
                "(%(when)s); nothing was saved here. Reload the page to see that save, then make "
                "your changes again."
            ) % {"when": when}
        who = (
            (last.changed_by.get_full_name() or last.changed_by.get_username())
            if last and last.changed_by
            else _("the system")
        )
        return _(
            "Someone else saved this group report after you opened it (%(who)s, %(when)s); nothing "
            "was saved. Reload the page to see their changes, then make yours again."
        ) % {"who": who, "when": when}


@dataclass
class SaveResult:
    report: GroupReport
    changes: list[ProgressChange] = field(default_factory=list)


def as_text(value) -> str:
    """A value as the history keeps it: as the record keeps it, a text without the control
    characters its save drops (core.text), so that the history says what was stored."""
    return "" if value is None else clean_text(str(value))


def changed(activity, names, old, new) -> list[tuple]:
    """History rows (activity, field, old text, new text) for each of `names` that differs
    between the records (or value holders) `old` and `new`; None stands for "no record". A
    record not yet saved is compared as its save will store it (as_text)."""
    rows = []
    for name in names:
        before, after = as_text(getattr(old, name, None)), as_text(getattr(new, name, None))
        if before != after:
            rows.append((activity, name, before, after))
    return rows


def locked(reporting_round: ReportingRound, group) -> tuple[ReportingRound, GroupReport, bool]:
    """The round and the group's report in it, locked in that order (every writer takes them
    so, and closing a round locks the round): the round's status is read under the same lock
    as the report. Returns (round, report, whether the report was just created)."""
    assert transaction.get_connection().in_atomic_block, "lock inside a transaction"
    reporting_round = ReportingRound.objects.select_for_update().get(pk=reporting_round.pk)
    report, created = GroupReport.objects.select_for_update().get_or_create(
        round=reporting_round, group=group
    )
    return reporting_round, report, created


def changes_since(report: GroupReport, version: int):
    return list(
        ProgressChange.objects.filter(report=report, version__gt=version)
        .select_related("activity", "changed_by")
        .order_by("version", "pk")
    )


def check_version(report: GroupReport, seen_version: int | None) -> None:
    """ProgressConflict when the report moved on since the editor saw `seen_version`."""
    if seen_version is not None and report.version != seen_version:
        raise ProgressConflict(report, changes_since(report, seen_version))


def history(report, rows, *, user, source, now, reason="") -> list[ProgressChange]:
    """Bump the report's version; one unsaved history row per changed value (each with the
    `reason` of a correction of a closed round, if it is one)."""
    report.version += 1
    report.updated_at, report.updated_by = now, person(user)
    return [
        ProgressChange(
            report=report,
            activity=activity,
            field=name,
            old_value=as_text(old),
            new_value=as_text(new),
            changed_by=person(user),
            changed_at=now,
            source=source,
            version=report.version,
            reason=reason,
        )
        for activity, name, old, new in rows
    ]


def record(report, rows, *, user, source, now, reason="") -> list[ProgressChange]:
    """Bump the report's version and write one history row per changed value."""
    changes = ProgressChange.objects.bulk_create(
        history(report, rows, user=user, source=source, now=now, reason=reason)
    )
    announce([report])
    return changes


def reason_errors(reason: str) -> dict:
    """What a correction of a closed round refuses in its reason (already cleaned and
    stripped): none given, or one too long; keyed "reason", for the field that asks it."""
    if not reason:
        return {
            "reason": _(
                "Say why you are correcting a closed round: the history keeps the reason beside "
                "each value you change."
            )
        }
    if len(reason) > REMARK:
        return {"reason": too_long(len(reason), REMARK)}
    return {}


def announce(reports) -> None:
    """Tell the layers above, once this transaction commits, that these reports' progress changed."""
    transaction.on_commit(lambda: progress_recorded.send(sender=GroupReport, reports=list(reports)))


def move_status(report, submit, now) -> list[tuple]:
    """Submit the report, or (any change to it) make a report not started or returned a draft;
    the history row of the move, if it moved."""
    status = report.status
    if submit:
        status = GroupReport.Status.SUBMITTED
        report.submitted_at = now
    elif status in GroupReport.EDITABLE:
        status = GroupReport.Status.DRAFT
    if status == report.status:
        return []
    rows = [(None, "status", report.status, status)]
    report.status = status
    return rows
