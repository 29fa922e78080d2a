"""The admin's import and export pages (django-import-export) as the secretariat uses them: the
export's "Select all" comes from a script file, not an inline handler the Content-Security-Policy
blocks; the import's preview lists only the rows it would add or change, each with its group,
and counts the unchanged ones."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation

from core.roles import SYSTEM
from reporting.models import ProgressEntry
from spreadsheets.formats import CSV
from spreadsheets.resources.reporting import ProgressEntryResource

from .support.workbooks import upload

pytestmark = pytest.mark.django_db

EXPORTS = ["groups_country", "activities_activity", "reporting_progressentry", "reports_document"]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("model", EXPORTS)
def test_export_pages_run_no_inline_script(secretariat_client, model, lang):
    with translation.override(lang):
        url = reverse(f"admin:{model}_export")
    html = secretariat_client.get(url).content.decode()
    assert re.findall(r"<[^>]+\son[a-z]+\s*=", html) == []  # no inline handler
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html) == []
    assert "/static/js/admin-export.js" in html
    toggles = re.findall(r'<input[^>]*class="select-toggle"[^>]*>', html)
    assert len(toggles) == 1 and "checked" in toggles[0]
    toggle_id = re.search(r'id="([^"]+)"', toggles[0]).group(1)
    assert f'<label for="{toggle_id}">' in html  # the label names its box


def _progress_csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def _stored_progress(reporting_round) -> list[list[str]]:
    """The round's progress as the admin exports it, header first."""
    entries = ProgressEntry.objects.filter(round=reporting_round)
    exported = CSV().export_data(ProgressEntryResource().export(entries))
    return list(csv.reader(io.StringIO(exported)))


def _preview(client, content, lang="en"):
    with translation.override(lang):
        url = reverse("admin:reporting_progressentry_import")
    return client.post(url, {"format": "1", "resource": "0", "import_file": upload(content, "progress.csv")})


def test_the_progress_preview_lists_changed_rows_with_their_group_and_counts_the_rest(
    secretariat_client, open_round
):
    header = ["round", "group", "activity", "percent", "remarks_en", "remarks_es"]
    code = open_round.meeting.code
    first = [[code, f"2020-2021/{g}", str(n), "20", "", ""] for g in ("IV", "V") for n in (1, 2, 3)]
    ProgressEntryResource().import_data(CSV().create_dataset(_progress_csv([header, *first])), user=SYSTEM)
    rows = _stored_progress(open_round)
    assert len(rows) == 7
    changed = next(r for r in rows[1:] if r[1] == "2020-2021/V" and r[2] == "2")
    changed[3] = "45"
    rows.append([code, "2020-2021/IV", "4", "10", "", ""])  # a new one

    page = _preview(secretariat_client, _progress_csv(rows))
    html = page.content.decode()
    result = page.context["result"]
    assert (result.totals["update"], result.totals["new"], result.totals["skip"]) == (1, 1, 5)
    listed = re.findall(r'<tr class="(new|update|skip)">(.*?)</tr>', html, re.S)
    assert [kind for kind, _ in listed] == ["update", "new"]  # the unchanged rows are not rows
    groups = [re.findall(r"<td>(.*?)</td>", cells, re.S)[1] for _, cells in listed]
    assert "2020-2021/V" in groups[0] and "2020-2021/IV" in groups[1]
    assert "5 rows are as they are stored: they are not listed" in html
    assert "Skipped" not in html


def test_a_file_that_changes_nothing_says_so_in_the_clerks_language(secretariat_client, second_round):
    rows = _stored_progress(second_round)
    page = _preview(secretariat_client, _progress_csv(rows), lang="es")
    html = page.content.decode()
    count = len(rows) - 1
    assert page.context["result"].totals["skip"] == count > 80
    assert '<tr class="skip">' not in html
    assert f"{count} filas están como se guardaron" in html
    assert "El archivo no cambia nada" in html
