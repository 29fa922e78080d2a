"""A working group's workbook: every part of its programme and of its document in one xlsx, a
sheet per part, to fill in offline and upload (spreadsheets.group_import). The first sheet says
how, in English and Spanish; each other sheet is the admin's spreadsheet of that part (its
columns and keys, spreadsheets/resources) holding this group's rows only: header in row 1,
records below.
An empty workbook (no group) has the headers only, for a group that does not exist yet."""

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.bilingual import in_every_language

from .errors import Problem, SpreadsheetError
from .formats import dataset_of_rows, read_workbook, sheet_rows, write_dataset

README_SHEET = "read me"


@dataclass(frozen=True)
class Part:
    sheet: str
    resource: type
    group_lookup: str  # how the part's records reach their group, for the export's filter


def parts() -> list[Part]:
    """The sheets in the order an import needs them (what a row names is on an earlier sheet)."""
    from .resources.activities import (
        ActivityResource,
        ObjectiveResource,
        OutputResource,
        TopicResource,
    )
    from .resources.groups import FinancingSourceResource
    from .resources.network import EventResource, FigureResource, LinkResource
    from .resources.plan import ActionLineResource, ProgrammeAreaResource
    from .resources.plan_rows import PlanRowResource
    from .resources.working_groups import GroupHeadingResource, GroupTextsResource

    return [
        Part("group", GroupHeadingResource, "pk"),
        Part("texts", GroupTextsResource, "pk"),
        Part("financing", FinancingSourceResource, "group"),
        Part("objectives", ObjectiveResource, "group"),
        Part("areas", ProgrammeAreaResource, "objective__group"),
        Part("action_lines", ActionLineResource, "area__objective__group"),
        Part("topics", TopicResource, "group"),
        Part("activities", ActivityResource, "group"),
        Part("outputs", OutputResource, "group"),
        Part("plan_rows", PlanRowResource, "group"),
        Part("events", EventResource, "group"),
        Part("figures", FigureResource, "group"),
        Part("links", LinkResource, "group"),
    ]


INSTRUCTIONS = (
    gettext_noop(
        "This workbook holds a working group's programme and what its document shows, a sheet per part: "
        "the group and its roles, its paragraphs, financing, objectives, programme areas "
        "and their action lines, topic headings, activities, outputs, the plan's rows, and a "
        "network's events, figures and links."
    ),
    gettext_noop(
        "Row 1 of each sheet holds the column keys: do not change them. Texts have a "
        "column per language (_en, _es). Records are named by their keys: the group as "
        "2020-2021/IV, an objective as “specific 2”, a programme area as “specific 2/1”, "
        "countries by their ISO code, institutions by their code."
    ),
    gettext_noop(
        "Every row names this group in its “group” column. Add rows for new records; a "
        "record missing from the workbook is left as it is (delete it in the admin)."
    ),
    gettext_noop(
        "Upload the filled workbook on the working groups' page of the administration: "
        "you see what would change, and nothing is written until you confirm. A workbook "
        "with any problem writes nothing."
    ),
)


def file_name(group) -> str:
    return f"group-{group.programme.period}-{group.numeral}.xlsx" if group else "group-new.xlsx"


def build(group=None, *, of_parts=None, instructions=INSTRUCTIONS) -> bytes:
    """The workbook of `group` (headers only without one): a read-me sheet of `instructions`,
    then a sheet per part (by default every part of a group's workbook)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    book = Workbook()
    readme = book.active
    readme.title = README_SHEET
    readme.column_dimensions["A"].width = 120
    for text in instructions:
        readme.append([in_every_language(lambda text=text: _(text))])
        readme.cell(readme.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    for part in of_parts or parts():
        resource = part.resource()
        queryset = (
            resource.get_queryset().filter(**{part.group_lookup: group.pk})
            if group
            else resource.get_queryset().none()
        )
        dataset = resource.export(queryset=queryset)
        sheet = book.create_sheet(part.sheet)
        write_dataset(sheet, dataset)
        for cell in sheet[1]:
            texts = cell.value.endswith(("_en", "_es"))  # a text column is wide, a key narrow
            sheet.column_dimensions[cell.column_letter].width = 40 if texts else 16
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


NOT_A_SHEET = gettext_noop("This is not a sheet of a group's workbook; its sheets are: %(sheets)s.")


def read(content: bytes, *, of_parts=None, not_a_sheet=NOT_A_SHEET) -> tuple[dict, list[Problem]]:
    """The datasets of a filled workbook by sheet name, and the problems of its sheets' names
    (`of_parts`: the parts it may hold, by default a group's workbook's)."""
    book = read_workbook(content)
    known = [p.sheet for p in of_parts or parts()]
    datasets, problems = {}, []
    try:
        for sheet in book.worksheets:
            if sheet.title == README_SHEET:
                continue
            if sheet.title not in known:
                problems.append(
                    Problem(
                        None,
                        "",
                        _(not_a_sheet) % {"sheets": ", ".join(known)},
                        sheet.title,
                    )
                )
                continue
            rows = sheet_rows(sheet)  # one sheet too big refuses the whole workbook
            try:
                datasets[sheet.title] = dataset_of_rows(rows)
            except SpreadsheetError:
                continue  # an empty sheet: nothing to import from it
    finally:
        book.close()
    if "group" not in datasets:
        problems.append(
            Problem(
                None,
                "",
                _("The sheet “group” is missing or empty: it names the working group the workbook is for."),
                "group",
            )
        )
    return datasets, problems
