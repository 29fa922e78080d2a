"""Importing a filled group's workbook (spreadsheets.group_workbook): every sheet through its
resource, in order, in one transaction. Checking is importing and rolling back, so the preview
tells exactly what confirming would do, later sheets seeing what earlier ones add (a new
group's objectives, then the activities under them). Any problem in any sheet and nothing is
written; every row must be of the one group the workbook names."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from groups.models import WorkingGroup
from reporting import policy

from . import group_workbook
from .errors import ImportRefused, Problem
from .resources.base import result_problems
from .resources.groups import RomanWidget


@dataclass(frozen=True)
class SheetOutcome:
    sheet: str
    new: int
    updated: int
    unchanged: int


@dataclass
class GroupWorkbookOutcome:
    group_code: str
    is_new_group: bool
    sheets: list[SheetOutcome]

    @property
    def changed_count(self) -> int:
        return sum(s.new + s.updated for s in self.sheets)


class _Rollback(Exception):
    pass


def workbook_models() -> list:
    return [p.resource._meta.model for p in group_workbook.parts()]


def _group_code(row: dict) -> str:
    """ "2020-2021/IV" from a row of the group's sheets (programme, number)."""
    try:
        number = RomanWidget().clean(row.get("number"))
    except ValueError:
        number = None
    programme = str(row.get("programme") or "").strip()
    return f"{programme}/{RomanWidget().render(number)}" if programme and number else ""


def _scope_problems(datasets, code) -> list[Problem]:
    """Rows of another group than the workbook's: refused, for one file writes one group."""
    problems = []
    for sheet, dataset in datasets.items():
        for number, row in enumerate(dataset.dict, 2):
            if sheet in ("group", "texts"):
                found = _group_code(row)
                column = "number"
            else:
                found = str(row.get("group") or "").strip()
                column = "group"
            if found != code:
                problems.append(
                    Problem(
                        number,
                        column,
                        _("This row is for working group “%(found)s”; this workbook is for %(code)s.")
                        % {"found": found, "code": code},
                        sheet,
                    )
                )
    return problems


def _heading_problems(datasets, group) -> tuple[str, list[Problem]]:
    heading = datasets["group"]
    if len(heading) != 1:
        return "", [
            Problem(None, "", _("The sheet must have exactly one row: the working group's."), "group")
        ]
    code = _group_code(heading.dict[0])
    if not code:
        return "", [
            Problem(2, "number", _("Give the group's programme (2020-2021) and number (IV)."), "group")
        ]
    if group is not None and code != group.code:
        return code, [
            Problem(
                2,
                "number",
                _("This workbook is for working group %(theirs)s, not %(ours)s.")
                % {"theirs": code, "ours": group.code},
                "group",
            )
        ]
    return code, []


def group_workbook_import(
    content: bytes, *, user, group: WorkingGroup | None = None, confirm: bool = False
) -> GroupWorkbookOutcome:
    """Check a filled workbook (for `group` when given) and say what importing it changes; with
    `confirm`, write it. Raises SpreadsheetError (not a workbook), ImportRefused (every problem,
    by sheet, row and column, in the reader's language) or PermissionDenied."""
    if not policy.can_exchange_group_workbook(user, workbook_models()):
        raise PermissionDenied
    datasets, problems = group_workbook.read(content)
    if problems:
        raise ImportRefused(problems)
    code, problems = _heading_problems(datasets, group)
    problems += _scope_problems(datasets, code) if code else []
    if problems:
        raise ImportRefused(problems)
    period, _slash, numeral = code.partition("/")
    try:
        is_new = not WorkingGroup.objects.by_code(period, numeral)
    except WorkingGroup.DoesNotExist:
        is_new = True
    outcomes = []
    try:
        with transaction.atomic():
            for part in group_workbook.parts():
                if part.sheet not in datasets:
                    continue
                result = part.resource().import_data(
                    datasets[part.sheet], dry_run=False, use_transactions=True, user=user
                )
                problems += result_problems(result, part.sheet)
                totals = result.totals
                outcomes.append(
                    SheetOutcome(
                        part.sheet, totals.get("new", 0), totals.get("update", 0), totals.get("skip", 0)
                    )
                )
            if problems or not confirm:
                raise _Rollback
    except _Rollback:
        pass
    if problems:
        raise ImportRefused(problems)
    return GroupWorkbookOutcome(code, is_new, outcomes)
