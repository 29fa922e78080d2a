"""Saving a group's progress: from the progress form or a workbook (progress_save), from a
spreadsheet imported in the admin, by import_sheets or from the fixture files (progress_import,
and group_reports_import for the reports' status and notes). Each asks reporting.policy first,
writes inside one transaction, and records every changed value in the group's history."""

from collections import defaultdict
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.limits import NOTE, PARAGRAPHS, REMARK, too_long
from core.text import clean_fields, clean_text
from groups.models import WorkingGroup

from .. import policy
from ..models import GroupReport, ProgressChange, ProgressEntry, ReportingRound
from ..notifications import group_report_status_notify
from .history import (
    ENTRY_FIELDS,
    NARRATIVE_FIELDS,
    NOTE_FIELDS,
    EntryValues,
    SaveResult,
    announce,
    changed,
    check_version,
    history,
    locked,
    move_status,
    reason_errors,
    record,
)
from .typed import carried_percents, typed_rows

# The doors that show an unreported activity with the previous round's percentage (prefilled).
PREFILLED = (ProgressChange.Source.FORM, ProgressChange.Source.IMPORT, ProgressChange.Source.CORRECTION)

# How long each of the group's notes may be (the model fields' limits, checked here too because
# the form, the workbook and the API all give them to progress_save).
NOTE_LIMITS = {
    **dict.fromkeys(NARRATIVE_FIELDS, PARAGRAPHS),
    **dict.fromkeys(set(NOTE_FIELDS) - set(NARRATIVE_FIELDS), NOTE),
}


def _value_errors(activities, entries) -> dict:
    unknown = set(entries) - set(activities)
    if unknown:
        raise ValidationError(
            _("These activities are not the group's: %(ids)s") % {"ids": ", ".join(map(str, sorted(unknown)))}
        )
    errors = {}
    for pk, values in entries.items():
        longest = max(len(values.remarks_en), len(values.remarks_es))
        if longest > REMARK:
            errors[pk] = too_long(longest, REMARK)
        elif values.percent is None and (values.remarks_en.strip() or values.remarks_es.strip()):
            errors[pk] = _("Give the percentage these remarks go with.")
        elif values.percent is not None and not 0 <= values.percent <= 100:
            errors[pk] = _("The percentage must be a whole number from 0 to 100.")
    return errors


def _unreported(activities, entries, existing) -> dict:
    """Activities that would have no percentage once the given values are saved."""
    errors = {}
    for pk in activities:
        values = entries.get(pk)
        reported = values.percent if values is not None else getattr(existing.get(pk), "percent", None)
        if reported is None:
            errors[pk] = _("Give a percentage for every activity before submitting.")
    return errors


def _form_errors(reporting_round, report, entries, notes, submit) -> dict:
    """What the round's form of report refuses: percentages where it asks for a narrative
    only, a narrative where it asks for percentages only (the form and the review page have no
    place for it, so no one would see what was stored); on submitting, the narrative it asks for
    (in either language). Clearing a narrative is always allowed."""
    errors = {
        name: too_long(len(text), limit)
        for name, text in notes.items()
        if len(text) > (limit := NOTE_LIMITS.get(name, PARAGRAPHS))
    }
    if not reporting_round.asks_narrative:
        errors.update(
            {
                name: _("This round asks for the group's progress as percentages, not a narrative.")
                for name in NARRATIVE_FIELDS
                if notes.get(name, "").strip()
            }
        )
    if not reporting_round.asks_percentages:
        errors.update(
            {
                pk: _("This round asks for the group's progress as a narrative, not percentages.")
                for pk, values in entries.items()
                if values.percent is not None
            }
        )
    if (
        submit
        and reporting_round.asks_narrative
        and not any(
            (notes[name] if name in notes else getattr(report, name) or "").strip()
            for name in NARRATIVE_FIELDS
        )
    ):
        errors[NARRATIVE_FIELDS[0]] = _("Write the group's progress to date before submitting.")
    return errors


def _write_entries(reporting_round, activities, entries, existing, *, carried, submit) -> list[tuple]:
    """Create, change or delete the entries whose values differ; the history rows of what was
    typed (services/typed.py). A fixed number of queries however many activities the group has
    (a workbook may bring hundreds)."""
    rows, created, updated, deleted = [], [], [], []
    for pk, values in entries.items():
        entry = existing.get(pk)
        kept = values if values.percent is not None else None  # no percentage: no entry
        if not changed(activities[pk], ENTRY_FIELDS, entry, kept):
            continue
        typed = typed_rows(activities[pk], entry, kept, carried.get(pk))
        if not typed and not submit:
            continue  # a carried percentage nobody touched: kept as shown, written on submitting
        rows += typed
        if kept is None:
            deleted.append(entry.pk)  # the clearing is recorded above, so nothing is lost
            continue
        _set_entry(reporting_round, activities[pk], entry, kept, created, updated)
    ProgressEntry.objects.filter(pk__in=deleted).delete()
    ProgressEntry.objects.bulk_create(created)
    ProgressEntry.objects.bulk_update(updated, ENTRY_FIELDS)
    return rows


def _set_entry(reporting_round, activity, entry, values, created, updated):
    """`entry` (None: a new one) given `values`, and queued in `created` or `updated` for one
    bulk write. Field checks only: percentages are checked before, and (round, activity) is
    unique by construction, so the per-entry queries of a full validation are not needed."""
    if entry is None:
        entry = ProgressEntry(round=reporting_round, activity=activity)
        created.append(entry)
    else:
        updated.append(entry)
    for name in ENTRY_FIELDS:
        setattr(entry, name, getattr(values, name))
    entry.full_clean(validate_unique=False, validate_constraints=False)


def _write_notes(report, notes) -> list[tuple]:
    """Only the notes given change: a missing one is left as it is."""
    given = [name for name in NOTE_FIELDS if name in notes]
    rows = changed(None, given, report, SimpleNamespace(**notes))
    for name in given:
        setattr(report, name, notes[name])
    return rows


def progress_save(
    *,
    group: WorkingGroup,
    reporting_round: ReportingRound,
    user,
    entries: dict[int, EntryValues],
    notes: dict[str, str],
    seen_version: int,
    submit: bool,
    source: str = ProgressChange.Source.FORM,
    reason: str = "",
) -> SaveResult:
    """Save a group's progress in an open round as a draft, or submit it.

    `entries` maps activity ids of the group to their values; `notes` holds the group's
    narrative of progress, obstacles and gender notes by field name (what the round's form of
    report asks: reporting.models.ReportingRound.progress_form). Refused with PermissionDenied
    when the user may not edit (asked first, so that a caller without rights never sees others'
    values), with ProgressConflict when the report's version is no longer `seen_version`, and with
    ValidationError (keyed by activity id or note field) when a value is wrong."""
    activities = {a.pk: a for a in group.activities.all()}
    notes = {name: clean_text(value) for name, value in notes.items()}
    errors = _value_errors(activities, entries)
    now = timezone.now()
    with transaction.atomic():
        reporting_round, report, _created = locked(reporting_round, group)
        correcting = _closed_correction(user, group, reporting_round, report, source=source, submit=submit)
        check_version(report, seen_version)
        existing = {
            e.activity_id: e
            for e in ProgressEntry.objects.filter(round=reporting_round, activity__group=group)
        }
        if submit and reporting_round.asks_percentages:
            errors = {**_unreported(activities, entries, existing), **errors}
        errors = {**errors, **_form_errors(reporting_round, report, entries, notes, submit)}
        if correcting:
            reason = clean_text(reason).strip()
            errors.update(reason_errors(reason))
        if errors:
            raise ValidationError(errors)
        # Only the form and the workbook show a carried percentage; a program using the API is
        # shown the stored entries alone, so whatever it sends is what it means to report.
        carried = carried_percents(reporting_round, group) if source in PREFILLED else {}
        rows = _write_entries(reporting_round, activities, entries, existing, carried=carried, submit=submit)
        rows += _write_notes(report, notes)
        # Nothing typed and no submission: nothing changes, the status included; nor does a
        # correction of a closed round move it (the group's report stands as it was closed).
        moved = move_status(report, submit, now) if (rows or submit) and not correcting else []
        rows += moved
        changes = []
        if rows:
            changes = record(
                report, rows, user=user, source=source, now=now, reason=reason if correcting else ""
            )
            report.full_clean()
            report.save()
        if moved and report.status == GroupReport.Status.SUBMITTED:
            group_report_status_notify(report)  # the secretariat: queued when this commits
    return SaveResult(report, changes)


def _closed_correction(user, group, reporting_round, report, *, source, submit) -> bool:
    """Whether this save is the secretariat's correction of a closed round; PermissionDenied
    for whoever may not write what it writes. Only a save that says it is a correction (the
    report page's) corrects a closed round: an API call or a workbook is refused there as before."""
    if (
        source == ProgressChange.Source.CORRECTION
        and not submit
        and policy.can_correct_closed_round(user, group, reporting_round)
    ):
        return True
    if not policy.can_edit_progress(user, group, reporting_round, report):
        raise PermissionDenied
    return False


def progress_import(changed_entries, *, user, source) -> list[ProgressChange]:
    """Write the entries a spreadsheet import checked, given as (before, after) pairs (before is
    None for a new entry), and record them: one new version of each group report touched, with
    a history row per changed value. A fixed number of queries however many rows are imported;
    the caller's transaction makes it all or nothing."""
    if not policy.can_import_sheet(user, ProgressEntry):
        raise PermissionDenied
    changed_entries = list(changed_entries)
    for _before, after in changed_entries:
        clean_fields(after, ENTRY_FIELDS)  # bulk writes: no pre_save cleans them (core.text)
    ProgressEntry.objects.bulk_create([after for before, after in changed_entries if before is None])
    ProgressEntry.objects.bulk_update(
        [after for before, after in changed_entries if before is not None], ENTRY_FIELDS
    )
    rows_by_report = defaultdict(list)
    for before, after in changed_entries:
        rows = changed(after.activity, ENTRY_FIELDS, before, after)
        if rows:
            rows_by_report[(after.round_id, after.activity.group_id)] += rows
    if not rows_by_report:
        return []
    round_ids = {r for r, _g in rows_by_report}
    group_ids = {g for _r, g in rows_by_report}
    reports = {
        (r.round_id, r.group_id): r
        for r in GroupReport.objects.select_for_update().filter(
            round_id__in=round_ids, group_id__in=group_ids
        )
    }
    missing = [GroupReport(round_id=r, group_id=g) for r, g in rows_by_report if (r, g) not in reports]
    for report in GroupReport.objects.bulk_create(missing):
        reports[(report.round_id, report.group_id)] = report
    now, changes, touched = timezone.now(), [], []
    for key, rows in rows_by_report.items():
        report = reports[key]
        changes += history(report, rows, user=user, source=source, now=now)
        touched.append(report)
    GroupReport.objects.bulk_update(touched, ["version", "updated_at", "updated_by"])
    announce(touched)
    return ProgressChange.objects.bulk_create(changes)


def group_reports_import(changed_reports, *, user, source) -> list[ProgressChange]:
    """Record the group reports a spreadsheet import (or the fixtures' load) saved, given as
    (before, after) pairs (before is None for a new report): one new version of each report
    whose status or notes changed, with a history row per changed value."""
    if not policy.can_import_sheet(user, GroupReport):
        raise PermissionDenied
    now, changes = timezone.now(), []
    for before, after in changed_reports:
        # A new report starts from what a report is before anyone writes (not started, no notes).
        rows = changed(None, (*NOTE_FIELDS, "status"), before or GroupReport(), after)
        if rows:
            changes += history(after, rows, user=user, source=source, now=now)
            after.save(update_fields=["version", "updated_at", "updated_by"])
    announce([after for _before, after in changed_reports])
    return ProgressChange.objects.bulk_create(changes)
