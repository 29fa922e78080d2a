"""The 2020-2021 programme at ten times its size, inside the same programme, for tests and
benchmarks that check a page's SQL queries do not grow with the data.

- `previous_round(programme)`: a closed first report (round number 1, before the fixture's
  CE.20, number 2) with a figure for most activities reported in CE.20, so that the change
  since the previous round is computed;
- `multiply(programme, factor)`: each group copied factor - 1 times into the same programme
  (numbers 12 to 110 for the eleven groups and a factor of ten) with its roles, objectives,
  topic headings, activities and their progress entries in every round, outputs with their
  institutions, financing sources and group reports; one group's activities (and entries)
  multiplied by `factor` within the group; and every document of the register copied
  factor - 1 times.

Written with bulk_create, so it takes a fraction of a second; in a test it is rolled back with
everything else. Uses the ORM only, so a benchmark can call it on a database of its own."""

import copy
import datetime
from dataclasses import dataclass

from django.db.models.base import ModelState

from activities.models import Activity, Objective, Output, Topic
from groups.models import FinancingSource, GroupRole, Meeting, WorkingGroup
from reporting.models import GroupReport, ProgressEntry, ReportingRound
from reports.models import Document
from search.index import rebuild as rebuild_search_index

FACTOR = 10
HEAVY_GROUP = 4  # time use (IV): its page is measured with ten times its activities


def _copy(obj, **changes):
    """An unsaved copy of `obj` with every column (each language of each text) and `changes`."""
    new = copy.copy(obj)
    new.__dict__.pop("_prefetched_objects_cache", None)
    new._state = ModelState()
    new.pk = None
    for name, value in changes.items():
        setattr(new, name, value)
    return new


def free_committee_number():
    """A number of an Executive Committee meeting that the database does not have and that
    still has a written ordinal (up to 59), from the top so as not to meet tests' factories."""
    taken = set(
        Meeting.objects.filter(body=Meeting.Body.EXECUTIVE_COMMITTEE).values_list("number", flat=True)
    )
    return next(n for n in range(59, 0, -1) if n not in taken)


def previous_round(programme, *, number=1, later=2, minus=20, every=3) -> ReportingRound:
    """A closed round `number` of the programme, with an entry `minus` points below (not under
    0) each entry of round `later`, except every `every`-th one (which then has no change)."""
    meeting = Meeting.objects.create(
        body=Meeting.Body.EXECUTIVE_COMMITTEE,
        number=free_committee_number(),
        is_virtual=True,
        start_date=datetime.date(programme.start_year, 11, 1),
        end_date=datetime.date(programme.start_year, 11, 2),
    )
    earlier = ReportingRound.objects.create(
        programme=programme,
        meeting=meeting,
        number=number,
        status=ReportingRound.Status.CLOSED,
        opens_on=datetime.date(programme.start_year, 9, 1),
        deadline=datetime.date(programme.start_year, 10, 1),
    )
    source = ReportingRound.objects.get(programme=programme, number=later)
    entries = ProgressEntry.objects.filter(round=source).order_by(
        "activity__group__number", "activity__order"
    )
    ProgressEntry.objects.bulk_create(
        [
            _copy(
                entry,
                round=earlier,
                percent=max(entry.percent - minus, 0),
                remarks_en="Earlier report",
                remarks_es="Informe anterior",
            )
            for i, entry in enumerate(entries)
            if i % every != every - 1
        ]
    )
    rebuild_search_index()  # bulk writes send no signal
    return earlier


@dataclass
class Scaled:
    groups: int
    activities: int
    entries: int
    documents: int


def multiply(programme, factor=FACTOR, heavy_group=HEAVY_GROUP) -> Scaled:
    """Ten times (`factor`) the programme's groups and their records, in the programme itself."""
    sources = list(programme.groups.order_by("number"))
    size = len(sources)
    rounds = list(programme.rounds.all())

    pairs = [
        (source, _copy(source, number=source.number + size * k))
        for k in range(1, factor)
        for source in sources
    ]
    WorkingGroup.objects.bulk_create([new for _source, new in pairs])
    copies = {}  # source group pk -> its copies
    for source, new in pairs:
        copies.setdefault(source.pk, []).append(new)

    def children(model, **filters):
        by_group = {}
        for item in model.objects.filter(group__in=sources, **filters).order_by("pk"):
            by_group.setdefault(item.group_id, []).append(item)
        return by_group

    # Roles, financing sources and group reports: one copy per copied group.
    for model in (GroupRole, FinancingSource, GroupReport):
        model.objects.bulk_create(
            [
                _copy(item, group=new)
                for group_pk, items in children(model).items()
                for new in copies[group_pk]
                for item in items
            ]
        )

    # Objectives and topic headings, remembered for the activities that point to them.
    mapped = {}
    for model, field in ((Objective, "objective_id"), (Topic, "topic_id")):
        made = [
            (item, new, _copy(item, group=new))
            for group_pk, items in children(model).items()
            for new in copies[group_pk]
            for item in items
        ]
        model.objects.bulk_create([copy_ for _item, _new, copy_ in made])
        mapped[field] = {(item.pk, new.pk): copy_.pk for item, new, copy_ in made}

    # Activities in every copied group, and `factor` times the heavy group's own.
    activities = children(Activity)
    made = []
    for group_pk, items in activities.items():
        for new in copies[group_pk]:
            for item in items:
                made.append(
                    (
                        item,
                        _copy(
                            item,
                            group=new,
                            objective_id=mapped["objective_id"].get((item.objective_id, new.pk)),
                            topic_id=mapped["topic_id"].get((item.topic_id, new.pk)),
                        ),
                    )
                )
    heavy = next(g for g in sources if g.number == heavy_group)
    own = activities.get(heavy.pk, [])
    last = max((a.order for a in own), default=0)
    for k in range(1, factor):
        for item in own:
            made.append((item, _copy(item, order=item.order + last * k, plan_no=None)))
    Activity.objects.bulk_create([new for _item, new in made])

    # Their progress in every round, as the activity they copy.
    entries = {}
    for entry in ProgressEntry.objects.filter(round__in=rounds, activity__group__in=sources):
        entries.setdefault(entry.activity_id, []).append(entry)
    new_entries = [_copy(entry, activity=new) for item, new in made for entry in entries.get(item.pk, [])]
    ProgressEntry.objects.bulk_create(new_entries)

    # Outputs with their responsible institutions.
    made_outputs = [
        (item, _copy(item, group=new))
        for group_pk, items in children(Output).items()
        for new in copies[group_pk]
        for item in items
    ]
    Output.objects.bulk_create([new for _item, new in made_outputs])
    through = Output.institutions.through
    institutions = {}
    for link in through.objects.filter(output__group__in=sources):
        institutions.setdefault(link.output_id, []).append(link.institution_id)
    through.objects.bulk_create(
        [
            through(output_id=new.pk, institution_id=institution)
            for item, new in made_outputs
            for institution in institutions.get(item.pk, [])
        ]
    )

    # Documents: every entry of the register, factor - 1 more times.
    documents = list(Document.objects.order_by("pk"))
    Document.objects.bulk_create(
        [
            _copy(d, symbol=f"{d.symbol}/X{k}", issued_at=None, issued_by=None)
            for k in range(1, factor)
            for d in documents
        ]
    )
    rebuild_search_index()  # bulk writes send no signal
    return Scaled(
        groups=len(pairs),
        activities=len(made),
        entries=len(new_entries),
        documents=len(documents) * (factor - 1),
    )
