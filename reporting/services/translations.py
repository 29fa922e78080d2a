"""Texts written in a language by the translators (an XLIFF file imported, spreadsheets/xliff/):
any translated record's texts, in one transaction, with the history the progress form and the
admin keep for a group's remarks and notes."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from .. import policy
from ..models import GroupReport, ProgressChange, ProgressEntry
from .history import ENTRY_FIELDS, NOTE_FIELDS, changed, locked, record


@dataclass(frozen=True)
class TextWrite:
    """`record`'s localized field `name` ("remarks_es") to be `value`."""

    record: models.Model
    name: str
    value: str


def _by_record(writes) -> dict:
    records = {}
    for write in writes:
        records.setdefault((type(write.record), write.record.pk), []).append(write)
    return records


def _save(record, writes) -> None:
    """The record with its new texts, each checked as its field's rules say, then saved."""
    names = [write.name for write in writes]
    for write in writes:
        setattr(record, write.name, write.value)
    record.clean_fields(exclude=[f.name for f in record._meta.concrete_fields if f.name not in names])
    record.save(update_fields=names)


def _with_history(model, pk, writes, *, user, now) -> None:
    """A group's remark or note: written under its group report's lock (the round's first, as
    every writer takes them), with its history."""
    names = [write.name for write in writes]
    if model is ProgressEntry:
        entry = ProgressEntry.objects.select_related("round", "activity__group").get(pk=pk)
        _round, report, _created = locked(entry.round, entry.activity.group)
        before = ProgressEntry.objects.get(pk=pk)
        _save(entry, writes)
        rows = changed(entry.activity, [n for n in names if n in ENTRY_FIELDS], before, entry)
    else:
        found = GroupReport.objects.select_related("round", "group").get(pk=pk)
        _round, report, _created = locked(found.round, found.group)
        before = GroupReport.objects.get(pk=pk)
        _save(report, writes)
        rows = changed(None, [n for n in names if n in NOTE_FIELDS], before, report)
    if rows:
        record(report, rows, user=user, source=ProgressChange.Source.IMPORT, now=now)
        report.save(update_fields=["version", "updated_at", "updated_by"])


def texts_translate(*, writes: list[TextWrite], user) -> int:
    """Write every text in one transaction (a text its field refuses, a ValidationError, writes
    none); how many records changed. Only whoever reporting.policy.can_exchange_translations
    allows may write them."""
    if not policy.can_exchange_translations(user):
        raise PermissionDenied
    now = timezone.now()
    records = _by_record(writes)
    with transaction.atomic():
        for (model, pk), record_writes in records.items():
            if model in (ProgressEntry, GroupReport):
                _with_history(model, pk, record_writes, user=user, now=now)
            else:
                _save(model._default_manager.select_for_update().get(pk=pk), record_writes)
    return len(records)
