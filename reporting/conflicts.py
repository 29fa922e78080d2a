"""What a refused save of the progress form shows (the group report was saved after the editor
opened it: services.ProgressConflict): who saved and when, and of what they saved, only the
values that differ from what this editor typed. A value the editor left as it was shown takes
what was saved instead, so that saving again keeps the other save's change rather than undoing
it; a value both gave alike is no conflict at all."""

from dataclasses import dataclass, field, replace
from datetime import datetime

from django.utils.translation import gettext as _

from .services.history import ENTRY_FIELDS, as_text


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


def sort_out(changes, sent: dict, carried: dict) -> tuple[list, dict]:
    """Of the values saved in `changes` (ProgressChange rows since the editor's version), those
    `sent` differently. `sent`: what the editor gave, as text, by (activity id or None, field);
    `carried`: the percentage shown for activities the round had no entry for (the previous
    round's). The value the editor was shown is the one before the first change saved since.
    Returns ([(last change, the editor's value)] of each value the editor typed differently,
    {key: the value saved} of each the editor left as it was shown)."""
    first, last = {}, {}
    for change in changes:
        key = (change.activity_id, change.field)
        first.setdefault(key, change)
        last[key] = change
    clashing, taken = [], {}
    for key, change in last.items():
        if key not in sent or sent[key] == change.new_value:
            continue  # not the editor's to give (status, evidence), or given alike
        before = first[key].old_value
        if key[1] == "percent" and before == "" and key[0] in carried:
            before = str(carried[key[0]])  # no entry yet: the carried percentage was shown
        if sent[key] == before:
            taken[key] = change.new_value
        else:
            clashing.append((change, sent[key]))
    return clashing, taken


def conflict_view(conflict, sent: dict, carried: dict, user) -> ConflictView:
    """What the progress form shows of `conflict` (sort_out() says what `sent` and `carried` are)."""
    clashing, taken = sort_out(conflict.changes, sent, carried)
    clashes = [Clash(change, yours, _is(user, change.changed_by_id)) for change, yours in clashing]
    return ConflictView(_savers(conflict, user), sorted(clashes, key=_place), taken)


def keep_saved(changes, given: dict, carried: dict) -> tuple[dict, list]:
    """A workbook filled in on a version older than `changes`: each value of it (EntryValues by
    activity id) left as the workbook showed it takes the value saved since, so importing it does
    not undo that save. Returns the values to import and the changes the import would replace
    (the values typed in the workbook that differ from what was saved)."""
    sent = {
        (pk, name): as_text(getattr(values, name)) for pk, values in given.items() for name in ENTRY_FIELDS
    }
    clashing, taken = sort_out(changes, sent, carried)
    kept = {}
    for pk, values in given.items():
        saved = {name: taken[(pk, name)] for name in ENTRY_FIELDS if (pk, name) in taken}
        if "percent" in saved:
            saved["percent"] = int(saved["percent"]) if saved["percent"] else None
        kept[pk] = replace(values, **saved)
        if kept[pk].percent is None and (kept[pk].remarks_en or kept[pk].remarks_es):
            kept[pk].percent = values.percent  # removed since, but remarks were typed: keep the row
    return kept, [change for change, _yours in clashing]


def _place(clash) -> tuple:
    """The form's order: the activities by position, each one's fields in order, then the notes."""
    change = clash.change
    fields = list(change.FIELD_LABELS)
    where = change.activity.order if change.activity else 0
    return (change.activity is None, where, fields.index(change.field) if change.field in fields else 0)
