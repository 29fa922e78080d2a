"""Keeping the search index in step with the records: the rows of a record written again when
it is saved, removed when it is deleted, in the same transaction (model signals, through
core.changes); published remarks again when progress is recorded in bulk or a group report or
a round changes (which decides what is published); and the whole index built at once
(`rebuild`: the rebuild_search_index command, a database migrated with records but no index,
and the tests' bulk-made data)."""

from django.db import connection
from django.db.models import Q
from django.db.models.signals import post_delete

from groups.models import Meeting, Programme, WorkingGroup
from reporting.models import GroupReport, ProgressEntry, ReportingRound

from .kinds import ACTIVITIES, BY_MODEL, DOCUMENTS, GROUPS, KINDS, OUTPUTS, REMARKS, Kind
from .models import Entry
from .text import words

WATCHED_APPS = ("groups", "activities", "reporting", "reports")
IN_GROUPS = (GROUPS.name, ACTIVITIES.name, OUTPUTS.name, REMARKS.name)  # ordered by their group
CHUNK = 2000


def entries(kind: Kind, records) -> list[Entry]:
    """The index's rows of `records` of `kind`: one per field and language that has words."""
    rows = []
    for record in records:
        place = kind.place(record).__dict__
        for rank, field in enumerate(kind.fields):
            langs = ("en", "es") if kind.translated(field) else ("",)
            for lang in langs:
                text = getattr(record, f"{field}_{lang}" if lang else field) or ""
                found = " ".join(words(str(text)))
                if found:
                    rows.append(
                        Entry(
                            kind=kind.name,
                            record_id=record.pk,
                            field=field,
                            field_rank=rank,
                            lang=lang,
                            words=found,
                            **place,
                        )
                    )
    return rows


def reindex(kind: Kind, records) -> None:
    """Write again the rows of `records` (a queryset of `kind`'s model): removed, then made
    from those `kind` indexes (a remark no longer published is left out)."""
    keys = records.values("pk")
    Entry.objects.filter(kind=kind.name, record_id__in=keys).delete()
    Entry.objects.bulk_create(entries(kind, kind.records().filter(pk__in=keys)), batch_size=CHUNK)


def rebuild() -> int:
    """The whole index made anew from the records; the number of rows."""
    Entry.objects.all().delete()
    made = 0
    for kind in KINDS.values():
        batch = []
        for record in kind.records().order_by("pk").iterator(chunk_size=CHUNK):
            batch += entries(kind, [record])
            if len(batch) >= CHUNK:
                made += len(Entry.objects.bulk_create(batch))
                batch = []
        made += len(Entry.objects.bulk_create(batch))
    # The planner's figures for the table made anew (the engines' own statistics lag a bulk
    # write): without them PostgreSQL guesses a handful of matches where there are thousands.
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Entry._meta.db_table}")
    return made


def build_if_missing(using="default", **_signal) -> None:
    """After migrate: a database with records and no index yet (one made before search kept
    an index) gets it built."""
    if Entry._meta.db_table not in connection.introspection.table_names():
        return
    if not Entry.objects.using(using).exists() and WorkingGroup.objects.using(using).exists():
        rebuild()


def _remarks_of(condition: Q) -> None:
    reindex(REMARKS, ProgressEntry.objects.filter(condition))


def _group_moved(group) -> None:
    """A group's number or programme orders its records' rows."""
    Entry.objects.filter(group_id=group.pk, kind__in=IN_GROUPS).update(
        recent=group.programme.start_year, number=group.number
    )


def _programme_changed(programme) -> None:
    groups = programme.groups.values("pk")
    if Entry.objects.filter(kind=GROUPS.name, record_id__in=groups).exists() != programme.is_readable:
        # A draft published (or approved): its groups, activities, outputs and documents are
        # found from now on; the index leaves out a draft's until then (search/kinds.py).
        reindex(GROUPS, programme.groups.all())
        for kind in (ACTIVITIES, OUTPUTS):
            reindex(kind, kind.model.objects.filter(group__programme=programme))
        about = Q(programme=programme) | Q(round__programme=programme) | Q(group__programme=programme)
        reindex(DOCUMENTS, DOCUMENTS.model.objects.filter(about))
    Entry.objects.filter(group_id__in=groups, kind__in=IN_GROUPS).update(recent=programme.start_year)


# What else a record's change moves, beyond its own rows.
FOLLOWING = {
    WorkingGroup: _group_moved,
    Programme: _programme_changed,
    Meeting: lambda meeting: reindex(DOCUMENTS, DOCUMENTS.model.objects.filter(meeting=meeting)),
    ACTIVITIES.model: lambda activity: _remarks_of(Q(activity=activity)),
    GroupReport: lambda report: _remarks_of(Q(round_id=report.round_id, activity__group_id=report.group_id)),
    ReportingRound: lambda reporting_round: _remarks_of(Q(round=reporting_round)),
}


def changed(sender, signal=None, instance=None, raw=False, **_signal) -> None:
    """A record of the watched apps was saved or deleted (or its links changed: ignored, the
    index holds no link). A fixture's raw save is left to the rows loaded with it."""
    if raw or instance is None or sender not in BY_MODEL and sender not in FOLLOWING:
        return
    deleted = signal is post_delete
    kind = BY_MODEL.get(sender)
    if kind and deleted:
        Entry.objects.filter(kind=kind.name, record_id=instance.pk).delete()
    elif kind:
        reindex(kind, sender.objects.filter(pk=instance.pk))
    # A deleted group report no longer publishes its remarks; other deleted records took
    # their own rows' records with them (or are protected by them).
    if sender in FOLLOWING and (not deleted or sender is GroupReport):
        FOLLOWING[sender](instance)


def progress_recorded(sender, reports=(), **_signal) -> None:
    """Progress written in bulk (no model signal): the remarks of the group reports touched."""
    condition = Q(pk__in=[])
    for report in reports:
        condition |= Q(round_id=report.round_id, activity__group_id=report.group_id)
    _remarks_of(condition)
