"""The progress workbook: downloaded for a group and an open round, filled in offline, uploaded
back on the group's page (or in the admin, or from the command line), previewed, confirmed;
the same result as the progress form, history included. Bad workbooks are refused with every
problem by row, column and reason, in the user's language, and nothing written."""

import io
import re

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.roles import SYSTEM
from groups.models import WorkingGroup
from reporting.models import GroupReport, ProgressChange, ProgressEntry
from spreadsheets import progress_workbook
from spreadsheets.errors import ImportRefused, SpreadsheetError
from spreadsheets.services import workbook_import, workbook_preview

from .support.db_state import snapshot
from .support.workbooks import FIRST_ROW, column, filled, row_of, upload

pytestmark = pytest.mark.django_db


def _url(name, reporting_round, group=("2020-2021", "IV")):
    with translation.override("en"):
        return reverse(name, args=[reporting_round.meeting.code, *group])


def refused(content, user=SYSTEM, **expected) -> list[str]:
    before = snapshot()
    with pytest.raises(ImportRefused) as error:
        workbook_preview(content, user=user, **expected)
    assert snapshot() == before
    return [str(p) for p in error.value.problems]


# The workbook itself -----------------------------------------------------------------------


def test_the_workbook_names_its_group_and_round_explains_itself_and_locks_all_but_the_new_values(
    group_iv, open_round, second_round
):
    sheet = openpyxl.load_workbook(io.BytesIO(progress_workbook.build(group_iv, open_round))).active
    assert sheet["B2"].value == "2020-2021/IV" and sheet["B3"].value == open_round.meeting.code
    assert "Fill in the new percentage" in sheet["A5"].value
    assert "complete en las celdas blancas el nuevo porcentaje" in sheet["A6"].value
    assert sheet.protection.sheet
    activities = list(group_iv.activities.order_by("order"))
    rows = range(FIRST_ROW, FIRST_ROW + len(activities))
    assert [sheet.cell(r, 1).value for r in rows] == [f"2020-2021/IV/{a.order}" for a in activities]
    for key in progress_workbook.COLUMNS:
        locked = {sheet.cell(r, column(key)).protection.locked for r in rows}
        assert locked == ({False} if key in ("percent", "remarks_en", "remarks_es") else {True}), key
    validation = sheet.data_validations.dataValidation[0]
    assert (validation.type, validation.operator, validation.formula1, validation.formula2) == (
        "whole",
        "between",
        "0",
        "100",
    )
    assert str(validation.sqref) == f"G{FIRST_ROW}:G{FIRST_ROW + len(activities) - 1}"
    # The schedule and the previous round's percentage are there, locked.
    third = row_of(sheet, group_iv, 3)
    previous = ProgressEntry.objects.get(round=second_round, activity__group=group_iv, activity__order=3)
    assert sheet.cell(third, column("previous_percent")).value == previous.percent
    assert sheet.cell(third, column("activity_es")).value.startswith("Plan de trabajo")
    # Not yet reported in the round: the new percentage starts from the previous one (issue 17).
    assert sheet.cell(third, column("percent")).value == previous.percent


def test_the_portal_offers_the_workbook_to_the_coordinator(client, coordinator, group_iv, open_round):
    client.force_login(coordinator)
    page = client.get(_url("workspace:progress", open_round)).content.decode()
    assert _url("spreadsheets:workbook", open_round) in page and 'enctype="multipart/form-data"' in page
    response = client.get(_url("spreadsheets:workbook", open_round))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="progress-{open_round.meeting.code}-2020-2021-IV.xlsx"'
    )
    assert openpyxl.load_workbook(io.BytesIO(response.content)).active["B2"].value == "2020-2021/IV"


def test_export_progress_writes_the_same_workbook(tmp_path, group_iv, second_round):
    out = tmp_path / "iv.xlsx"
    call_command(
        "export_progress",
        "--round",
        "CE.20",
        "--group",
        "2020-2021/IV",
        "--output",
        str(out),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    sheet = openpyxl.load_workbook(out).active
    assert (sheet["B2"].value, sheet["B3"].value) == ("2020-2021/IV", "CE.20")
    third = row_of(sheet, group_iv, 3)
    entry = ProgressEntry.objects.get(round=second_round, activity__group=group_iv, activity__order=3)
    assert sheet.cell(third, column("percent")).value == entry.percent


# Importing: the same as the form -------------------------------------------------------------


def test_a_focal_point_uploads_previews_and_confirms(client, coordinator, group_iv, open_round):
    client.force_login(coordinator)
    ProgressEntry.objects.create(
        round=open_round,
        activity=group_iv.activities.get(order=1),
        percent=20,
        remarks_en="Started",
        remarks_es="Iniciado",
    )
    content = filled(
        group_iv,
        open_round,
        {1: (20, "Started", "Iniciado"), 2: (40, "Drafting", "Redacción"), 3: (100, "Done", "Terminado")},
        only=True,
    )
    before = snapshot()
    preview = client.post(_url("spreadsheets:workbook_import", open_round), {"workbook": upload(content)})
    assert preview.status_code == 200
    assert snapshot() == before  # nothing written before the confirmation
    rows = {r.activity.order: r for r in preview.context["preview"].rows}
    assert (rows[1].status, rows[2].status, rows[3].status) == ("unchanged", "new", "new")
    html = preview.content.decode()
    assert "Confirm the import" in html and "<ins>Drafting</ins>" in html

    done = client.post(_url("spreadsheets:workbook_import", open_round), {"token": preview.context["token"]})
    assert done.status_code == 302 and done["Location"] == _url("workspace:progress", open_round)
    entries = {
        e.activity.order: (e.percent, e.remarks_en, e.remarks_es)
        for e in ProgressEntry.objects.filter(round=open_round, activity__group=group_iv)
    }
    assert entries == {
        1: (20, "Started", "Iniciado"),
        2: (40, "Drafting", "Redacción"),
        3: (100, "Done", "Terminado"),
    }
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    assert report.status == GroupReport.Status.DRAFT
    history = ProgressChange.objects.filter(report=report)
    assert {(c.activity and c.activity.order, c.field, c.old_value, c.new_value) for c in history} == {
        (2, "percent", "", "40"),
        (2, "remarks_en", "", "Drafting"),
        (2, "remarks_es", "", "Redacción"),
        # Activity 3 was at 100% in the previous round, which the workbook starts from: keeping
        # it is no change (issue 26), so only its remarks are in the history.
        (3, "remarks_en", "", "Done"),
        (3, "remarks_es", "", "Terminado"),
        (None, "status", "not_started", "draft"),
    }
    assert {(c.source, c.changed_by_id) for c in history} == {("import", coordinator.pk)}
    page = client.get(done["Location"]).content.decode()
    assert "5 values changed" in page and "spreadsheet import" in page
    # The token is used up: confirming again imports nothing.
    again = client.post(_url("spreadsheets:workbook_import", open_round), {"token": preview.context["token"]})
    assert again.status_code == 302 and ProgressChange.objects.filter(report=report).count() == 6


def test_a_save_between_preview_and_confirmation_is_not_overwritten(
    client, coordinator, group_iv, open_round
):
    client.force_login(coordinator)
    content = filled(group_iv, open_round, {3: (70, "From the workbook", "Del libro")})
    preview = client.post(_url("spreadsheets:workbook_import", open_round), {"workbook": upload(content)})
    other = Client()
    other.force_login(coordinator)
    from .support.progress_forms import progress_post

    other.post(
        _url("workspace:progress", open_round),
        progress_post(group_iv, open_round, values={3: (30, "Typed", "Escrito")}),
    )
    client.post(_url("spreadsheets:workbook_import", open_round), {"token": preview.context["token"]})
    entry = ProgressEntry.objects.get(round=open_round, activity__group=group_iv, activity__order=3)
    assert (entry.percent, entry.remarks_en) == (30, "Typed")


def test_the_preview_warns_of_values_saved_after_the_download(group_iv, open_round, coordinator):
    content = filled(group_iv, open_round, {3: (70, "Workbook", "Libro")})  # downloaded at version 0
    from reporting.services import EntryValues, progress_save

    progress_save(
        group=group_iv,
        reporting_round=open_round,
        user=coordinator,
        notes={},
        seen_version=0,
        entries={group_iv.activities.get(order=3).pk: EntryValues(30, "Typed", "Escrito")},
        submit=False,
    )
    preview = workbook_preview(content, user=coordinator, group=group_iv)
    assert {(c.field, c.new_value) for c in preview.saved_since_download} >= {("percent", "30")}


def test_import_progress_prints_the_preview_and_writes_only_without_dry_run(tmp_path, group_iv, open_round):
    path = tmp_path / "iv.xlsx"
    path.write_bytes(filled(group_iv, open_round, {3: (45, "Halfway", "A medio camino")}))
    out = io.StringIO()
    before = snapshot()
    call_command("import_progress", str(path), "--round", open_round.meeting.code, "--dry-run", stdout=out)
    assert "activity 3: new" in out.getvalue() and "percent: — -> 45" in out.getvalue()
    assert snapshot() == before
    call_command("import_progress", str(path), "--round", open_round.meeting.code, stdout=out)
    entry = ProgressEntry.objects.get(round=open_round, activity__group=group_iv, activity__order=3)
    assert (entry.percent, entry.remarks_es) == (45, "A medio camino")
    assert set(
        ProgressChange.objects.filter(report__group=group_iv, report__round=open_round).values_list(
            "source", flat=True
        )
    ) == {"import"}


def test_import_progress_prints_every_problem_and_exits_non_zero(tmp_path, group_iv, open_round):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(filled(group_iv, open_round, {1: (101, "", ""), 2: ("half", "", "")}))
    err = io.StringIO()
    before = snapshot()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_progress", str(path), "--round", open_round.meeting.code, stderr=err)
    assert (
        "column “New percentage (0-100) (percent)”: "
        "The percentage must be a whole number from 0 to 100, not “101”." in err.getvalue()
    )
    assert "not “half”" in err.getvalue()
    assert snapshot() == before


def test_the_secretariat_imports_a_workbook_in_the_admin(secretariat_client, group_iv, open_round):
    url = reverse("admin:reporting_groupreport_import_workbook")
    assert (
        secretariat_client.get(reverse("admin:reporting_groupreport_changelist")).content.decode().count(url)
        == 1
    )
    preview = secretariat_client.post(
        url, {"workbook": upload(filled(group_iv, open_round, {3: (80, "Admin", "Admin")}))}
    )
    assert preview.status_code == 200 and "Confirm the import" in preview.content.decode()
    done = secretariat_client.post(url, {"token": preview.context["token"]})
    assert done.status_code == 302
    assert (
        ProgressEntry.objects.get(round=open_round, activity__group=group_iv, activity__order=3).percent == 80
    )


# Bad workbooks ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [101, -5, 50.5, "half"])
def test_a_bad_percentage_is_refused(group_iv, open_round, value):
    content = filled(group_iv, open_round, {1: (30, "", ""), 3: (value, "", "")})
    row = row_of(openpyxl.load_workbook(io.BytesIO(content)).active, group_iv, 3)
    assert refused(content) == [
        f"Row {row}, column “New percentage (0-100) (percent)”: The percentage must be a whole number "
        f"from 0 to 100, not “{value}”."
    ]


def _cell(content, group, position, key, value):
    book = openpyxl.load_workbook(io.BytesIO(content))
    row = row_of(book.active, group, position)
    book.active.cell(row, column(key), value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), row


def test_an_unknown_activity_another_group_s_activity_and_a_repeated_one_are_refused(group_iv, open_round):
    content = filled(group_iv, open_round, {1: (10, "", ""), 2: (20, "", ""), 3: (30, "", "")})
    content, unknown = _cell(content, group_iv, 1, "activity", "2020-2021/IV/99")
    content, foreign = _cell(content, group_iv, 2, "activity", "2020-2021/V/2")
    content, repeated = _cell(content, group_iv, 3, "activity", "2020-2021/IV/4")
    book = openpyxl.load_workbook(io.BytesIO(content))
    book.active.cell(row_of(book.active, group_iv, 4), column("percent"), 40)
    out = io.BytesIO()
    book.save(out)
    assert refused(out.getvalue()) == [
        f"Row {unknown}, column “Activity code (activity)”: "
        "Working group 2020-2021/IV has no activity 2020-2021/IV/99.",
        f"Row {foreign}, column “Activity code (activity)”: "
        "Activity 2020-2021/V/2 belongs to another working group, not to 2020-2021/IV.",
        f"Row {repeated + 1}, column “Activity code (activity)”: "
        f"Activity 2020-2021/IV/4 is already on row {repeated}.",
    ]


def test_remarks_without_a_percentage_are_refused(group_iv, open_round):
    content = filled(group_iv, open_round, {3: (None, "Some remarks", "")})
    assert refused(content)[0].endswith(
        "column “New percentage (0-100) (percent)”: Give the percentage these remarks go with."
    )


def test_an_unknown_group_or_round_is_refused(group_iv, open_round):
    content = filled(group_iv, open_round, {3: (30, "", "")}, cells={(2, 2): "2020-2021/XX", (3, 2): "CE.99"})
    assert refused(content) == [
        "Row 2, column “B”: There is no working group “2020-2021/XX”.",
        "Row 3, column “B”: There is no reporting round “CE.99”.",
    ]


def test_a_closed_round_is_refused(group_iv, second_round):
    content = filled(group_iv, second_round, {3: (30, "", "")})
    assert refused(content) == [
        "Row 3, column “B”: Round CE.20 is not open: progress can be imported only while a round is open."
    ]


def test_a_workbook_of_another_group_is_refused(client, coordinator, open_round):
    group_v = WorkingGroup.objects.by_code("2020-2021", "V")
    content = filled(group_v, open_round, {1: (30, "", "")})
    client.force_login(coordinator)
    before = snapshot()
    response = client.post(_url("spreadsheets:workbook_import", open_round), {"workbook": upload(content)})
    assert response.status_code == 400
    assert "This workbook is for working group 2020-2021/V, not 2020-2021/IV." in response.content.decode()
    assert snapshot() == before


def test_a_focal_point_cannot_import_into_a_group_they_do_not_coordinate(group_iv, open_round, other_focal):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        workbook_preview(filled(group_iv, open_round, {3: (30, "", "")}), user=other_focal, group=group_iv)


@pytest.mark.parametrize("header", ["percent", "remarks_es"])
def test_a_renamed_or_missing_column_is_refused(group_iv, open_round, header):
    renamed = filled(
        group_iv,
        open_round,
        {3: (30, "", "")},
        cells={(progress_workbook.HEADER_ROW, column(header)): f"{header} (new)"},
    )
    problems = refused(renamed)
    assert (
        f"Row {progress_workbook.HEADER_ROW}, column “{header} (new)”: This is not a column key"
        in problems[0]
    )
    label = progress_workbook.column_label(header)
    assert (
        problems[1]
        == f"Row {progress_workbook.HEADER_ROW}, column “{label}”: This required column is missing."
    )


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "The file is empty."),
        (b"Date,Amount\n2021-01-01,3\n", "not an Excel workbook"),
        (b"PK\x03\x04\x14\x00broken", "not an Excel workbook"),
    ],
    ids=["empty", "not a spreadsheet", "corrupt"],
)
def test_an_empty_foreign_or_corrupt_file_is_refused(client, coordinator, open_round, content, message):
    with pytest.raises(SpreadsheetError, match=message):
        workbook_preview(content, user=SYSTEM)
    client.force_login(coordinator)
    before = snapshot()
    response = client.post(_url("spreadsheets:workbook_import", open_round), {"workbook": upload(content)})
    assert response.status_code == 400
    assert message in response.content.decode() or "The submitted file is empty." in response.content.decode()
    assert snapshot() == before


def test_an_empty_workbook_is_refused():
    book = openpyxl.Workbook()
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SpreadsheetError, match="The file is empty."):
        workbook_preview(out.getvalue(), user=SYSTEM)


def test_problems_are_told_in_spanish(client, coordinator, group_iv, open_round):
    client.force_login(coordinator)
    content = filled(group_iv, open_round, {3: (101, "", "")})
    with translation.override("es"):
        url = reverse("spreadsheets:workbook_import", args=[open_round.meeting.code, "2020-2021", "IV"])
    response = client.post(url, {"workbook": upload(content)})
    html = response.content.decode()
    assert response.status_code == 400
    assert "El porcentaje debe ser un número entero de 0 a 100" in html
    # The column is named by its label in the reader's language, then its key.
    assert re.search(r"<td[^>]*>Nuevo porcentaje \(0-100\) \(percent\)</td>", html)
    assert "no se importó nada" in html


def test_an_imported_formula_is_kept_as_text(group_iv, open_round):
    content = filled(group_iv, open_round, {3: (30, '=HYPERLINK("http://x")', "+1")})
    preview = workbook_preview(content, user=SYSTEM)
    workbook_import(preview, user=SYSTEM)
    entry = ProgressEntry.objects.get(round=open_round, activity__group=group_iv, activity__order=3)
    assert (entry.remarks_en, entry.remarks_es) == ('=HYPERLINK("http://x")', "+1")


def test_the_preview_warns_of_a_fall_below_the_previous_round(
    client, coordinator, group_iv, open_round, second_round
):
    """Issue 17: the workbook's preview shows the warnings the form's summary shows."""
    previous = {
        e.activity.order: e.percent
        for e in ProgressEntry.objects.filter(round=second_round, activity__group=group_iv).select_related(
            "activity"
        )
    }
    order = next(o for o, percent in previous.items() if percent > 30)
    client.force_login(coordinator)
    content = filled(group_iv, open_round, {order: (2, "Redone", "Rehecho")}, only=True)
    preview = client.post(_url("spreadsheets:workbook_import", open_round), {"workbook": upload(content)})
    (row,) = preview.context["preview"].rows
    assert (
        row.warning == f"A drop of {previous[order] - 2} points, from {previous[order]}% to 2%: is it right?"
    )
    assert "⚠ A drop of" in preview.content.decode()


@pytest.mark.parametrize(
    "lang, says",
    [
        (
            "en",
            "This workbook was previewed for working group 2020-2021/IV, round {round}, not for "
            "2020-2021/VI, round {round}, whose page this is; nothing was imported.",
        ),
        (
            "es",
            "Este libro de avance se previsualizó para el grupo de trabajo 2020-2021/IV, ronda {round}, no "
            "para el 2020-2021/VI, ronda {round}, que es el de esta página; no se importó nada.",
        ),
    ],
)
def test_a_confirmation_on_another_groups_page_is_refused_and_writes_nothing(
    client, coordinator, group_iv, open_round, lang, says
):
    """Issue 27: the token of group IV's preview, posted on group VI's page (both the focal
    point's), imported into group IV; now the page's group and round must be the preview's."""
    client.force_login(coordinator)
    content = filled(group_iv, open_round, {3: (30, "Thirty", "Treinta")}, only=True)
    preview = client.post(_url("spreadsheets:workbook_import", open_round), {"workbook": upload(content)})
    token = preview.context["token"]
    assert token
    before = snapshot()
    with translation.override(lang):
        elsewhere = reverse("spreadsheets:workbook_import", args=[open_round.meeting.code, "2020-2021", "VI"])
    refused_page = client.post(elsewhere, {"token": token}, follow=True)
    assert says.format(round=open_round.meeting.code) in refused_page.content.decode()
    assert snapshot() == before
    # The preview still waits for its own page's confirmation.
    done = client.post(_url("spreadsheets:workbook_import", open_round), {"token": token})
    assert done.status_code == 302
    assert (
        ProgressEntry.objects.get(round=open_round, activity__group=group_iv, activity__order=3).percent == 30
    )
