"""What a refused save of the progress form shows (the group report was saved after the editor
opened it: services.ProgressConflict): who saved and when, and of what they saved, only the
values that differ from what this editor typed. A value the editor left as it was shown takes
what was saved instead, so that saving again keeps the other save's change rather than undoing
it; a value both gave alike is no conflict at all."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _


def _who(person, by_you) -> str:
    if by_you:
        return _("you, in another window")
    if person is None:
        return _("the system")
    return person.get_full_name() or person.get_username()


@dataclass
class Saver:
    """Someone who saved the group report after the editor opened it, and when they last did."""

    person: object
    at: datetime
    by_you: bool  # the editor, in another window or tab

    @property
    def who(self) -> str:
        return _who(self.person, self.by_you)


@dataclass
class Clash:
    """A value the editor typed that differs from the one saved meanwhile."""

    change: object  # the last ProgressChange of this value: its activity, field, who and when
    yours: str
    by_you: bool

    @property
    def who(self) -> str:
        return _who(self.change.changed_by, self.by_you)


@dataclass
class ConflictView:
    savers: list[Saver]
    clashes: list[Clash]
    taken: dict = field(default_factory=dict)  # (activity id or None, field) -> the value saved

    @property
    def taken_count(self) -> int:
        return len(self.taken)


def _savers(conflict, user) -> list[Saver]:
    last = {}
    for change in conflict.changes:
        last[change.changed_by_id] = change
    savers = [Saver(c.changed_by, c.changed_at, _is(user, c.changed_by_id)) for c in last.values()]
    if not savers:  # a version with no value recorded: the report still says who saved it
        report = conflict.report
        savers = [Saver(report.updated_by, report.updated_at, _is(user, report.updated_by_id))]
    return sorted(savers, key=lambda saver: saver.at)


def _is(user, person_id) -> bool:
    return person_id is not None and person_id == getattr(user, "pk", None)


def conflict_view(conflict, sent: dict, carried: dict, user) -> ConflictView:
    """`sent`: what the editor's form gave, as text, by (activity id or None, field); `carried`:
    the percentage the form showed for activities the round had no entry for (the previous
    round's). The value the editor was shown is the one before the first change saved since."""
    first, last = {}, {}
    for change in conflict.changes:
        key = (change.activity_id, change.field)
        first.setdefault(key, change)
        last[key] = change
    clashes, taken = [], {}
    for key, change in last.items():
        if key not in sent or sent[key] == change.new_value:
            continue  # not in the form (status, evidence), or given alike
        before = first[key].old_value
        if key[1] == "percent" and before == "" and key[0] in carried:
            before = str(carried[key[0]])  # no entry yet: the form showed the carried percentage
        if sent[key] == before:
            taken[key] = change.new_value
        else:
            clashes.append(Clash(change, sent[key], _is(user, change.changed_by_id)))
    clashes.sort(key=_place)
    return ConflictView(_savers(conflict, user), clashes, taken)


def _place(clash) -> tuple:
    """The form's order: the activities by position, each one's fields in order, then the notes."""
    change = clash.change
    fields = list(change.FIELD_LABELS)
    where = change.activity.order if change.activity else 0
    return (change.activity is None, where, fields.index(change.field) if change.field in fields else 0)
