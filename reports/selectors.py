"""What each kind of document shows, read in a fixed number of queries whatever the number of
groups and activities (the benchmark checks it at ten times the real data). Progress comes
from ProgressEntry.objects.published(): a group's draft is not shown until it is submitted."""

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch
from django.utils.translation import gettext, pgettext

from activities.models import Activity, Objective, Output
from core.bilingual import has_text
from groups.models import FinancingSource, GroupRole, Institution, WorkingGroup
from reporting import standing
from reporting.models import GroupReport, ProgressEntry

from .models import Document


@dataclass
class ContentsEntry:
    """A line of the contents: the anchor it points to, a numeral, and either a translated
    field of a record (a group's output) or a label already in the document's language."""

    anchor: str
    numeral: str = ""
    source: object = None
    field: str = ""
    label: str = ""


def _group_entry(group, source, field):
    return ContentsEntry(f"group-{group.numeral}", group.numeral, source, field)


def _groups(*prefetches, **filters):
    roles = Prefetch("roles", queryset=GroupRole.objects.select_related("country", "institution__country"))
    return list(
        WorkingGroup.objects.filter(**filters)
        .select_related("programme")
        .order_by("number")
        .prefetch_related(roles, Prefetch("objectives"), *prefetches)
    )


def programme_document_context(document: Document) -> dict:
    """The draft biennial programme: every group with its plan of activities and financing."""
    groups = _groups(
        Prefetch("activities", queryset=Activity.objects.in_plan(), to_attr="plan"),
        Prefetch("financing_sources", queryset=FinancingSource.objects.select_related("institution")),
        programme=document.programme,
    )
    return {
        "programme": document.programme,
        "groups": groups,
        "contents": [_group_entry(g, g, g.heading_field) for g in groups],
    }


@dataclass
class GroupProgress:
    """A group as a report on the implementation shows it: its entries in the round, in the
    group's order, and what it reported beyond them."""

    group: WorkingGroup
    entries: list = field(default_factory=list)
    group_report: GroupReport | None = None

    @property
    def title_source(self):
        """(record, field) of the group's heading: the output as its group report titles it, if
        it does."""
        if self.group_report and has_text(self.group_report, "output_as_reported"):
            return self.group_report, "output_as_reported"
        return self.group, self.group.heading_field


def progress_document_context(document: Document) -> dict:
    """A report on the implementation: every group of the programme with its progress in the round."""
    round_ = document.round
    groups = _groups(programme=round_.programme)
    entries = (
        ProgressEntry.objects.published()
        .filter(round=round_)
        .select_related("activity__topic")
        .order_by("activity__group_id", "activity__order")
    )
    by_group = {gid: list(rows) for gid, rows in groupby(entries, key=lambda e: e.activity.group_id)}
    group_reports = {r.group_id: r for r in GroupReport.objects.filter(round=round_)}
    progress = [GroupProgress(g, by_group.get(g.pk, []), group_reports.get(g.pk)) for g in groups]
    return {
        "round": round_,
        "programme": round_.programme,
        "groups": progress,
        "contents": [_group_entry(p.group, *p.title_source) for p in progress],
    }


@dataclass
class TimetableRow:
    """An activity in the plan with the share of the programme's months before it starts and
    while it runs, for the timetable bar."""

    activity: Activity
    offset: float | None
    span: float | None


def _timetable(activities, programme) -> list[TimetableRow]:
    months = (programme.end_year - programme.start_year + 1) * 12
    rows = []
    for activity in activities:
        if activity.start_month and activity.end_month:
            first = standing.month_index(activity.start_month) - programme.start_year * 12
            last = standing.month_index(activity.end_month) - programme.start_year * 12
            first, last = max(first, 0), min(last, months - 1)
            if first <= last:
                rows.append(TimetableRow(activity, 100 * first / months, 100 * (last - first + 1) / months))
                continue
        rows.append(TimetableRow(activity, None, None))
    return rows


def _published_group_report(round_, group):
    """The group report in the round (its narrative of progress), once readers may see it,
    as its entries: published ones only."""
    group_report = GroupReport.objects.filter(round=round_, group=group).first()
    if group_report:
        group_report.round = round_  # already read
    return group_report if group_report and group_report.is_published else None


def _group_with_its_work(document: Document) -> WorkingGroup:
    """The document's group with everything the document shows, read in a fixed number of queries."""
    [group] = _groups(
        Prefetch(
            "activities",
            queryset=Activity.objects.select_related("topic", "objective").order_by("order"),
            to_attr="all_activities",
        ),
        Prefetch(
            "outputs",
            queryset=Output.objects.select_related("objective").prefetch_related(
                Prefetch("institutions", queryset=Institution.objects.select_related("country"))
            ),
        ),
        Prefetch("objectives__areas__action_lines"),
        Prefetch("financing_sources", queryset=FinancingSource.objects.select_related("institution")),
        "events",
        "figures",
        "links",
        pk=document.group_id,
    )
    return group


def _programme_of_work(group: WorkingGroup) -> dict:
    """The group's programme of work as its document lays it out: objectives, areas, activities
    and outputs under the specific objective they serve, the rest after them, and financing."""
    objectives = [o for o in group.objectives.all() if o.kind == Objective.Kind.SPECIFIC]
    by_objective = [(o, [a for a in group.all_activities if a.objective_id == o.pk]) for o in objectives]
    outputs = list(group.outputs.all())
    for objective in objectives:
        # The objective's cell spans every action line of its table (an area without any, one).
        objective.area_rows = sum(max(1, len(area.action_lines.all())) for area in objective.areas.all())
    return {
        "objectives": list(group.objectives.all()),
        "areas_by_objective": [(o, list(o.areas.all())) for o in objectives if o.areas.all()],
        "activities_by_objective": [(o, acts) for o, acts in by_objective if acts],
        "other_activities": [a for a in group.all_activities if a.objective_id is None],
        "outputs_by_objective": [
            (o, [out for out in outputs if out.objective_id == o.pk])
            for o in objectives
            if any(out.objective_id == o.pk for out in outputs)
        ],
        "other_outputs": [out for out in outputs if out.objective_id is None],
        "financing_sources": list(group.financing_sources.all()),
        # Without activities, the plan is the outputs' timetables.
        "plan_outputs": []
        if group.all_activities
        else [out for out in outputs if has_text(out, "timetable")],
    }


def group_document_context(document: Document) -> dict:
    """A report of a working group (or of a network) to a meeting of the Conference or of its
    Executive Committee: the parts its data has, numbered as the Conference numbers them."""
    round_, programme = document.round, document.round.programme
    group = _group_with_its_work(document)
    entries = list(
        ProgressEntry.objects.published()
        .filter(round=round_, activity__group=group)
        .select_related("activity__topic")
        .order_by("activity__order")
    )
    # The schedule as the group's page showed it on the day of the meeting the document goes to,
    # from the progress reported up to this round: never the day it is rendered, so that a
    # document about the past reads the same every day.
    as_of = round_.meeting.start_date
    rows = standing.standings(
        group.all_activities, standing.published_entries(group.all_activities, up_to_round=round_), as_of
    )
    context = {
        "round": round_,
        "programme": programme,
        "group": group,
        "entries": entries,
        "group_report": _published_group_report(round_, group),
        **_programme_of_work(group),
        "members": [role.country for role in group.member_roles],
        "timetable": _timetable(group.all_activities, programme),
        "schedule": standing.GroupStanding(group, rows),
        "as_of": as_of,
        "threshold": standing.threshold(),
        "years": list(range(programme.start_year, programme.end_year + 1)),
    }
    return {**context, **_group_document_parts(document, context)}


def _group_document_parts(document, context) -> dict:
    """The parts of a report of a working group, numbered 1, 2, 3 ... as the Conference numbers
    them, with (a), (b) ... inside its programme of work: only those its data has (an
    introduction only where the secretariat wrote one). `parts` in order, `contents` for the
    contents page, `work_parts` the lettered parts by name."""
    group, programme = context["group"], context["programme"]
    network = group.kind == group.Kind.NETWORK
    lettered = [
        ("objectives", gettext("General and specific objectives")) if context["objectives"] else None,
        ("activities", gettext("Activities and action lines for the period"))
        if context["areas_by_objective"] or group.all_activities
        else None,
        ("outputs", gettext("Outputs to be submitted to the Statistical Conference of the Americas"))
        if group.outputs.all()
        else None,
        ("financing", gettext("Budget and financing"))
        if has_text(group, "financing") or context["financing_sources"]
        else None,
    ]
    work_parts = {
        name: f"({letter})"
        for letter, (name, _label) in zip("abcdefgh", (part for part in lettered if part), strict=False)
    }
    work_labels = dict(part for part in lettered if part)
    named = [
        ("introduction", gettext("Introduction")) if has_text(document, "introduction") else None,
        (
            "composition",
            gettext("Composition of the network") if network else gettext("Composition of the working group"),
        )
        if group.roles.all()
        else None,
        ("work", gettext("Programme of work %(period)s") % {"period": programme.period})
        if work_parts
        else None,
        ("previous", gettext("Results of the previous programme"))
        if has_text(group, "previous_results")
        else None,
        ("progress", gettext("Progress to date")),
        ("events", gettext("Events held")) if group.events.all() else None,
        ("figures", gettext("The network in figures") if network else gettext("Figures"))
        if group.figures.all()
        else None,
        ("plan", pgettext("working-group report", "Plan of activities"))
        if context["timetable"] or context["plan_outputs"]
        else None,
        ("links", gettext("Links")) if group.links.all() else None,
        ("conclusions", gettext("Conclusions")) if has_text(group, "conclusions") else None,
    ]
    parts = [
        ContentsEntry(name, str(number), label=label)
        for number, (name, label) in enumerate((part for part in named if part), start=1)
    ]
    return {
        # A contents page only where the secretariat wrote an introduction, as the Conference does.
        "contents": parts if has_text(document, "introduction") else [],
        "parts": parts,
        "work_parts": [(work_parts[name], name, work_labels[name]) for name in work_parts],
    }
