"""Importing a filled progress workbook: read it, check every cell against the group's plan,
show what would change, and save it through reporting.services.progress_save (source
"spreadsheet import"), exactly as if the values had been typed into the progress form, history
included. Nothing is written unless every row is right."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from activities.models import Activity
from core.limits import REMARK, too_long
from groups.models import WorkingGroup
from reporting import policy
from reporting.conflicts import keep_saved
from reporting.falls import fall_warning
from reporting.models import GroupReport, ProgressChange, ProgressEntry, ReportingRound
from reporting.services import EntryValues, changes_since, progress_save
from reporting.services.typed import carried_percents, typed_rows

from . import progress_workbook
from .errors import ImportRefused, Problem
from .widgets import PercentWidget, TextWidget

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
PERCENT, TEXT = PercentWidget(), TextWidget()


@dataclass
class RowPreview:
    row: int
    activity: Activity
    status: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (field, old, new)
    warning: str = ""  # a fall below the previous round's percentage (reporting.falls)


@dataclass
class WorkbookPreview:
    group: WorkingGroup
    reporting_round: ReportingRound
    version: int  # the group report's version the preview was made against
    rows: list[RowPreview]
    entries: dict[int, EntryValues]
    # Saved after the workbook was downloaded: the import would replace them.
    saved_since_download: list[ProgressChange] = field(default_factory=list)

    @property
    def changed_count(self) -> int:
        return sum(1 for r in self.rows if r.status != UNCHANGED)


def _group(code, problems) -> WorkingGroup | None:
    period, _slash, numeral = code.partition("/")
    try:
        return WorkingGroup.objects.with_roles().by_code(period, numeral)
    except WorkingGroup.DoesNotExist:
        problems.append(Problem(2, "B", _("There is no working group “%(code)s”.") % {"code": code}))


def workbook_preview(
    content: bytes, *, user, round_code: str | None = None, group: WorkingGroup | None = None
) -> WorkbookPreview:
    """Check a filled workbook and say what importing it would change. `round_code` and `group`
    are what the importer expects (the page or command line it comes from); the workbook must
    be for them. Raises SpreadsheetError (not a workbook), ImportRefused (every problem found)
    or PermissionDenied. `user` is a person, or the system actor of a management command."""
    filled = progress_workbook.read(content)
    target, reporting_round = _target(filled, group, round_code)
    report = GroupReport.objects.filter(round=reporting_round, group=target).first()
    if not policy.can_edit_progress(user, target, reporting_round, report):
        raise PermissionDenied
    version = report.version if report else 0
    since = []
    if report and filled.version is not None and filled.version < version:
        since = changes_since(report, filled.version)
    rows, entries, replaced = _rows_preview(filled, target, reporting_round, since)
    return WorkbookPreview(target, reporting_round, version, rows, entries, replaced)


def _target(filled, group, round_code) -> tuple[WorkingGroup, ReportingRound]:
    """The group and open round the workbook is for (cells B2 and B3), checked against what the
    importer expects; ImportRefused with every problem of the heading and the sheet's layout."""
    problems = list(filled.problems)
    workbook_group = _workbook_group(filled, group, problems)
    reporting_round = _workbook_round(filled, round_code, problems)
    target = group or workbook_group
    if problems or target is None:
        raise ImportRefused(problems)
    if reporting_round.programme_id != target.programme_id:
        raise ImportRefused(
            [
                Problem(
                    3,
                    "B",
                    _("Round %(round)s is not a round of the programme of group %(group)s.")
                    % {"round": filled.round_code, "group": target.code},
                )
            ]
        )
    return target, reporting_round


def _workbook_group(filled, group, problems) -> WorkingGroup | None:
    """The group cell B2 names, if there is one; what is wrong with it added to `problems`,
    such as naming another group than `group`, the one the importer expects."""
    if not filled.group_code:
        problems.append(Problem(2, "B", _("The workbook does not say which working group it is for.")))
        return None
    workbook_group = _group(filled.group_code, problems)
    if group is not None and workbook_group is not None and workbook_group.pk != group.pk:
        problems.append(
            Problem(
                2,
                "B",
                _("This workbook is for working group %(theirs)s, not %(ours)s.")
                % {"theirs": workbook_group.code, "ours": group.code},
            )
        )
    return workbook_group


def _workbook_round(filled, round_code, problems) -> ReportingRound | None:
    """The round cell B3 names, if there is one; what is wrong with it added to `problems`:
    another round than `round_code`, the one the importer expects, or a round not open."""
    reporting_round = (
        ReportingRound.objects.with_meeting().filter(meeting__code=filled.round_code).first()
        if filled.round_code
        else None
    )
    if reporting_round is None:
        problems.append(
            Problem(
                3,
                "B",
                _("There is no reporting round “%(code)s”.") % {"code": filled.round_code}
                if filled.round_code
                else _("The workbook does not say which reporting round it is for."),
            )
        )
    elif round_code and filled.round_code != round_code:
        problems.append(
            Problem(
                3,
                "B",
                _("This workbook is for round %(theirs)s, not %(ours)s.")
                % {"theirs": filled.round_code, "ours": round_code},
            )
        )
    elif not reporting_round.is_open:
        problems.append(
            Problem(
                3,
                "B",
                _("Round %(code)s is not open: progress can be imported only while a round is open.")
                % {"code": filled.round_code},
            )
        )
    return reporting_round


def _rows_preview(
    filled, target, reporting_round, since
) -> tuple[list[RowPreview], dict[int, EntryValues], list]:
    """Each filled row checked against the group's plan: what it would change, the values to save,
    and which of the values saved `since` the workbook was written it would replace (a value the
    workbook left as it was keeps what was saved: reporting.conflicts.keep_saved); ImportRefused
    with every row's problem (row and column, in the reader's language)."""
    activities = {
        progress_workbook.activity_code(a): a
        for a in Activity.objects.filter(group=target).select_related("group__programme")
    }
    existing = {
        e.activity_id: e for e in ProgressEntry.objects.filter(round=reporting_round, activity__group=target)
    }
    previous = _previous_percents(target, reporting_round)
    carried = carried_percents(reporting_round, target)
    problems, seen, checked_rows = [], {}, []
    for number, values in filled.rows:
        checked = _checked_row(number, values, activities, seen, target, problems)
        if checked is not None:
            checked_rows.append((number, *checked))
    if problems:
        raise ImportRefused(problems)
    given, replaced = keep_saved(since, {a.pk: values for _n, a, values in checked_rows}, carried)
    rows, entries = [], {}
    for number, activity, _values in checked_rows:
        pk = activity.pk
        if given[pk].percent is None:
            continue  # removed since the workbook was written, and left as it was in it
        row = _row_preview(number, activity, given[pk], existing.get(pk), carried.get(pk), previous.get(pk))
        rows.append(row)
        if row.changes:
            entries[pk] = given[pk]
    return rows, entries, replaced


def _previous_percents(target, reporting_round) -> dict[int, int]:
    """The percentage each of the group's activities had in the round before, by activity id."""
    previous_round = ReportingRound.objects.previous_to(reporting_round)
    if not previous_round:
        return {}
    return dict(
        ProgressEntry.objects.filter(round=previous_round, activity__group=target).values_list(
            "activity_id", "percent"
        )
    )


def _checked_row(number, values, activities, seen, target, problems) -> tuple[Activity, EntryValues] | None:
    """Row `number`'s activity and values; None when the row is wrong, its problem added to
    `problems`, or empty (an empty row keeps what is reported). `seen` maps the activity codes
    of the rows before it to their row."""
    activity_column = progress_workbook.column_label("activity")
    percent_column = progress_workbook.column_label("percent")
    code = TEXT.clean(values.get("activity")).strip()
    activity = activities.get(code)
    if activity is None:
        problems.append(Problem(number, activity_column, _unknown_activity(code, target)))
        return None
    if code in seen:
        problems.append(
            Problem(
                number,
                activity_column,
                _("Activity %(code)s is already on row %(row)s.") % {"code": code, "row": seen[code]},
            )
        )
        return None
    seen[code] = number
    try:
        percent = PERCENT.clean(values.get("percent"))
    except ValueError as error:
        problems.append(Problem(number, percent_column, str(error)))
        return None
    remarks = {name: TEXT.clean(values.get(name)) for name in ("remarks_en", "remarks_es")}
    longest = max(remarks, key=lambda name: len(remarks[name]))
    if len(remarks[longest]) > REMARK:
        problems.append(
            Problem(number, progress_workbook.column_label(longest), too_long(len(remarks[longest]), REMARK))
        )
        return None
    if percent is None:
        if any(v.strip() for v in remarks.values()):
            problems.append(Problem(number, percent_column, _("Give the percentage these remarks go with.")))
        return None
    return activity, EntryValues(percent, **remarks)


def _row_preview(number, activity, given, entry, carried, previous_percent) -> RowPreview:
    """What saving `given` would change in the activity's `entry` (None: none yet), counted as
    the progress form counts it: a percentage carried from the previous round (`carried`, which
    the workbook was prefilled with) and left as it was is no change (reporting.services.typed)."""
    changes = [(name, old, new) for _activity, name, old, new in typed_rows(activity, entry, given, carried)]
    status = UNCHANGED if not changes else (NEW if entry is None else CHANGED)
    return RowPreview(number, activity, status, changes, fall_warning(previous_percent, given.percent))


def _unknown_activity(code, group) -> str:
    if not code:
        return _("The activity code is empty.")
    group_code, _slash, position = code.rpartition("/")
    if group_code and group_code != group.code:
        return _("Activity %(code)s belongs to another working group, not to %(group)s.") % {
            "code": code,
            "group": group.code,
        }
    return _("Working group %(group)s has no activity %(code)s.") % {"group": group.code, "code": code}


def workbook_import(preview: WorkbookPreview, *, user):
    """Save what the preview showed, as a draft; ProgressConflict if the group report changed since."""
    return progress_save(
        group=preview.group,
        reporting_round=preview.reporting_round,
        user=user,
        entries=preview.entries,
        notes={},
        seen_version=preview.version,
        submit=False,
        source=ProgressChange.Source.IMPORT,
    )
