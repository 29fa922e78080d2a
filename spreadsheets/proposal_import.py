"""Importing a filled proposal's workbook (spreadsheets.proposal_workbook): every sheet through
the group workbook's resources, in order, in one transaction. Checking is importing and rolling
back, so the preview lists exactly the rows confirming would add or change, with their old and
new values. Confirming writes inside reporting.services.proposal_editing: the proposal locked,
the user's right asked again, the version the preview saw checked (a change made meanwhile is
refused, not overwritten), the proposal made a draft. Every row must be of the proposal's group
(a workbook changes only its own proposal); any problem in any sheet and nothing is written.

Records are found by their keys (an activity by its group and order), and a carried activity's
link to the activity it continues is no column: it stays with the activity of that order."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from reporting import policy
from reporting.services import proposal_editing

from . import proposal_workbook
from .errors import ImportRefused, Problem
from .resources.base import result_problems
from .resources.groups import RomanWidget


@dataclass(frozen=True)
class RowChange:
    """A row the import adds or changes: where it is, which record, and each changed column."""

    sheet: str
    row: int
    is_new: bool
    record: str
    changes: tuple  # (column, before, after) for a changed record


@dataclass
class ProposalWorkbookPreview:
    group_code: str
    version: int  # the proposal's version the preview was made on
    rows: list[RowChange]
    unchanged: int

    @property
    def changed_count(self) -> int:
        return len(self.rows)


class _Rollback(Exception):
    pass


def _heading_code(row: dict) -> str:
    """ "2022-2023/IV" from a row of the group and texts sheets (programme, number)."""
    try:
        number = RomanWidget().clean(row.get("number"))
    except ValueError:
        number = None
    programme = str(row.get("programme") or "").strip()
    return f"{programme}/{RomanWidget().render(number)}" if programme and number else ""


def _scope_problems(datasets, code) -> list[Problem]:
    """Rows of another group than the proposal's: a focal point changes only its own proposal."""
    problems = []
    if len(datasets["group"]) != 1:
        problems.append(
            Problem(None, "", _("The sheet must have exactly one row: the working group's."), "group")
        )
    for sheet, dataset in datasets.items():
        heading = sheet in ("group", "texts")
        for number, row in enumerate(dataset.dict, 2):
            found = _heading_code(row) if heading else str(row.get("group") or "").strip()
            if found == code:
                continue
            message = _(
                "This row is for working group “%(found)s”; this workbook is the proposal of %(code)s, "
                "and changes only that group."
            ) % {"found": found, "code": code}
            problems.append(Problem(number, "number" if heading else "group", message, sheet))
    return problems


def _shown(value) -> str:
    return "" if value is None else str(value)


def _row_change(resource, sheet, number, row, row_result) -> RowChange:
    keys = [resource.fields[name].column_name for name in resource.get_import_id_fields()]
    named = [_shown(row.get(k)) for k in keys if k not in ("group", "programme")]
    record = " · ".join(named) if named else _shown(row.get("programme"))
    changes = ()
    if row_result.is_update():
        before, after = row_result.original, row_result.instance
        changes = tuple(
            (field.column_name, old, new)
            for field in resource.get_import_fields()
            if field.column_name in row
            and (old := _shown(resource.export_field(field, before)))
            != (new := _shown(resource.export_field(field, after)))
        )
    return RowChange(sheet, number, row_result.is_new(), record, changes)


def _import_sheets(datasets, user) -> tuple[list[RowChange], int, list[Problem]]:
    """Import every sheet (inside the caller's transaction): the rows added or changed, how many
    were left unchanged, and every problem."""
    rows, unchanged, problems = [], 0, []
    for part in proposal_workbook.parts():
        if part.sheet not in datasets:
            continue
        resource, dataset = part.resource(), datasets[part.sheet]
        result = resource.import_data(
            dataset, dry_run=False, use_transactions=True, user=user, retain_instance_in_row_result=True
        )
        sheet_problems = result_problems(result, part.sheet)
        problems += sheet_problems
        if sheet_problems:
            continue  # rows and results no longer pair up; nothing will be shown but the problems
        for number, (row, row_result) in enumerate(zip(dataset.dict, result.rows, strict=True), 2):
            if row_result.is_new() or row_result.is_update():
                rows.append(_row_change(resource, part.sheet, number, row, row_result))
            else:
                unchanged += 1
    return rows, unchanged, problems


def _checked(content, proposal) -> dict:
    datasets, problems = proposal_workbook.read(content)
    if not problems:
        problems = _scope_problems(datasets, proposal.group.code)
    if problems:
        raise ImportRefused(problems)
    return datasets


def proposal_workbook_preview(content: bytes, *, proposal, user) -> ProposalWorkbookPreview:
    """What importing the filled workbook would change in `proposal`'s group; nothing is written.
    Raises PermissionDenied, SpreadsheetError (not a workbook) or ImportRefused (every problem,
    by sheet, row and column, in the reader's language)."""
    if not policy.can_edit_proposal(user, proposal):
        raise PermissionDenied
    datasets = _checked(content, proposal)
    try:
        with transaction.atomic():
            rows, unchanged, problems = _import_sheets(datasets, user)
            raise _Rollback
    except _Rollback:
        pass
    if problems:
        raise ImportRefused(problems)
    return ProposalWorkbookPreview(proposal.group.code, proposal.version, rows, unchanged)


def proposal_workbook_import(
    content: bytes, *, proposal, user, version: int | None
) -> ProposalWorkbookPreview:
    """Write the filled workbook into `proposal`'s group, as it was previewed on `version`.
    Raises what the preview raises, and reporting.services.ProposalConflict when the proposal
    changed since."""
    datasets = _checked(content, proposal)
    with proposal_editing(proposal, user, version=version):
        rows, unchanged, problems = _import_sheets(datasets, user)
        if problems:  # the programme changed since the preview: roll back the whole edit
            raise ImportRefused(problems)
    return ProposalWorkbookPreview(proposal.group.code, proposal.version, rows, unchanged)
