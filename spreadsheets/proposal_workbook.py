"""A group's proposal for the next programme in one workbook: the sheets of the group workbook
(spreadsheets.group_workbook) that hold a group's programme (its heading and roles, paragraphs,
financing, objectives, areas and action lines, topic headings, activities, outputs, plan rows),
prefilled with the proposal's group in the draft programme, for its focal points to fill in
offline and upload on the proposal's page (spreadsheets.proposal_import). A network's events,
figures and links report on a past programme, and progress has its own workbook: neither is
here. The columns and keys are the group workbook's, declared once in spreadsheets/resources."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.bilingual import in_every_language

from . import group_workbook
from .errors import Problem, SpreadsheetError
from .formats import dataset_of_rows, read_workbook, sheet_rows, write_dataset

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
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    book = Workbook()
    readme = book.active
    readme.title = README_SHEET
    readme.column_dimensions["A"].width = 120
    for text in INSTRUCTIONS:
        readme.append([in_every_language(lambda text=text: _(text))])
        readme.cell(readme.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    for part in parts():
        resource = part.resource()
        dataset = resource.export(queryset=resource.get_queryset().filter(**{part.group_lookup: group.pk}))
        sheet = book.create_sheet(part.sheet)
        write_dataset(sheet, dataset)
        for cell in sheet[1]:
            texts = cell.value.endswith(("_en", "_es"))  # a text column is wide, a key narrow
            sheet.column_dimensions[cell.column_letter].width = 40 if texts else 16
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(content: bytes) -> tuple[dict, list[Problem]]:
    """The datasets of a filled workbook by sheet name, and the problems of its sheets' names."""
    book = read_workbook(content)
    datasets, problems = {}, []
    try:
        for sheet in book.worksheets:
            if sheet.title == README_SHEET:
                continue
            if sheet.title not in SHEETS:
                message = _("This is not a sheet of a proposal's workbook; its sheets are: %(sheets)s.")
                problems.append(Problem(None, "", message % {"sheets": ", ".join(SHEETS)}, sheet.title))
                continue
            rows = sheet_rows(sheet)  # one sheet too big refuses the whole workbook
            try:
                datasets[sheet.title] = dataset_of_rows(rows)
            except SpreadsheetError:
                continue  # an empty sheet: nothing to import from it
    finally:
        book.close()
    if "group" not in datasets:
        message = _("The sheet “group” is missing or empty: it names the working group the workbook is for.")
        problems.append(Problem(None, "", message, "group"))
    return datasets, problems
