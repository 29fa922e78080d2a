"""What a report of a working group (or of a network) shows, read in a fixed number of
queries, and the parts it prints as its composition names them (reports/composition.py,
reports/parts.py)."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import ngettext

from activities.models import Activity, Objective, Output, PlanRow
from core.bilingual import has_text
from core.wording import join_and
from groups.models import FinancingSource, Institution, WorkingGroup
from reporting import standing
from reporting.models import GroupReport, ProgressEntry

from .composition import compose, rows_of
from .models import Document
from .parts import CATALOGUE, DEFAULT_COMPOSITION
from .selectors import ContentsEntry, groups_with_roles
from .wording import apply_wording


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
    [group] = groups_with_roles(
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
        Prefetch(
            "plan_rows",
            queryset=PlanRow.objects.select_related("objective")
            .prefetch_related("outputs")
            .order_by("order"),
            to_attr="all_plan_rows",
        ),
        pk=document.group_id,
    )
    return group


@dataclass
class PlanLine:
    """A row of a plan of outputs: a plan row (several outputs, or none and a text of its own),
    or an output planned on a row of its own from its timetable."""

    objective: Objective | None
    record: PlanRow | Output
    label: str = ""  # "Outputs 1 and 2": the outputs a plan row names
    number: int = 0  # its number in the plan, whatever objective it is grouped under

    @property
    def is_output(self) -> bool:
        return isinstance(self.record, Output)


def _plan_lines(group, outputs) -> list[PlanLine]:
    if not group.all_plan_rows:
        planned = [o for o in outputs if has_text(o, "timetable")]
        return [PlanLine(o.objective, o, number=n) for n, o in enumerate(planned, start=1)]
    numbers = {output.pk: output.number for output in outputs}
    lines = []
    for number, row in enumerate(group.all_plan_rows, start=1):
        named = sorted(numbers[o.pk] for o in row.outputs.all() if o.pk in numbers)
        label = (
            ngettext("Output %(numbers)s", "Outputs %(numbers)s", len(named)) % {"numbers": join_and(named)}
            if named
            else ""
        )
        lines.append(PlanLine(row.objective, row, label, number))
    return lines


def by_objective(items, objectives, objective_of) -> list[tuple[Objective | None, list]]:
    """`items` under the objectives they serve, in the objectives' order; those that serve none
    last, under None."""
    grouped = []
    for objective in [*objectives, None]:
        mine = [item for item in items if objective_of(item) == (objective.pk if objective else None)]
        if mine:
            grouped.append((objective, mine))
    return grouped


def _programme_of_work(group: WorkingGroup, document: Document) -> dict:
    """The group's programme of work as its document lays it out: objectives, areas, activities
    and outputs under the specific objective they serve, the rest after them, and the plan."""
    objectives = [o for o in group.objectives.all() if o.kind == Objective.Kind.SPECIFIC]
    outputs = list(group.outputs.all())
    for number, output in enumerate(outputs, start=1):
        output.number = number  # "Outputs 1 and 2" in a plan row refer to these
    for objective in objectives:
        # The objective's cell spans every action line of its table (an area without any, one).
        objective.area_rows = sum(max(1, len(area.action_lines.all())) for area in objective.areas.all())
    activities = group.all_activities
    plan_lines = _plan_lines(group, outputs)
    by_month = document.plan_as == Document.PlanAs.ACTIVITIES or (
        document.plan_as == Document.PlanAs.AS_PLANNED and bool(activities)
    )
    return {
        "objectives": list(group.objectives.all()),
        "specific_objectives": objectives,
        "areas_by_objective": [(o, list(o.areas.all())) for o in objectives if o.areas.all()],
        "activities_by_objective": [
            (o, acts) for o, acts in by_objective(activities, objectives, lambda a: a.objective_id) if o
        ],
        "other_activities": [a for a in activities if a.objective_id is None],
        "outputs": outputs,
        "outputs_by_objective": by_objective(outputs, objectives, lambda o: o.objective_id),
        "financing_sources": list(group.financing_sources.all()),
        "plan_by_month": by_month,
        "plan_lines": plan_lines,
        "plan_by_objective": by_objective(
            plan_lines, objectives, lambda line: line.objective and line.objective.pk
        ),
        "in_charge": document.in_charge_column and any(has_text(a, "coordination") for a in activities),
    }


def _wordable(group: WorkingGroup) -> list:
    """The countries and institutions the document names, for its own wording of them."""
    records = []
    for role in group.roles.all():
        records += [role.country, role.institution]
    for output in group.outputs.all():
        records += list(output.institutions.all())
    return records


def group_document_context(document: Document) -> dict:
    """A report of a working group (or of a network) to a meeting of the Conference or of its
    Executive Committee: the parts its composition names, numbered as it asks."""
    round_, programme = document.round, document.round.programme
    group = _group_with_its_work(document)
    apply_wording(document, _wordable(group))
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
        "document": document,
        "round": round_,
        "programme": programme,
        "group": group,
        "entries": entries,
        "group_report": _published_group_report(round_, group),
        **_programme_of_work(group, document),
        "members": [role.country for role in group.member_roles],
        "timetable": _timetable(group.all_activities, programme),
        "schedule": standing.GroupStanding(group, rows),
        "as_of": as_of,
        "threshold": standing.threshold(),
        "years": list(range(programme.start_year, programme.end_year + 1)),
    }
    parts = compose(rows_of(document, DEFAULT_COMPOSITION), CATALOGUE, context, document.numbering)
    printed = {part.name for part in parts} | {child.name for part in parts for child in part.children}
    return {
        **context,
        "parts": parts,
        # Printed in a part of their own, the specific objectives are not listed again.
        "specifics_apart": "specific_objectives" in printed,
        # A contents page only where the secretariat wrote an introduction, as the Conference does.
        "contents": [ContentsEntry(p.anchor, p.numeral.rstrip("."), label=p.heading) for p in parts]
        if has_text(document, "introduction")
        else [],
    }
