"""Spreadsheets of the programme's data in the admin (django-import-export): export and import
in xlsx and csv, natural keys, one column per language, a preview before anything is written,
formulas neutralised, and round trips that change nothing."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from activities.models import Activity, PlanRow
from core.roles import SYSTEM
from groups.models import Country, Institution, WorkingGroup
from reporting.models import ProgressChange, ProgressEntry
from reports.models import DocumentPart, DocumentWording
from spreadsheets.formats import CSV, XLSX
from spreadsheets.resources.activities import ActivityResource, ObjectiveResource
from spreadsheets.resources.composition import DocumentPartResource, DocumentWordingResource
from spreadsheets.resources.groups import CountryResource, InstitutionResource
from spreadsheets.resources.plan_rows import PlanRowResource
from spreadsheets.resources.reporting import ProgressEntryResource
from spreadsheets.resources.working_groups import WorkingGroupResource
from spreadsheets.sheets import sheets

from .support import natural_dump
from .support.db_state import snapshot
from .support.every_column import fill_every_column
from .support.second_factor import log_in
from .support.workbooks import upload

pytestmark = pytest.mark.django_db
FORMATS = {"xlsx": XLSX, "csv": CSV}


def as_file(resource_class, file_format, queryset=None) -> bytes:
    """What the admin's export gives: numbers and dates as such in xlsx, as text in csv."""
    data = file_format().export_data(resource_class().export(queryset, force_native_type=file_format is XLSX))
    return data if isinstance(data, bytes) else data.encode("utf-8")


def rows_of(content: bytes, name: str) -> list[list]:
    if name == "xlsx":
        return [
            list(r) for r in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
        ]
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def dataset(rows, name="csv"):
    """A dataset as the format reads it from a file with these rows."""
    if name == "csv":
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        return CSV().create_dataset(out.getvalue().encode("utf-8"))
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return XLSX().create_dataset(out.getvalue())


def problems(result) -> list[str]:
    """Every problem of an import result: (spreadsheet row, column, message) as text."""
    found = [str(e.error) for e in result.base_errors]
    found += [f"{line}: {e.error}" for line, errors in result.row_errors() for e in errors]
    found += [
        f"{row.number} {column}: {message}"
        for row in result.invalid_rows
        for column, messages in row.error_dict.items()
        for message in messages
    ]
    return found


# Round trips -------------------------------------------------------------------------------


@pytest.fixture
def every_column(db):
    """The fixtures and, beside them, a value in every column of every sheet."""
    return fill_every_column()


@pytest.mark.parametrize("stem,resource_class", sheets(), ids=[s for s, _r in sheets()])
def test_every_column_of_every_sheet_has_a_value_to_carry(stem, resource_class, every_column):
    exported = resource_class().export()
    empty = [
        header
        for position, header in enumerate(exported.headers)
        if all(row[position] in (None, "") for row in exported)
    ]
    assert empty == [], f"{stem}: add a value for these columns to tests/support/every_column.py"


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("stem,resource_class", sheets(), ids=[s for s, _r in sheets()])
def test_importing_an_unchanged_export_reports_no_change(stem, resource_class, name, every_column):
    content = as_file(resource_class, FORMATS[name])
    before = snapshot()
    result = resource_class().import_data(FORMATS[name]().create_dataset(content), dry_run=False, user=SYSTEM)
    assert problems(result) == []
    assert result.totals["new"] == result.totals["update"] == 0
    assert result.totals["skip"] == resource_class().get_queryset().count() > 0
    assert snapshot() == before


@pytest.mark.parametrize("name", [*FORMATS, "yaml"])
def test_every_sheet_imported_into_an_empty_database_reproduces_the_data(tmp_path, name, every_column):
    before = natural_dump.dump()
    assert sum(map(len, before.values())) > 400
    call_command("export_sheets", str(tmp_path), "--format", name, stdout=io.StringIO())
    natural_dump.empty_programme()
    assert not any(natural_dump.dump().values())
    call_command("import_sheets", str(tmp_path), stdout=io.StringIO())
    after = natural_dump.dump()
    for model in before:
        assert after[model] == before[model], (
            model,
            [set(b) ^ set(a) for b, a in zip(before[model], after[model], strict=False) if a != b][:1],
        )
    # Both languages came back, for instance a group's output in Spanish.
    group = WorkingGroup.objects.by_code("2020-2021", "IV")
    assert group.output_es.startswith("Guía metodológica")


def _plan_and_composition() -> dict:
    """Plan rows, documents' parts and wordings by the keys a reader knows, for the tests that
    round-trip them through each format one sheet at a time."""

    def text(value):
        return value or ""

    rows = PlanRow.objects.select_related("group__programme", "objective").prefetch_related("outputs")
    parts = DocumentPart.objects.select_related("document")
    wordings = DocumentWording.objects.select_related("document", "country", "institution")
    return {
        "plan_rows": sorted(
            (
                r.group.code,
                r.order,
                r.objective and f"{r.objective.kind} {r.objective.order}",
                tuple(sorted(o.order for o in r.outputs.all())),
                *map(text, (r.text_en, r.text_es, r.timetable_en, r.timetable_es)),
            )
            for r in rows
        ),
        "parts": sorted(
            (
                p.document.symbol,
                p.order,
                p.part,
                p.within,
                text(p.heading_en),
                text(p.heading_es),
                p.print_empty,
            )
            for p in parts
        ),
        "wordings": sorted(
            (
                w.document.symbol,
                w.language,
                w.country.iso3 if w.country else "",
                w.institution.code if w.institution else "",
                w.name,
                w.without_acronym,
            )
            for w in wordings
        ),
    }


@pytest.mark.parametrize("name", [*FORMATS, "yaml"])
def test_plan_rows_parts_and_wordings_come_back_from_every_format(tmp_path, name, every_column):
    before = _plan_and_composition()
    assert before["plan_rows"] == [
        ("2020-2021/XII", 1, "specific 1", (1, 2), "", "", "timetable (en)", "timetable (es)"),
        ("2020-2021/XII", 2, None, (), "text (en)", "text (es)", "", ""),
    ]
    assert before["parts"] == [
        ("LC/CE.20/9", 1, "introduction", False, "heading (en)", "heading (es)", True),
        ("LC/CE.20/9", 2, "objectives", True, "", "", False),
    ]
    assert before["wordings"] == [
        ("LC/CE.20/9", "en", "BOL", "", "Bolivia", False),
        ("LC/CE.20/9", "es", "", "ECLAC", "", True),
    ]
    call_command("export_sheets", str(tmp_path), "--format", name, stdout=io.StringIO())
    natural_dump.empty_programme()
    assert not any(_plan_and_composition().values())
    call_command("import_sheets", str(tmp_path), stdout=io.StringIO())
    assert _plan_and_composition() == before


@pytest.mark.parametrize("name", FORMATS)
def test_a_plan_row_names_its_outputs_by_their_order_in_its_group(name, every_column):
    rows = rows_of(as_file(PlanRowResource, FORMATS[name], PlanRow.objects.filter(group=every_column)), name)
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [(r["objective"] or "", r["outputs"] or "") for r in records] == [("specific 1", "1, 2"), ("", "")]
    # Semicolons separate them too, and a lone output may come as a number.
    added = [
        ["group", "order", "outputs", "text_en"],
        ["2020-2021/XII", 3, "2; 1", "Both"],
        ["2020-2021/XII", 4, 2, ""],
    ]
    result = PlanRowResource().import_data(dataset(added, name), user=SYSTEM)
    assert problems(result) == [] and result.totals["new"] == 2
    new = PlanRow.objects.filter(group=every_column, order__gt=2).order_by("order")
    assert [sorted(o.order for o in r.outputs.all()) for r in new] == [[1, 2], [2]]
    # Taking an output off a row is a change; the same outputs in another order are none.
    result = PlanRowResource().import_data(
        dataset([added[0], [*added[1][:2], "1", "Both"]], name), user=SYSTEM
    )
    assert problems(result) == [] and result.totals["update"] == 1
    assert [o.order for o in new[0].outputs.all()] == [1]
    result = PlanRowResource().import_data(dataset([added[0], added[2]], name), user=SYSTEM)
    assert result.totals["skip"] == 1


def test_a_wording_is_found_by_the_country_or_the_institution_it_names(every_column):
    header = ["document", "language", "country", "institution", "name", "without_acronym"]
    rows = [
        header,
        ["LC/CE.20/9", "en", "BOL", "", "Bolivia (Plurinational State of)", "0"],
        ["LC/CE.20/9", "en", "", "ECLAC", "", "1"],
    ]
    result = DocumentWordingResource().import_data(dataset(rows), user=SYSTEM)
    assert problems(result) == [] and (result.totals["update"], result.totals["new"]) == (1, 1)
    wordings = DocumentWording.objects.filter(document__symbol="LC/CE.20/9", language="en")
    assert sorted(
        (w.country.iso3 if w.country else w.institution.code, w.name, w.without_acronym) for w in wordings
    ) == [("BOL", "Bolivia (Plurinational State of)", False), ("ECLAC", "", True)]


# Natural keys and languages ---------------------------------------------------------------


def test_exports_name_related_records_by_keys_a_clerk_can_type():
    rows = rows_of(as_file(ActivityResource, XLSX, Activity.objects.filter(group__number=4, order=1)), "xlsx")
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["group"] == "2020-2021/IV" and record["order"] == 1
    assert "id" not in rows[0] and {"text_en", "text_es"} <= set(rows[0])
    groups = dict(
        zip(
            *rows_of(as_file(WorkingGroupResource, CSV, WorkingGroup.objects.filter(number=4)), "csv"),
            strict=True,
        )
    )
    assert groups["programme"] == "2020-2021" and groups["number"] == "IV"
    assert groups["coordinating"] == "MEX: INEGI@MEX"
    institutions = dict(
        zip(
            *rows_of(as_file(InstitutionResource, CSV, Institution.objects.filter(code="INEGI@MEX")), "csv"),
            strict=True,
        )
    )
    assert institutions["country"] == "MEX"


def test_a_missing_language_column_leaves_that_language_as_it_is():
    result = CountryResource().import_data(
        dataset([["iso3", "name_en"], ["MEX", "United Mexican States"]]), user=SYSTEM
    )
    assert problems(result) == [] and result.totals["update"] == 1
    mexico = Country.objects.get(iso3="MEX")
    assert (mexico.name_en, mexico.name_es) == ("United Mexican States", "México")


def test_a_group_s_roles_are_replaced_from_their_column_and_kept_without_it():
    result = WorkingGroupResource().import_data(
        dataset(
            [["programme", "number", "coordinating"], ["2020-2021", "IV", "MEX: INEGI@MEX; COL: DANE@COL"]]
        ),
        user=SYSTEM,
    )
    assert problems(result) == [] and result.totals["update"] == 1
    group = WorkingGroup.objects.with_roles().by_code("2020-2021", "IV")
    assert [(r.country.iso3, r.institution.code) for r in group.coordinating_roles] == [
        ("MEX", "INEGI@MEX"),
        ("COL", "DANE@COL"),
    ]
    assert group.member_roles or group.secretariat_roles  # other kinds untouched


# Formulas ---------------------------------------------------------------------------------

DANGEROUS = ['=HYPERLINK("http://evil.example")', "+1+2", "-3+4", "@SUM(A1)", "\tTab", "\rReturn"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_exported_formulas_are_neutralised_and_come_back_unchanged(text):
    activity = Activity.objects.get(group__number=4, order=1)
    activity.text_en = text
    activity.save()
    queryset = Activity.objects.filter(pk=activity.pk)
    content = as_file(ActivityResource, XLSX, queryset)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(2, header.index("text_en") + 1)
    assert cell.data_type == "s" and cell.quotePrefix
    # openpyxl writes through lxml (installed for python-docx), which escapes a carriage return
    # (&#13;) where its own writer let XML turn it into a line feed: every character comes back.
    assert cell.value == text
    csv_rows = rows_of(as_file(ActivityResource, CSV, queryset), "csv")
    assert csv_rows[1][csv_rows[0].index("text_en")] == "'" + text
    for name in FORMATS:
        content = as_file(ActivityResource, FORMATS[name], queryset)
        result = ActivityResource().import_data(FORMATS[name]().create_dataset(content), user=SYSTEM)
        assert problems(result) == [] and result.totals["skip"] == 1, name


def test_an_imported_formula_is_stored_as_its_text():
    book = openpyxl.Workbook()
    book.active.append(["iso3", "name_en"])
    book.active.append(["MEX", "=1+1"])
    out = io.BytesIO()
    book.save(out)
    assert book.active["B2"].data_type == "f"  # a real formula cell
    result = CountryResource().import_data(XLSX().create_dataset(out.getvalue()), user=SYSTEM)
    assert problems(result) == []
    assert Country.objects.get(iso3="MEX").name_en == "=1+1"


# Bad input ----------------------------------------------------------------------------------

BAD = {
    "unknown country": (
        InstitutionResource,
        [["code", "name_en", "kind", "country"], ["INE@ATL", "Instituto", "nso", "ATL"]],
        "There is no country with the ISO code “ATL”.",
    ),
    "unknown group": (
        ObjectiveResource,
        [["group", "kind", "order", "text_en"], ["2020-2021/XL", "general", "1", "Text"]],
        "There is no working group “2020-2021/XL”.",
    ),
    "unknown round": (
        ProgressEntryResource,
        [["round", "group", "activity", "percent"], ["CE.99", "2020-2021/IV", "3", "50"]],
        "There is no reporting round",
    ),
    "unknown activity": (
        ProgressEntryResource,
        [["round", "group", "activity", "percent"], ["CE.20", "2020-2021/IV", "99", "50"]],
        "has no activity at position",
    ),
    "renamed header": (CountryResource, [["iso3", "nombre_en"], ["MEX", "Mexico"]], "nombre_en"),
    "missing key column": (
        ObjectiveResource,
        [["group", "order", "text_en"], ["2020-2021/IV", "1", "Text"]],
        "kind",
    ),
    "repeated record": (
        CountryResource,
        [["iso3", "name_en"], ["MEX", "Mexico"], ["MEX", "Mexique"]],
        "already on row 2",
    ),
    "a choice that does not exist": (CountryResource, [["iso3", "membership"], ["MEX", "friend"]], "friend"),
    "an output the group does not have": (
        PlanRowResource,
        [["group", "order", "outputs", "timetable_en"], ["2020-2021/IV", "1", "1, 9", "2021"]],
        "2 outputs: Working group 2020-2021/IV has no output “9”.",
    ),
    "a part the document's kind does not have": (
        DocumentPartResource,
        [["document", "order", "part"], ["LC/CE.20/3", "1", "introduction"]],
        "This kind of document has no such part.",
    ),
    "a wording that names no record": (
        DocumentWordingResource,
        [["document", "language", "country", "institution", "name"], ["LC/CE.20/3", "en", "", "", "Chile"]],
        "Name either a country or an institution.",
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_rows_are_refused_with_row_column_and_reason_and_nothing_written(case):
    resource_class, rows, expected = BAD[case]
    before = snapshot()
    result = resource_class().import_data(dataset(rows), dry_run=False, user=SYSTEM)
    found = problems(result)
    assert any(expected in p for p in found), found
    assert snapshot() == before


@pytest.mark.parametrize("value", ["101", "-5", "50.5", "half"])
def test_bad_percentages_in_a_progress_sheet_are_refused(value, open_round):
    before = snapshot()
    rows = [
        ["round", "group", "activity", "percent", "remarks_en"],
        [open_round.meeting.code, "2020-2021/IV", "1", "40", "fine"],
        [open_round.meeting.code, "2020-2021/IV", "3", value, "bad"],
    ]
    found = problems(ProgressEntryResource().import_data(dataset(rows), dry_run=False, user=SYSTEM))
    assert found == [f"3 percent: The percentage must be a whole number from 0 to 100, not “{value}”."]
    assert snapshot() == before


def test_a_closed_round_and_another_programme_s_activity_are_refused(second_round):
    before = snapshot()
    found = problems(
        ProgressEntryResource().import_data(
            dataset([["round", "group", "activity", "percent"], ["CE.20", "2020-2021/IV", "3", "90"]]),
            dry_run=False,
            user=SYSTEM,
        )
    )
    assert found == ["2 round: Round CE.20 is closed: its progress can no longer be imported."]
    assert snapshot() == before


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize(
    "content,expected",
    [
        (b"", "empty"),
        (b"\n\n", "empty|not an Excel"),
        (b"%PDF-1.7 not a spreadsheet \x00\x01\x02", "not"),
        (b"PK\x03\x04 a damaged zip", "not"),
    ],
    ids=["empty", "blank lines", "not a spreadsheet", "corrupt"],
)
def test_unreadable_files_are_refused_with_a_message(name, content, expected):
    from spreadsheets.errors import SpreadsheetError

    with pytest.raises(SpreadsheetError, match=expected):
        FORMATS[name]().create_dataset(content)


# Through the admin ------------------------------------------------------------------------------


def _export(client, model_name, resource_class, file_format):
    url = reverse(f"admin:{model_name}_export")
    fields = {
        f"{resource_class.__name__.lower()}_{name}": "on" for name in resource_class().get_export_order()
    }
    return client.post(url, {"format": str(file_format), "resource": "0", **fields})


def test_the_secretariat_exports_and_imports_through_the_admin_with_a_preview(secretariat_client):
    response = _export(secretariat_client, "groups_country", CountryResource, 0)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = [list(r) for r in book.active.iter_rows(values_only=True)]
    assert rows[0] == ["iso3", "name_en", "name_es", "name_in_phrase_en", "name_in_phrase_es", "membership"]
    mexico = next(r for r in rows if r[0] == "MEX")
    mexico[1] = "Mexico (United Mexican States)"
    rows.append(["ZZZ", "Zedland", "Zedlandia", "", "", "member"])
    out = io.BytesIO()
    sheet = openpyxl.Workbook()
    for row in rows:
        sheet.active.append(row)
    sheet.save(out)

    before = snapshot()
    preview = secretariat_client.post(
        reverse("admin:groups_country_import"),
        {"format": "0", "resource": "0", "import_file": upload(out.getvalue(), "countries.xlsx")},
    )
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Confirm import" in html and "Zedland" in html and "United Mexican States" in html
    result = preview.context["result"]
    assert (result.totals["new"], result.totals["update"], result.totals["skip"]) == (1, 1, len(rows) - 3)
    assert snapshot() == before  # the preview wrote nothing
    confirm = preview.context["confirm_form"].initial
    done = secretariat_client.post(reverse("admin:groups_country_process_import"), confirm)
    assert done.status_code == 302
    assert Country.objects.get(iso3="ZZZ").name_es == "Zedlandia"
    assert Country.objects.get(iso3="MEX").name_en == "Mexico (United Mexican States)"


def test_the_admin_shows_every_problem_and_offers_no_confirmation(secretariat_client):
    content = b"iso3,name_en,membership\nMEX,Mexico,friend\nATL,Atlantis,member\n"
    before = snapshot()
    response = secretariat_client.post(
        reverse("admin:groups_country_import"),
        {"format": "1", "resource": "0", "import_file": upload(content, "countries.csv")},
    )
    html = response.content.decode()
    assert response.context.get("confirm_form") is None
    assert "Value &#x27;friend&#x27; is not a valid choice." in html  # row 2, membership
    rows = [row.number for row in response.context["result"].invalid_rows]
    assert rows == [2]  # the spreadsheet's row of MEX; the Atlantis row is right
    assert "Traceback" not in html
    assert snapshot() == before


def test_the_admin_lists_each_header_problem(secretariat_client):
    content = b"iso3,nombre_en\nMEX,Mexico\n"
    response = secretariat_client.post(
        reverse("admin:groups_country_import"),
        {"format": "1", "resource": "0", "import_file": upload(content, "countries.csv")},
    )
    assert response.context.get("confirm_form") is None
    assert (
        "<li>Row 1, column “nombre_en”: This is not a column of this sheet; its columns are: "
        "iso3, name_en, name_es, name_in_phrase_en, name_in_phrase_es, membership.</li>"
        in response.content.decode()
    )


def test_an_unreadable_file_is_refused_next_to_the_file_field(secretariat_client):
    response = secretariat_client.post(
        reverse("admin:groups_country_import"),
        {"format": "0", "resource": "0", "import_file": upload(b"not a workbook", "countries.xlsx")},
    )
    assert "not an Excel workbook" in response.content.decode()
    assert "BadZipFile" not in response.content.decode()


def test_import_and_export_need_the_matching_permissions(client):
    clerk = get_user_model().objects.create_user("viewer", password="pw", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_country"))
    log_in(client, clerk)
    assert _export(client, "groups_country", CountryResource, 1).status_code == 200
    assert client.get(reverse("admin:groups_country_import")).status_code == 403
    clerk.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "add_country",
                "change_country",
                "view_progressentry",
                "change_progressentry",
                "add_progressentry",
            ]
        )
    )
    clerk = get_user_model().objects.get(pk=clerk.pk)
    log_in(client, clerk)
    assert client.get(reverse("admin:groups_country_import")).status_code == 200
    # Progress goes into groups' histories: the secretariat's alone, whatever the model permissions.
    assert client.get(reverse("admin:reporting_progressentry_import")).status_code == 403


def test_imported_progress_is_recorded_in_the_groups_history(open_round, secretariat_user):
    rows = [
        ["round", "group", "activity", "percent", "remarks_en", "remarks_es"],
        [open_round.meeting.code, "2020-2021/IV", "3", "60", "On track", "Según lo previsto"],
        [open_round.meeting.code, "2020-2021/V", "1", "10", "", ""],
    ]
    result = ProgressEntryResource().import_data(dataset(rows), user=secretariat_user)
    assert problems(result) == [] and result.totals["new"] == 2
    entry = ProgressEntry.objects.get(round=open_round, activity__group__number=4, activity__order=3)
    assert (entry.percent, entry.remarks_es) == (60, "Según lo previsto")
    changes = ProgressChange.objects.filter(report__round=open_round)
    assert {(c.report.group.number, c.field, c.new_value, c.source, c.changed_by_id) for c in changes} == {
        (4, "percent", "60", "import", secretariat_user.pk),
        (4, "remarks_en", "On track", "import", secretariat_user.pk),
        (4, "remarks_es", "Según lo previsto", "import", secretariat_user.pk),
        (5, "percent", "10", "import", secretariat_user.pk),
    }
    assert {c.report.version for c in changes} == {1}


def test_importing_progress_costs_the_same_queries_for_ten_times_the_rows(open_round):
    activities = list(
        Activity.objects.filter(group__programme=open_round.programme).select_related("group__programme")
    )

    def import_rows(chosen, percent):
        rows = [["round", "group", "activity", "percent", "remarks_en"]] + [
            [open_round.meeting.code, a.group.code, str(a.order), str(percent), f"r{percent}"] for a in chosen
        ]
        with CaptureQueriesContext(connection) as queries:
            result = ProgressEntryResource().import_data(dataset(rows), dry_run=False, user=SYSTEM)
        assert problems(result) == []
        return len(queries)

    # New entries both times, each for activities of several groups.
    small, large = import_rows(activities[:12], 10), import_rows(activities[12:132], 20)
    assert len(activities) >= 132
    if connection.vendor == "sqlite":
        # SQLite takes at most 999 parameters a statement, so Django splits bulk writes into
        # batches: a few more statements, never one a row.
        assert small <= large <= small + 120 * 12 // 999 + 2
    else:
        assert large == small


def test_the_secretariat_imports_progress_through_the_admin(secretariat_client, secretariat_user, open_round):
    content = (
        f"round,group,activity,percent,remarks_en,remarks_es\n"
        f"{open_round.meeting.code},2020-2021/IV,3,65,Admin import,Importación\n"
    ).encode()
    preview = secretariat_client.post(
        reverse("admin:reporting_progressentry_import"),
        {"format": "1", "resource": "0", "import_file": upload(content, "progress.csv")},
    )
    assert preview.status_code == 200 and preview.context["result"].totals["new"] == 1
    assert not ProgressEntry.objects.filter(round=open_round).exists()
    done = secretariat_client.post(
        reverse("admin:reporting_progressentry_process_import"), preview.context["confirm_form"].initial
    )
    assert done.status_code == 302
    entry = ProgressEntry.objects.get(round=open_round)
    assert (entry.activity.order, entry.percent, entry.remarks_es) == (3, 65, "Importación")
    assert set(
        ProgressChange.objects.filter(report__round=open_round).values_list("source", "changed_by")
    ) == {("import", secretariat_user.pk)}


def test_an_admin_imports_problems_name_what_is_missing_in_the_clerks_language(secretariat_client):
    """The kind of record a cell names ("reporting round for the meeting") is translated when
    the message is shown, not when the sheet was defined."""
    content = b"round,group,activity,percent,remarks_en,remarks_es\nCE.99,2020-2021/IV,3,65,,\n"
    with translation.override("es"):
        url = reverse("admin:reporting_progressentry_import")
    before = snapshot()
    page = secretariat_client.post(
        url, {"format": "1", "resource": "0", "import_file": upload(content, "progress.csv")}
    )
    assert "No existe ronda de informes para la reunión “CE.99”." in page.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    "text,message",
    [
        ("- code: [unclosed\n", "countries.yaml: The YAML file is damaged"),
        ("code: MEX\n", "countries.yaml: A YAML sheet is a list of rows"),
        (
            "- iso3: MEX\n  name_es: México\n  membership: founder\n",
            "countries.yaml: Row 2, column “membership”",
        ),
    ],
    ids=["damaged", "not-a-list", "wrong-value"],
)
def test_a_wrong_yaml_sheet_is_named_and_nothing_is_written(tmp_path, text, message):
    """Every sheet in one transaction: a wrong file, even after a right one, writes nothing."""
    meeting = "- code: CE.30\n  body: committee\n  number: 30\n  is_virtual: true\n"
    meeting += "  start_date: '2031-04-01'\n  end_date: '2031-04-02'\n"
    (tmp_path / "meetings.yaml").write_text(meeting, encoding="utf-8")
    (tmp_path / "countries.yaml").write_text(text, encoding="utf-8")
    before, err = snapshot(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_sheets", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert message in err.getvalue() and "meetings.yaml" not in err.getvalue()
    assert snapshot() == before
