"""The input limits (issue 18), timed where they bite: the admin's import of a sheet of as many
rows as it accepts (SPREADSHEET_MAX_ROWS institutions: the preview, which imports and rolls
back, then the confirmation), which must stay well inside an app server's 30 s timeout; and the
refusals of what is past them (a workbook of 1.5 KB declaring 1,048,576 x 16,384 cells, a sheet
one row too long, a file one byte too large), with the memory each takes (tracemalloc's peak);
and a group's report whose remarks are all at their limit (core.limits.REMARK), growing until its
HTML passes PDF_INLINE_MAX_CHARS, the most a reader's request renders: how long that render takes
(it must stay well inside the 30 s timeout; longer documents render in the background)."""

import io
import re
import time
import tracemalloc

from benchmarks import forget_rendered_documents


def _institutions_csv(rows: int) -> bytes:
    lines = ["code,acronym_en,acronym_es,name_en,name_es,country,kind"]
    lines += [
        f"BENCH{n}@MEX,B{n},B{n},Bench institute {n},Instituto de prueba {n},MEX,other" for n in range(rows)
    ]
    return "\n".join(lines).encode()


def _measured(label, call):
    tracemalloc.start()
    start = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label}: {elapsed:.2f} s, peak {peak / 2**20:.1f} MB")
    return result


def _post(client, url, data):
    return client.post(url, data)


def _remarks_at_the_limit(activities: int):
    """A document of one group whose `activities` each have remarks of REMARK characters, in
    words (a paragraph of them, as a long real remark would be)."""
    from core.limits import REMARK
    from reporting.models import ProgressEntry
    from tests.support import factories

    words = ("the survey was carried out in every region and its results were published " * 60)[:REMARK]
    programme = factories.programme(start_year=2100 + activities)
    group = factories.group(programme)
    round_ = factories.reporting_round(programme)
    for order in range(1, activities + 1):
        activity = factories.activity(group, order=order)
        ProgressEntry.objects.create(
            round=round_, activity=activity, percent=50, remarks_en=words, remarks_es=words
        )
    return factories.document(symbol=f"LC/CE.{round_.meeting.number}/9", round=round_)


def _render_at_the_limit():
    from django.conf import settings
    from pypdf import PdfReader

    from reports.rendering import document_html, html_to_pdf

    for activities in (10, 90, 100):
        document = _remarks_at_the_limit(activities)
        html = document_html(document, "en").html
        start = time.perf_counter()
        pdf = html_to_pdf(html)
        elapsed = time.perf_counter() - start
        inline = (
            "rendered in the request"
            if len(html) <= settings.PDF_INLINE_MAX_CHARS
            else "rendered in the background"
        )
        print(
            f"report of {activities} activities with remarks at their limit: "
            f"{len(html) // 1000} K characters of HTML, {len(PdfReader(io.BytesIO(pdf)).pages)} pages, "
            f"{elapsed:.1f} s ({inline})"
        )


def main():
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    from core.roles import secretariat_group
    from groups.models import Institution, WorkingGroup
    from spreadsheets import group_workbook
    from tests.support.second_factor import log_in
    from tests.test_import_limits import dimension_bomb

    forget_rendered_documents()

    user = get_user_model().objects.create_user("bench-limits", is_staff=True)
    user.groups.add(secretariat_group())
    client = log_in(Client(), user)  # with its log-in code, as staff log in
    url = reverse("admin:groups_institution_import")
    rows = settings.SPREADSHEET_MAX_ROWS

    def upload(content, name="institutions.csv"):
        return {"format": "1", "resource": "0", "import_file": SimpleUploadedFile(name, content)}

    content = _institutions_csv(rows)
    preview = _measured(
        f"admin import of {rows} rows ({len(content) // 1024} KB csv), preview",
        lambda: _post(client, url, upload(content)),
    )
    assert preview.status_code == 200 and preview.context.get("confirm_form") is not None, re.findall(
        r"<li>(.*?)</li>", preview.content.decode()
    )[-5:]
    confirm = preview.context["confirm_form"].initial
    done = _measured(
        f"admin import of {rows} rows, confirmation",
        lambda: _post(client, reverse("admin:groups_institution_process_import"), confirm),
    )
    assert done.status_code == 302 and Institution.objects.filter(code__startswith="BENCH").count() == rows
    too_long = _measured(
        f"a sheet of {rows + 1} rows, refused",
        lambda: _post(client, url, upload(_institutions_csv(rows + 1))),
    )
    assert too_long.context.get("confirm_form") is None
    big = b"x" * (settings.SPREADSHEET_MAX_UPLOAD + 1)
    too_large = _measured(
        f"a file of {len(big) // 2**20} MB + 1 byte, refused", lambda: _post(client, url, upload(big))
    )
    assert too_large.context.get("confirm_form") is None
    group = WorkingGroup.objects.order_by("pk").first()
    bomb = dimension_bomb(group_workbook.build(group))
    refused = _measured(
        f"a group workbook of {len(bomb) // 1024} KB declaring 1,048,576 x 16,384 cells, refused",
        lambda: _post(
            client,
            reverse("admin:groups_workinggroup_import_workbook"),
            {"workbook": SimpleUploadedFile("group.xlsx", bomb)},
        ),
    )
    assert refused.status_code == 400
    _render_at_the_limit()
