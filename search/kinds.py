"""What search finds, kind by kind: which records (published remarks only, as the pages show
them; nothing of a draft programme the secretariat has not published), which of their texts in
the order a hit prefers them, where each record stands in the programme's order, and the group a
hit links to."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, Output
from groups.models import Country, Institution, Programme, WorkingGroup
from reporting.models import ProgressEntry
from reports.models import Document

from .text import folded


@dataclass(frozen=True)
class Place:
    """Where a record stands: newest first (`recent`), then by the other keys, ascending."""

    group_id: int | None = None
    recent: int = 0
    number: int = 0
    position: int = 0
    sub: int = 0
    label: str = ""


@dataclass(frozen=True)
class Kind:
    name: str
    title: str  # the heading of its results
    model: type[models.Model]
    fields: tuple[str, ...]
    records: Callable[[], models.QuerySet]  # what is indexed, with what `place` reads
    place: Callable[[models.Model], Place]
    shown: Callable[[], models.QuerySet]  # what a page of hits reads
    group: Callable[[models.Model], WorkingGroup | None]

    def translated(self, field: str) -> bool:
        return hasattr(self.model, f"{field}_en")


def _in_group(record, group):
    return Place(group.pk, group.programme.start_year, group.number, getattr(record, "order", 0))


def _by_name(record):
    return Place(label=folded(record.name_en or "")[0][:200])


def _document_place(document):
    recent = document.meeting.start_date.toordinal() if document.meeting_id else 0
    return Place(document.group_id, recent, label=document.symbol)


def _readable(records, path):
    """Only the records of a programme readers may see: an unpublished draft's are found by
    nobody (the index is the same for every reader); search/index.py indexes them when the
    secretariat publishes the draft."""
    return records.filter(**{f"{path}__in": Programme.objects.readable()})


def _plan(name, title, model):
    return Kind(
        name,
        title,
        model,
        ("text",),
        lambda: _readable(model.objects.select_related("group__programme"), "group__programme"),
        lambda record: _in_group(record, record.group),
        lambda: model.objects.select_related("group__programme"),
        lambda record: record.group,
    )


def _remark_place(entry):
    place = _in_group(entry.activity, entry.activity.group)
    # A past round without a number (issue 29) sorts its remarks first, as round_order does.
    return Place(place.group_id, place.recent, place.number, place.position, entry.round.number or 0)


GROUPS = Kind(
    "groups",
    _("Working groups"),
    WorkingGroup,
    ("output", "name", "theme"),
    lambda: _readable(WorkingGroup.objects.select_related("programme"), "programme"),
    lambda group: Place(group.pk, group.programme.start_year, group.number),
    lambda: WorkingGroup.objects.select_related("programme"),
    lambda group: group,
)
ACTIVITIES = _plan("activities", _("Activities"), Activity)
OUTPUTS = _plan("outputs", _("Outputs"), Output)
REMARKS = Kind(
    "remarks",
    _("Remarks on progress"),
    ProgressEntry,
    ("remarks",),
    lambda: ProgressEntry.objects.published().select_related("activity__group__programme", "round"),
    _remark_place,
    lambda: ProgressEntry.objects.select_related("activity__group__programme", "round__meeting"),
    lambda entry: entry.activity.group,
)
COUNTRIES = Kind(
    "countries",
    _("Countries"),
    Country,
    ("name",),
    Country.objects.all,
    _by_name,
    Country.objects.all,
    lambda c: None,
)
INSTITUTIONS = Kind(
    "institutions",
    _("Institutions"),
    Institution,
    ("name", "acronym"),
    Institution.objects.all,
    _by_name,
    lambda: Institution.objects.select_related("country"),
    lambda institution: None,
)
DOCUMENTS = Kind(
    "documents",
    _("Documents"),
    Document,
    ("symbol", "title"),
    lambda: Document.objects.select_related("meeting").of_programmes(Programme.objects.readable()),
    _document_place,
    lambda: Document.objects.for_register().of_programmes(Programme.objects.readable()),
    lambda document: document.group,
)

# In the order the page lists them.
KINDS = {
    kind.name: kind for kind in (GROUPS, ACTIVITIES, OUTPUTS, REMARKS, COUNTRIES, INSTITUTIONS, DOCUMENTS)
}
BY_MODEL = {kind.model: kind for kind in KINDS.values()}
