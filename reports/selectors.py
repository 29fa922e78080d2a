"""What each kind of document shows, read in a fixed number of queries whatever the number of
groups and activities (the benchmark checks it at ten times the real data). Progress comes
from ProgressEntry.objects.published(): a group's draft is not shown until it is submitted."""

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch, Q

from activities.models import Activity
from core.bilingual import has_text
from groups.models import FinancingSource, GroupRole, WorkingGroup
from reporting.models import Drafting, GroupReport, ProgressEntry, Proposal

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


def groups_with_roles(*prefetches, where=None, **filters):
    """The groups `filters` (and the condition `where`) name, in order, with their roles,
    objectives and `prefetches`."""
    roles = Prefetch("roles", queryset=GroupRole.objects.select_related("country", "institution__country"))
    return list(
        WorkingGroup.objects.filter(where or Q(), **filters)
        .select_related("programme")
        .order_by("number")
        .prefetch_related(roles, Prefetch("objectives"), *prefetches)
    )


# A group of a programme drafted in the portal is in its document once its proposal is
# accepted, unless it proposes to end; a group without a proposal (a programme approved before
# the portal drafted them, or a group added in the admin) always is.
IN_PROGRAMME = Q(proposal__isnull=True) | Q(proposal__status=Proposal.Status.ACCEPTED, proposal__ends=False)


def programme_document_context(document: Document) -> dict:
    """The draft biennial programme: every group with its plan of activities and financing. A
    programme drafted in the portal lists each group's activities in their order (carried and
    new ones have no number in an earlier plan), naming the activity a carried one continues."""
    programme = document.programme
    drafted = Drafting.objects.filter(programme=programme).exists()
    plan = (
        Activity.objects.order_by("group", "order", "pk").select_related("continues__group__programme")
        if drafted
        else Activity.objects.in_plan()
    )
    groups = groups_with_roles(
        Prefetch("activities", queryset=plan, to_attr="plan"),
        Prefetch("financing_sources", queryset=FinancingSource.objects.select_related("institution")),
        where=IN_PROGRAMME,
        programme=programme,
    )
    return {
        "programme": programme,
        "groups": groups,
        "drafted": drafted,
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
    groups = groups_with_roles(programme=round_.programme)
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
