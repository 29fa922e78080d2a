"""Sheets larger than any the portal exports are refused before they are parsed (issue 18): in
the admin's import (by the upload's size, before anything reads it; by the rows and columns a
sheet declares, which a file of a few KB can set to a million by 16,384; by the rows it really
has), in a group's workbook and in import_sheets. Each refusal is told next to the file, in the
clerk's language, and nothing is written."""

import io
import re
import zipfile

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from spreadsheets import group_workbook

from .support.db_state import snapshot
from .support.workbooks import upload

pytestmark = pytest.mark.django_db

TOO_MANY = {"en": "more than any sheet of the portal", "es": "más que cualquier hoja del portal"}
TOO_LARGE = {"en": "the largest accepted is", "es": "el máximo aceptado es"}


def dimension_bomb(content: bytes) -> bytes:
    """The workbook with each sheet declaring 1,048,576 rows by 16,384 columns (A1:XFD1048576)."""
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', data)
            target.writestr(item.filename, data)
    return out.getvalue()


def code(n) -> str:
    """A three-letter code no real country has (Z, then two letters)."""
    return f"Z{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}"


def countries_xlsx(rows=3) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["iso3", "name_en", "name_es", "membership"])
    for n in range(rows):
        book.active.append([code(n), f"Zedland {n}", f"Zedlandia {n}", "member"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def countries_csv(rows) -> bytes:
    lines = ["iso3,name_en,name_es,membership"] + [
        f"{code(n)},Zedland {n},Zedlandia {n},member" for n in range(rows)
    ]
    return "\n".join(lines).encode()


def _import(client, content, name, lang):
    with translation.override(lang):
        url = reverse("admin:groups_country_import")
    return client.post(
        url,
        {
            "format": "0" if name.endswith(".xlsx") else "1",
            "resource": "0",
            "import_file": upload(content, name),
        },
    )


def _refused_next_to_the_file(response, text):
    assert response.status_code == 200 and response.context.get("confirm_form") is None
    html = response.content.decode()
    field = html[html.index("errorlist") :]
    assert text in field[: field.index('name="import_file"')]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("kind", ["declared dimension", "rows of a csv", "rows of an xlsx", "size"])
def test_the_admin_refuses_a_sheet_past_the_limits(secretariat_client, settings, lang, kind):
    settings.SPREADSHEET_MAX_ROWS = 50
    content, name = {
        "declared dimension": lambda: (dimension_bomb(countries_xlsx()), "countries.xlsx"),
        "rows of a csv": lambda: (countries_csv(60), "countries.csv"),
        "rows of an xlsx": lambda: (countries_xlsx(60), "countries.xlsx"),
        "size": lambda: (countries_csv(2000), "countries.csv"),
    }[kind]()
    if kind == "size":
        settings.SPREADSHEET_MAX_UPLOAD = 20_000
        settings.SPREADSHEET_MAX_ROWS = 5000
    assert len(content) < 200_000
    before = snapshot()
    _refused_next_to_the_file(
        _import(secretariat_client, content, name, lang), (TOO_LARGE if kind == "size" else TOO_MANY)[lang]
    )
    assert snapshot() == before


def test_a_sheet_within_the_limits_imports(secretariat_client, settings):
    settings.SPREADSHEET_MAX_ROWS = 50
    response = _import(secretariat_client, countries_csv(49), "countries.csv", "en")
    assert response.status_code == 200 and response.context.get("confirm_form") is not None


def test_a_groups_workbook_declaring_a_million_rows_is_refused(secretariat_client, group_iv):
    before = snapshot()
    response = secretariat_client.post(
        reverse("admin:groups_workinggroup_import_workbook"),
        {"workbook": upload(dimension_bomb(group_workbook.build(group_iv)), "group.xlsx")},
    )
    assert response.status_code == 400 and TOO_MANY["en"] in response.content.decode()
    assert snapshot() == before


def test_import_sheets_refuses_a_sheet_declaring_a_million_rows(tmp_path):
    (tmp_path / "countries.xlsx").write_bytes(dimension_bomb(countries_xlsx()))
    before = snapshot()
    errors = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_sheets", str(tmp_path), stdout=io.StringIO(), stderr=errors)
    assert TOO_MANY["en"] in errors.getvalue() and snapshot() == before
