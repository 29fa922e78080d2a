"""A CSV file must be UTF-8 (issue 27: a byte that is not was stored as "\N{REPLACEMENT CHARACTER}",
an accent lost without a word): every CSV import, the admin's and the folders' of import_sheets,
refuses the file naming the first line that is not, in the clerk's language, and writes nothing."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from groups.models import Country
from spreadsheets.errors import SpreadsheetError
from spreadsheets.formats import CSV

from .support.db_state import snapshot
from .support.workbooks import upload

pytestmark = pytest.mark.django_db

HEADER = b"iso3,name_en,name_es,membership\n"
# Line 3 holds "Perú" written in Latin-1, as a spreadsheet program saving "CSV" (not "CSV UTF-8") does.
LATIN_1 = HEADER + b"ZZA,Zedland,Zedlandia,member\nZZB,Peru,Per\xfa,member\n"
SAYS = {
    "en": "Line 3 is not valid UTF-8 text: save the file as “CSV UTF-8” (or in the UTF-8 encoding) "
    "and import it again. Nothing was read.",
    "es": "La línea 3 no es texto UTF-8 válido: guarde el archivo como “CSV UTF-8” (o con la "
    "codificación UTF-8) e impórtelo de nuevo. No se leyó nada.",
}


def _line_refused(content: bytes) -> str:
    with pytest.raises(SpreadsheetError) as refused:
        CSV().create_dataset(content)
    return str(refused.value)


@pytest.mark.parametrize(
    "content, line",
    [
        (LATIN_1, 3),
        (b"\xef\xbb\xbf" + LATIN_1, 3),  # after a byte order mark
        (LATIN_1.replace(b"\n", b"\r\n"), 3),
        (LATIN_1.replace(b"\n", b"\r"), 3),  # old Mac line ends
        (b"iso3,name_\xe9n\n", 1),
        (HEADER + b'ZZA,"Two\nlines",Dos l\xedneas,member\n', 3),  # lines of the file, not rows
        (HEADER + b"ZZA,Zedland,Zedlandia,member\nZZB,Cut,\xe2\x82\n", 3),  # a character cut short
    ],
)
def test_the_format_names_the_first_line_that_is_not_utf8(content, line):
    assert _line_refused(content).startswith(f"Line {line} is not valid UTF-8 text")


def test_utf8_with_accents_and_a_byte_order_mark_is_read():
    dataset = CSV().create_dataset(b"\xef\xbb\xbf" + HEADER + "ZZB,Peru,Perú,member\n".encode())
    assert dataset.headers[0] == "iso3" and dataset[0][2] == "Perú"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_admin_refuses_the_file_next_to_its_field(secretariat_client, lang):
    with translation.override(lang):
        url = reverse("admin:groups_country_import")
    before = snapshot()
    response = secretariat_client.post(
        url, {"format": "1", "resource": "0", "import_file": upload(LATIN_1, "countries.csv")}
    )
    assert response.context.get("confirm_form") is None
    assert response.context["form"].errors["import_file"] == [SAYS[lang]]
    html = response.content.decode()
    assert SAYS[lang] in html
    assert "UnicodeDecodeError" not in html and "\N{REPLACEMENT CHARACTER}" not in html
    assert snapshot() == before
    assert not Country.objects.filter(iso3__in=["ZZA", "ZZB"]).exists()


def test_the_admin_imports_utf8_with_its_accents(secretariat_client):
    content = HEADER + "ZZB,Peru,Perú,member\n".encode()
    preview = secretariat_client.post(
        reverse("admin:groups_country_import"),
        {"format": "1", "resource": "0", "import_file": upload(content, "countries.csv")},
    )
    confirm = preview.context["confirm_form"].initial
    assert secretariat_client.post(reverse("admin:groups_country_process_import"), confirm).status_code == 302
    assert Country.objects.get(iso3="ZZB").name_es == "Perú"


def test_import_sheets_refuses_the_folder_naming_the_file_and_line(tmp_path):
    (tmp_path / "countries.csv").write_bytes(LATIN_1)
    before = snapshot()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_sheets", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert f"countries.csv: {SAYS['en']}" in err.getvalue()
    assert snapshot() == before


def test_a_yaml_sheet_that_is_not_utf8_is_refused_too(tmp_path):
    (tmp_path / "countries.yaml").write_bytes(b"- iso3: ZZB\n  name_es: Per\xfa\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_sheets", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "countries.yaml: Line 2 is not valid UTF-8 text" in err.getvalue()
