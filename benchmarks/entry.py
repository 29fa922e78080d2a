"""Entering a whole group's report: from its two Word files, through the group's workbook and
through the admin's forms, for a report of the older shape (roles, paragraphs, objectives,
programme areas with action lines, outputs with agency phrases and timetables, events).
Counted: the forms a clerk submits, the inputs those pages show, the values typed; and the
workbook import's wall time (preview and confirmation) and queries. The admin figures come from
the admin's own add pages as rendered for the secretariat, one submission per record (an area
with its action lines is one page). The Word path is the one a clerk takes with the report's
English and Spanish .docx (tests/support/typed_report.py, typed as a person types them): upload
both on the documents' admin, add the one body the portal does not know, answer the questions,
confirm; counted as the pages posted, the values typed (answers and the new body's fields) and
the portal's time and queries over those requests."""

import io
import re
import time

from benchmarks import forget_rendered_documents

SPECIFIC, AREAS_PER_OBJECTIVE, LINES_PER_AREA, OUTPUTS, EVENTS = 4, 2, 3, 8, 4
# Group 29 (XXIX) of the 2020-2021 programme: a number no fixture uses.
CODE = "2020-2021/XXIX"


def _texts(name, en, es):
    return {f"{name}_en": en, f"{name}_es": es}


OF_THE_GROUP = {"group": CODE}
PARAGRAPHS = (
    "background",
    "objectives_lead_in",
    "objectives_closing",
    "outputs_lead_in",
    "previous_results",
    "conclusions",
)


def _group_sheets() -> dict:
    """The group itself with its roles, and its paragraphs (forty sentences each)."""
    paragraphs = {}
    for name in PARAGRAPHS:
        paragraphs.update(_texts(name, f"The group's {name} " * 40, f"El {name} del grupo " * 40))
    return {
        "group": [
            {
                "programme": "2020-2021",
                "number": "XXIX",
                "kind": "group",
                **_texts("name", "Working Group on Entry", "Grupo de Trabajo sobre Ingreso"),
                "coordinating": "ECU: INEC@ECU; MEX: INEGI@MEX",
                "members": "ARG; BRA; CHL; COL; PER; URY",
                "secretariat": "ECLAC",
            }
        ],
        "texts": [{"programme": "2020-2021", "number": "XXIX", **paragraphs}],
    }


def _objective_sheets() -> dict:
    """The general objective, the specific ones, each with its programme areas, and each area
    with its action lines."""
    specific = range(1, SPECIFIC + 1)
    areas = range(1, AREAS_PER_OBJECTIVE + 1)
    return {
        "objectives": [
            {**OF_THE_GROUP, "kind": "general", "order": 1, **_texts("text", "To measure.", "Medir.")}
        ]
        + [
            {
                **OF_THE_GROUP,
                "kind": "specific",
                "order": n,
                **_texts("text", f"Objective {n}.", f"Objetivo {n}."),
            }
            for n in specific
        ],
        "areas": [
            {
                **OF_THE_GROUP,
                "objective": f"specific {n}",
                "order": a,
                **_texts("title", f"Area {n}.{a}", f"Área {n}.{a}"),
            }
            for n in specific
            for a in areas
        ],
        "action_lines": [
            {
                **OF_THE_GROUP,
                "area": f"specific {n}/{a}",
                "order": line,
                **_texts("text", f"Action line {line} " * 8, f"Línea de acción {line} " * 8),
            }
            for n in specific
            for a in areas
            for line in range(1, LINES_PER_AREA + 1)
        ],
    }


def _output_and_event_sheets() -> dict:
    """Outputs spread over the specific objectives, with agency phrases and timetables, and
    the events the group held."""
    return {
        "outputs": [
            {
                **OF_THE_GROUP,
                "order": n,
                "objective": f"specific {1 + n % SPECIFIC}",
                **_texts("text", f"Output {n}", f"Producto {n}"),
                **_texts("agency", "Coordinating countries", "Países coordinadores"),
                **_texts("timetable", "First half of 2021", "Primer semestre de 2021"),
            }
            for n in range(1, OUTPUTS + 1)
        ],
        "events": [
            {
                **OF_THE_GROUP,
                "order": n,
                "kind": "workshop",
                **_texts("title", f"Workshop {n}", f"Taller {n}"),
                **_texts("place", "Quito", "Quito"),
                "start_date": f"2021-0{n}-01",
                "end_date": f"2021-0{n}-02",
            }
            for n in range(1, EVENTS + 1)
        ],
    }


def _rows() -> dict:
    """The report, sheet by sheet, as a clerk types it into the empty workbook."""
    return {**_group_sheets(), **_objective_sheets(), **_output_and_event_sheets()}


def _filled(content: bytes, rows: dict) -> tuple[bytes, int]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content))
    typed = 0
    for sheet_name, records in rows.items():
        sheet = book[sheet_name]
        headers = [cell.value for cell in sheet[1]]
        for record in records:
            sheet.append([record.get(h) for h in headers])
            typed += sum(1 for h in headers if record.get(h) not in (None, ""))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), typed


# Admin add page of each sheet's records, and how many roles the group's page takes.
ADMIN_PAGES = {
    "group": "groups/workinggroup",
    "objectives": "activities/objective",
    "areas": "activities/programmearea",
    "outputs": "activities/output",
    "events": "groups/event",
}
INPUT = re.compile(r'<(?:input(?![^>]*type="hidden")|select|textarea)\b')


def main():
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core.roles import secretariat_group
    from groups.models import WorkingGroup
    from spreadsheets import group_workbook
    from spreadsheets.group_import import group_workbook_import
    from tests.support.second_factor import log_in

    forget_rendered_documents()

    user = get_user_model().objects.create_user("bench-entry", is_staff=True)
    user.groups.add(secretariat_group())
    rows = _rows()
    content, typed = _filled(group_workbook.build(None), rows)
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        preview = group_workbook_import(content, user=user)
        checked = time.perf_counter() - start
        group_workbook_import(content, user=user, confirm=True)
        total = time.perf_counter() - start
    records = preview.changed_count
    assert WorkingGroup.objects.filter(number=29).exists(), "the benchmark's workbook was not imported"
    print(
        f"entry through the group's workbook: 3 submissions (download, upload, confirm), {typed} cells "
        f"typed, {records} records; preview {checked:.2f} s, preview and import {total:.2f} s, "
        f"{len(queries)} queries"
    )

    client = log_in(Client(), user)  # with its log-in code, as staff log in
    shown, submissions = 0, 0
    for sheet, page in ADMIN_PAGES.items():
        html = client.get(f"/en/admin/{page}/add/").content.decode()
        count = len(rows[sheet])
        shown += len(INPUT.findall(html)) * count
        submissions += count
    # Action lines are inlines of their area's page (3 shown empty: extra=1, typed in turn).
    roles = sum(len(rows["group"][0][k].split(";")) for k in ("coordinating", "members", "secretariat"))
    print(
        f"entry through the admin: {submissions} submissions over {len(ADMIN_PAGES)} kinds of page showing "
        f"{shown} inputs in all, the same {typed} values typed, and {roles} roles picked one by one "
        f"on the group's page"
    )
    _word_entry(user)


def _word_entry(user) -> None:
    """The older-shape report read from its two Word files through the documents' admin."""
    from django.db import connection
    from django.test import Client

    from reports.models import Document
    from tests.support.second_factor import log_in
    from tests.support.typed_report import typed_uploads

    page, client, posted = "/en/admin/reports/document/import-word/", log_in(Client(), user), []

    def post(url, data):
        posted.append(url)
        return client.post(url, data)

    uploads = typed_uploads()
    body = {"code": "SOA", "acronym_en": "SOA", "acronym_es": "OEAT", "kind": "international"}
    body |= {"name_en": "Statistics Office of Atlantis", "name_es": "Oficina de Estadística de la Atlántida"}
    queries = []

    def counted(execute, sql, params, many, context):
        # Counted as they run: the test client's request_started empties connection.queries.
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        start = time.perf_counter()
        preview = post(page, uploads)
        read = time.perf_counter() - start
        added = post("/en/admin/groups/institution/add/", body)
        questions = preview.context["answers_form"].questions
        answers = {
            f"q{n}": "INEC@ECU" if question.found == "INEC" else "SOA" for n, question in enumerate(questions)
        }
        confirmed = post(page, {"token": preview.context["token"], "confirm": "1", **answers})
        total = time.perf_counter() - start
    assert added.status_code == 302, "the new body was not added"
    assert confirmed.status_code == 302, "the report read from Word was not written"
    assert Document.objects.filter(symbol="LC/CE.40/DDR/7").exists()
    # What was written, as the confirmation's message on the next page says it.
    summary = [str(m) for m in client.get(confirmed["Location"]).context["messages"]][-1]
    print(
        f"entry from its two Word files: {len(posted)} submissions, goal at most 5 plus the answers: "
        f"{'met' if len(posted) <= 5 else 'NOT MET'} (upload both, add the body no list holds, confirm "
        f"with the answers), {len(answers)} questions answered and {len(body)} values typed for the new "
        f"body; {summary} Read and preview {read:.2f} s, the {len(posted)} requests "
        f"{total:.2f} s, {len(queries)} queries"
    )
