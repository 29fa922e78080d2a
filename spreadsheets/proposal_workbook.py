"""A group's proposal for the next programme in one workbook: the sheets of the group workbook
(spreadsheets.group_workbook) that hold a group's programme (its heading and roles, paragraphs,
financing, objectives, areas and action lines, topic headings, activities, outputs, plan rows),
prefilled with the proposal's group in the draft programme, for its focal points to fill in
offline and upload on the proposal's page (spreadsheets.proposal_import). A network's events,
figures and links report on a past programme, and progress has its own workbook: neither is
here. The columns and keys are the group workbook's, declared once in spreadsheets/resources."""

from django.utils.translation import gettext_noop

from . import group_workbook
from .errors import Problem

README_SHEET = group_workbook.README_SHEET
SHEETS = (
    "group",
    "texts",
    "financing",
    "objectives",
    "areas",
    "action_lines",
    "topics",
    "activities",
    "outputs",
    "plan_rows",
)

INSTRUCTIONS = (
    gettext_noop(
        "This workbook holds a working group's proposal for the next programme, a sheet per part: "
        "the group and its roles, its paragraphs, financing, objectives, programme areas and their "
        "action lines, topic headings, activities with their months, outputs with their agencies "
        "and timetables, and the plan's rows."
    ),
    gettext_noop(
        "Row 1 of each sheet holds the column keys: do not change them. Texts have a column per "
        "language (_en, _es). Records are named by their keys: the group as 2022-2023/IV, an "
        "objective as “specific 2”, an activity by its group and order; months as 2022-03."
    ),
    gettext_noop(
        "Every row names this group: a focal point may change only its own group's proposal. "
        "Add rows for new records; a record missing from the workbook is left as it is (remove it "
        "on the proposal's pages). An activity carried forward stays linked to the activity it "
        "continues as long as its order is kept."
    ),
    gettext_noop(
        "Upload the filled workbook on the proposal's page: you see what would change, and nothing "
        "is written until you confirm. A workbook with any problem writes nothing."
    ),
)


def parts() -> list:
    """The group workbook's parts a proposal holds, in the order an import needs them."""
    return [part for part in group_workbook.parts() if part.sheet in SHEETS]


def file_name(group) -> str:
    return f"proposal-{group.programme.period}-{group.numeral}.xlsx"


def build(group) -> bytes:
    """The workbook of `group` (a proposal's group), both languages in every text."""
    return group_workbook.build(group, of_parts=parts(), instructions=INSTRUCTIONS)


def read(content: bytes) -> tuple[dict, list[Problem]]:
    """The datasets of a filled proposal's workbook by sheet name, and its sheets' problems."""
    return group_workbook.read(content, of_parts=parts(), not_a_sheet=NOT_A_SHEET)


NOT_A_SHEET = gettext_noop("This is not a sheet of a proposal's workbook; its sheets are: %(sheets)s.")
