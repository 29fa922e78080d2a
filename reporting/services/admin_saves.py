"""Changes the secretariat makes in the admin, in any round (closed ones included): each is
saved with its history and the same version check as the progress form, so that saving over
someone else's newer change is refused instead of overwriting it. A change to a closed round is
the secretariat's correction: it takes a reason, which its history rows keep."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.text import clean_text

from .. import policy
from ..models import GroupReport, ProgressChange, ProgressEntry, ReportingRound
from .history import (
    ENTRY_FIELDS,
    NOTE_FIELDS,
    announce,
    changed,
    check_version,
    history,
    locked,
    reason_errors,
    record,
)


def _source_and_reason(reporting_round, reason: str) -> tuple[str, str]:
    """How the admin's change is recorded: in a closed round, as the secretariat's correction
    with its reason (ValidationError keyed "reason" when none is given); otherwise as the
    admin's, without one."""
    if reporting_round.status != ReportingRound.Status.CLOSED:
        return ProgressChange.Source.ADMIN, ""
    reason = clean_text(reason or "").strip()
    errors = reason_errors(reason)
    if errors:
        raise ValidationError(errors)
    return ProgressChange.Source.CORRECTION, reason


def progress_admin_save(
    *, entry: ProgressEntry, user, seen_version: int | None, delete: bool = False, reason: str = ""
) -> None:
    """An entry changed (or deleted, when it has no history yet) in the admin.
    ProgressConflict when its group's report moved on since `seen_version`; ValidationError
    when it changes a closed round without a `reason`. Deleting asks none: only an entry no
    history row speaks of can be deleted (ProgressEntry.delete), so no recorded value goes."""
    if not policy.can_change_in_admin(user):
        raise PermissionDenied
    with transaction.atomic():
        _round, report, _created = locked(entry.round, entry.activity.group)
        check_version(report, seen_version)
        before = ProgressEntry.objects.filter(pk=entry.pk).first() if entry.pk else None
        rows = changed(entry.activity, ENTRY_FIELDS, before, None if delete else entry)
        source, recorded_reason = ProgressChange.Source.ADMIN, ""
        if rows and not delete:
            source, recorded_reason = _source_and_reason(entry.round, reason)
        if delete:
            entry.delete()
        else:
            entry.save()
        if rows:
            record(report, rows, user=user, source=source, now=timezone.now(), reason=recorded_reason)
            report.save()


def admin_version_check(*, report: GroupReport, seen_version: int) -> None:
    """Before an admin page saves: lock the report (until the admin's transaction ends) and
    raise ProgressConflict when it moved on since the page was opened on `seen_version`."""
    _round, current, _created = locked(report.round, report.group)
    check_version(current, seen_version)


def group_report_admin_save(*, report: GroupReport, user, seen_version: int | None, reason: str = "") -> None:
    """A group report added, or its notes or status changed, in the admin. ProgressConflict
    when it moved on since `seen_version`; ValidationError when it changes a closed round
    without a `reason`. A new report is compared with a report nobody has written in (not
    started, no notes), and saved before its history, which points at it."""
    if not policy.can_change_in_admin(user):
        raise PermissionDenied
    with transaction.atomic():
        if report.pk:
            _round, before, _created = locked(report.round, report.group)
            check_version(before, seen_version)
            report.version = before.version
        else:
            before = GroupReport()
        rows = changed(None, (*NOTE_FIELDS, "status"), before, report)
        changes = []
        if rows:
            source, reason = _source_and_reason(report.round, reason)
            changes = history(report, rows, user=user, source=source, now=timezone.now(), reason=reason)
        report.save()
        if changes:
            ProgressChange.objects.bulk_create(changes)
            announce([report])
