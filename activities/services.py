"""Writes that touch several records of a round: saving a group's progress (with its history
and the check against concurrent edits), reviewing a report, and opening and closing rounds.
Every function asks accounts.policy first and writes inside one transaction."""
from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy
from groups.models import WorkingGroup

from .models import GroupReport, ProgressChange, ProgressEntry, ReportingRound

ENTRY_FIELDS = ("percent", "remarks_en", "remarks_es")
NOTE_FIELDS = ("obstacles_en", "obstacles_es", "gender_notes_en", "gender_notes_es")


@dataclass
class EntryValues:
    """What the form (or a workbook) gives for one activity; no percentage means no entry."""

    percent: int | None
    remarks_en: str = ""
    remarks_es: str = ""


class ProgressConflict(Exception):
    """Someone else saved the group's report after the editor loaded it; nothing was written."""

    def __init__(self, report: GroupReport, changes: list[ProgressChange]):
        super().__init__("The report changed since it was loaded.")
        self.report = report
        self.changes = changes


@dataclass
class SaveResult:
    report: GroupReport
    changes: list[ProgressChange] = field(default_factory=list)


def _as_text(value) -> str:
    return "" if value is None else str(value)


def _changed(activity, names, old, new) -> list[tuple]:
    """History rows (activity, field, old text, new text) for each of `names` that differs
    between the records (or value holders) `old` and `new`; None stands for "no record"."""
    rows = []
    for name in names:
        before, after = _as_text(getattr(old, name, None)), _as_text(getattr(new, name, None))
        if before != after:
            rows.append((activity, name, before, after))
    return rows


def _locked_report(reporting_round, group) -> GroupReport:
    report, _created = GroupReport.objects.select_for_update().get_or_create(
        round=reporting_round, group=group)
    return report


def changes_since(report: GroupReport, version: int):
    return list(ProgressChange.objects.filter(report=report, version__gt=version)
                .select_related("activity", "changed_by").order_by("version", "pk"))


def _history(report, rows, *, user, source, now) -> list[ProgressChange]:
    """Bump the report's version; one unsaved history row per changed value."""
    report.version += 1
    report.updated_at, report.updated_by = now, user
    return [ProgressChange(report=report, activity=activity,
                           field=name, old_value=_as_text(old), new_value=_as_text(new),
                           changed_by=user, changed_at=now, source=source, version=report.version)
            for activity, name, old, new in rows]


def _record(report, rows, *, user, source, now) -> list[ProgressChange]:
    """Bump the report's version and write one history row per changed value."""
    return ProgressChange.objects.bulk_create(_history(report, rows, user=user, source=source, now=now))


def progress_save(*, group: WorkingGroup, reporting_round: ReportingRound, user,
                  entries: dict[int, EntryValues], notes: dict[str, str], seen_version: int,
                  submit: bool, source: str = ProgressChange.Source.FORM) -> SaveResult:
    """Save a group's progress in an open round as a draft, or submit it.

    `entries` maps activity ids of the group to their values; `notes` holds the group's
    obstacles and gender notes by field name. Refused with ProgressConflict when the report's
    version is no longer `seen_version`, with ValidationError (keyed by activity id or note
    field) when a value is wrong, and with PermissionDenied when the user may not edit."""
    activities = {a.pk: a for a in group.activities.all()}
    unknown = set(entries) - set(activities)
    if unknown:
        raise ValidationError(_("These activities are not the group's: %(ids)s")
                              % {"ids": ", ".join(map(str, sorted(unknown)))})
    errors = {}
    for pk, values in entries.items():
        if values.percent is None and (values.remarks_en.strip() or values.remarks_es.strip()):
            errors[pk] = _("Give the percentage these remarks go with.")
        elif values.percent is not None and not 0 <= values.percent <= 100:
            errors[pk] = _("The percentage must be a whole number from 0 to 100.")
    now = timezone.now()
    with transaction.atomic():
        report = _locked_report(reporting_round, group)
        if report.version != seen_version:
            raise ProgressConflict(report, changes_since(report, seen_version))
        if not policy.can_edit_progress(user, group, reporting_round, report):
            raise PermissionDenied
        existing = {e.activity_id: e for e in ProgressEntry.objects.filter(
            round=reporting_round, activity__group=group)}
        if submit:
            for pk in activities:
                values = entries.get(pk)
                reported = values.percent if values is not None else getattr(existing.get(pk), "percent", None)
                if reported is None:
                    errors.setdefault(pk, _("Give a percentage for every activity before submitting."))
        if errors:
            raise ValidationError(errors)

        rows, created, updated, deleted = [], [], [], []
        for pk, values in entries.items():
            entry = existing.get(pk)
            kept = values if values.percent is not None else None  # no percentage: no entry
            changed = _changed(activities[pk], ENTRY_FIELDS, entry, kept)
            if not changed:
                continue
            rows += changed
            if kept is None:
                deleted.append(entry.pk)
                continue
            if entry is None:
                entry = ProgressEntry(round=reporting_round, activity=activities[pk])
                created.append(entry)
            else:
                updated.append(entry)
            for name in ENTRY_FIELDS:
                setattr(entry, name, getattr(kept, name))
            # Field checks only: the range is checked above and (round, activity) is unique by
            # construction, so the per-entry queries of a full validation are not needed.
            entry.full_clean(validate_unique=False, validate_constraints=False)
        # A fixed number of queries however many activities the group has (a workbook may
        # bring hundreds at once).
        ProgressEntry.objects.filter(pk__in=deleted).delete()
        ProgressEntry.objects.bulk_create(created)
        ProgressEntry.objects.bulk_update(updated, ENTRY_FIELDS)
        # Only the notes given change: a missing one is left as it is.
        given = [name for name in NOTE_FIELDS if name in notes]
        rows += _changed(None, given, report, SimpleNamespace(**notes))
        for name in given:
            setattr(report, name, notes[name])

        status = report.status
        if submit:
            status = GroupReport.Status.SUBMITTED
            report.submitted_at = now
        elif status in GroupReport.EDITABLE:
            status = GroupReport.Status.DRAFT
        if status != report.status:
            rows.append((None, "status", report.status, status))
            report.status = status
        changes = []
        if rows:
            changes = _record(report, rows, user=user, source=source, now=now)
            report.full_clean()
            report.save()
    return SaveResult(report, changes)


def progress_import_record(changed, *, user, source) -> list[ProgressChange]:
    """Record entries an import wrote in bulk, given as (before, after) pairs (before is None
    for a new entry): one new version of each group report touched, with a history row per
    changed value. A fixed number of queries however many rows were imported."""
    rows_by_report = defaultdict(list)
    for before, after in changed:
        rows = _changed(after.activity, ENTRY_FIELDS, before, after)
        if rows:
            rows_by_report[(after.round_id, after.activity.group_id)] += rows
    if not rows_by_report:
        return []
    round_ids = {r for r, _g in rows_by_report}
    group_ids = {g for _r, g in rows_by_report}
    reports = {(r.round_id, r.group_id): r for r in GroupReport.objects.select_for_update().filter(
        round_id__in=round_ids, group_id__in=group_ids)}
    missing = [GroupReport(round_id=r, group_id=g) for r, g in rows_by_report if (r, g) not in reports]
    for report in GroupReport.objects.bulk_create(missing):
        reports[(report.round_id, report.group_id)] = report
    now, changes, touched = timezone.now(), [], []
    for key, rows in rows_by_report.items():
        report = reports[key]
        changes += _history(report, rows, user=user, source=source, now=now)
        touched.append(report)
    GroupReport.objects.bulk_update(touched, ["version", "updated_at", "updated_by"])
    return ProgressChange.objects.bulk_create(changes)


def progress_admin_save(*, entry: ProgressEntry, user, delete: bool = False) -> None:
    """An entry changed (or deleted) in the admin, in any round: saved with its history."""
    if not policy.can_change_in_admin(user):
        raise PermissionDenied
    with transaction.atomic():
        report = _locked_report(entry.round, entry.activity.group)
        before = ProgressEntry.objects.filter(pk=entry.pk).first() if entry.pk else None
        rows = _changed(entry.activity, ENTRY_FIELDS, before, None if delete else entry)
        if delete:
            entry.delete()
        else:
            entry.save()
        if rows:
            _record(report, rows, user=user, source=ProgressChange.Source.ADMIN, now=timezone.now())
            report.save()


def report_admin_save(*, report: GroupReport, user) -> None:
    """A group report's notes or status changed in the admin: saved with its history."""
    if not policy.can_change_in_admin(user):
        raise PermissionDenied
    with transaction.atomic():
        before = GroupReport.objects.select_for_update().filter(pk=report.pk).first() if report.pk else None
        if before is not None:
            report.version = before.version  # a concurrent form save may have moved it on
        rows = _changed(None, (*NOTE_FIELDS, "status"), before, report)
        if rows:
            _record(report, rows, user=user, source=ProgressChange.Source.ADMIN, now=timezone.now())
        report.save()


def report_review(*, report: GroupReport, user, accept: bool, comment: str = "") -> GroupReport:
    """The secretariat accepts a submitted report, or returns it to the group with a comment."""
    if not policy.can_review(user):
        raise PermissionDenied
    comment = comment.strip()
    with transaction.atomic():
        report = GroupReport.objects.select_for_update().get(pk=report.pk)
        if report.status != GroupReport.Status.SUBMITTED:
            raise ValidationError(_("Only a submitted report can be accepted or returned."))
        if not accept and not comment:
            raise ValidationError({"comment": _("Say why the report is returned.")})
        status = GroupReport.Status.ACCEPTED if accept else GroupReport.Status.RETURNED
        rows = [(None, "status", report.status, status)]
        if comment != report.review_comment:
            rows.append((None, "review_comment", report.review_comment, comment))
        report.status, report.review_comment = status, comment
        _record(report, rows, user=user, source=ProgressChange.Source.FORM, now=timezone.now())
        report.full_clean()
        report.save()
    return report


def round_open(*, reporting_round: ReportingRound, user) -> ReportingRound:
    """Open a round for the focal points; they are told at once (activities/reminders.py)."""
    from .reminders import reminders_send

    if not policy.can_open_or_close_rounds(user):
        raise PermissionDenied
    if reporting_round.status == ReportingRound.Status.OPEN:
        raise ValidationError(_("The round is already open."))
    with transaction.atomic():
        reporting_round.status = ReportingRound.Status.OPEN
        reporting_round.opened_at = timezone.now()
        reporting_round.closed_at = None
        reporting_round.validate_constraints()
        reporting_round.save()
    reminders_send(today=timezone.localdate())
    return reporting_round


def round_close(*, reporting_round: ReportingRound, user) -> ReportingRound:
    """Close a round: focal points can no longer change it; the secretariat still can, in the admin."""
    if not policy.can_open_or_close_rounds(user):
        raise PermissionDenied
    if reporting_round.status != ReportingRound.Status.OPEN:
        raise ValidationError(_("Only an open round can be closed."))
    reporting_round.status = ReportingRound.Status.CLOSED
    reporting_round.closed_at = timezone.now()
    reporting_round.save(update_fields=["status", "closed_at"])
    return reporting_round
