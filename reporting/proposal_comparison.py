"""A group of a draft programme beside the group it continues: what its proposal adds, carries
forward (as it was, or with its text changed), and drops, for activities, objectives and outputs,
and the countries it adds and removes. The reading page and the Executive Committee's document
(reports) show the same comparison, read here in a fixed number of queries.

Activities are matched by the link a carried one keeps (Activity.continues). Objectives and
outputs are copied when the drafting opens without such a link, so they are matched by their
text first (the same in both languages: unchanged), then by their place in the group (the same
kind and order: changed); what is left is new on one side and dropped on the other."""

from dataclasses import dataclass, field

from activities.models import Activity, Objective, Output
from groups.models import GroupRole, WorkingGroup

NEW, SAME, CHANGED, DROPPED = "new", "same", "changed", "dropped"
TEXTS = ("text_en", "text_es")


@dataclass
class Pair:
    """A record of the proposal (`new`) beside the one of the current programme it continues
    (`old`); one of the two is missing for a new or a dropped record."""

    status: str
    new: object = None
    old: object = None

    @property
    def record(self):
        return self.new if self.new is not None else self.old


@dataclass
class CountryChange:
    country: object
    role: str  # GroupRole.Role's value
    added: bool

    @property
    def role_label(self) -> str:
        return GroupRole.Role(self.role).label


@dataclass
class Comparison:
    group: WorkingGroup  # the proposal's group, in the draft programme
    previous: WorkingGroup | None  # the group it continues (None: a new group)
    activities: list[Pair] = field(default_factory=list)
    objectives: list[Pair] = field(default_factory=list)
    outputs: list[Pair] = field(default_factory=list)
    countries: list[CountryChange] = field(default_factory=list)

    def counts(self, part: str) -> dict[str, int]:
        """How many records of `part` are new, the same, changed and dropped."""
        counted = dict.fromkeys((NEW, SAME, CHANGED, DROPPED), 0)
        for pair in getattr(self, part):
            counted[pair.status] += 1
        return counted

    @property
    def tallies(self) -> dict[str, dict[str, int]]:
        """counts() of activities, objectives and outputs, for templates."""
        return {part: self.counts(part) for part in ("activities", "objectives", "outputs")}

    @property
    def countries_added(self) -> list[CountryChange]:
        return [c for c in self.countries if c.added]

    @property
    def countries_removed(self) -> list[CountryChange]:
        return [c for c in self.countries if not c.added]


def _words(record) -> tuple[str, ...]:
    """The record's texts in both languages, spacing aside: what "unchanged" compares."""
    return tuple(" ".join((getattr(record, name, "") or "").split()) for name in TEXTS)


def compare_activities(new_activities, old_activities) -> list[Pair]:
    """The proposal's activities in its order, each new or carried (unchanged or changed), then
    the old group's activities not carried forward, in their order."""
    old_by_pk = {a.pk: a for a in old_activities}
    pairs, carried = [], set()
    for activity in new_activities:
        old = (old_by_pk.get(activity.continues_id) or activity.continues) if activity.continues_id else None
        if old is None:
            pairs.append(Pair(NEW, new=activity))
            continue
        carried.add(old.pk)
        pairs.append(Pair(SAME if _words(old) == _words(activity) else CHANGED, new=activity, old=old))
    pairs += [Pair(DROPPED, old=a) for a in old_activities if a.pk not in carried]
    return pairs


def compare_by_text(new_records, old_records, place) -> list[Pair]:
    """Records without a link, matched by text, then by `place(record)`; in the proposal's order,
    the dropped ones after."""
    left = list(old_records)
    matched = {}
    for record in new_records:
        twin = next((old for old in left if _words(old) == _words(record)), None)
        if twin is not None:
            left.remove(twin)
            matched[record.pk] = Pair(SAME, new=record, old=twin)
    for record in new_records:
        if record.pk in matched:
            continue
        twin = next((old for old in left if place(old) == place(record)), None)
        if twin is not None:
            left.remove(twin)
        matched[record.pk] = Pair(CHANGED, new=record, old=twin) if twin else Pair(NEW, new=record)
    return [matched[r.pk] for r in new_records] + [Pair(DROPPED, old=old) for old in left]


def compare_countries(new_roles, old_roles) -> list[CountryChange]:
    """Coordinating and member countries the proposal adds, then those it removes."""

    def named(roles):
        return {(r.country_id, r.role): r.country for r in roles if r.role in GroupRole.COUNTRY_ROLES}

    new, old = named(new_roles), named(old_roles)
    added = [
        CountryChange(country, role, True) for (pk, role), country in new.items() if (pk, role) not in old
    ]
    removed = [
        CountryChange(country, role, False) for (pk, role), country in old.items() if (pk, role) not in new
    ]
    return added + removed


def _records(group):
    """A group's activities, objectives, outputs and roles, in their order (none for no group)."""
    if group is None:
        return [], [], [], []
    activities = Activity.objects.filter(group=group).select_related("continues__group__programme")
    return (
        list(activities.order_by("order", "pk")),
        list(Objective.objects.filter(group=group).order_by("kind", "order", "pk")),
        list(Output.objects.filter(group=group).order_by("order", "pk")),
        list(GroupRole.objects.filter(group=group).select_related("country").order_by("role", "order")),
    )


def proposal_comparison(group: WorkingGroup) -> Comparison:
    """The comparison of `group` (a proposal's group) with the group it continues."""
    previous = group.continues
    new_activities, new_objectives, new_outputs, new_roles = _records(group)
    old_activities, old_objectives, old_outputs, old_roles = _records(previous)
    return Comparison(
        group=group,
        previous=previous,
        activities=compare_activities(new_activities, old_activities),
        objectives=compare_by_text(new_objectives, old_objectives, lambda o: (o.kind, o.order)),
        outputs=compare_by_text(new_outputs, old_outputs, lambda o: o.order),
        countries=compare_countries(new_roles, old_roles),
    )
