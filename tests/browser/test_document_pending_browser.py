"""A reader's browser and a document's PDF (issue 26): the first request for a document never
rendered shows the "being prepared" page at once, which reloads itself into the PDF once the
background render is done; after a change to what it shows, the page dates the older copy,
offers it, and says a newer one is coming, then reloads into the new one.

Only HTTP and the browser here: no Django ORM (see conftest.py)."""

import time

from playwright.sync_api import expect

from ..support.pdf_reading import pdf_text

SYMBOL = "LC/CE.21/L.11"  # a report of group XI to the demo meeting, which no other test reads
NEW_DOCUMENT = f"""
from groups.models import WorkingGroup
from reporting.models import ReportingRound
from reports.models import Document
round_ = ReportingRound.objects.get(meeting__code="CE.21")
Document.objects.get_or_create(
    symbol="{SYMBOL}",
    defaults=dict(
        kind="group_report", round=round_, meeting=round_.meeting,
        group=WorkingGroup.objects.by_code("2020-2021", "XI"),
        title_en="Report of the working group (browser test)",
        title_es="Informe del grupo de trabajo (prueba del navegador)",
    ),
)
"""
# A change to what the document shows, with no background refresh queued (update() sends no
# signal): the next reader is the one who finds it, as between a change and its refresh.
CHANGE = """
from activities.models import Activity
from core import generations
Activity.objects.filter(group__programme__start_year=2020, group__number=11, order=1).update(
    text_es="Ratificación de los puntos focales (cambiada)"
)
generations.refresh("documents")
"""


def test_a_first_render_is_a_page_at_once_then_the_pdf_and_a_change_dates_the_older_copy(
    portal_server, page, screenshot
):
    portal_server.manage("shell", "-c", NEW_DOCUMENT)
    url = f"{portal_server.url}/es/documents/{SYMBOL}/es.pdf"

    def the_pdf(response):
        # The PDF itself (the viewer's own requests for it come without its headers).
        return response.url == url and response.headers.get("content-type") == "application/pdf"

    with page.expect_response(the_pdf, timeout=120_000) as ready:
        started = time.monotonic()
        first = page.goto(url)
        assert first.status == 503 and time.monotonic() - started < 3
        status = page.get_by_role("status")
        expect(status).to_contain_text("Este documento se está preparando con los datos actuales")
        expect(status.locator("progress")).to_be_visible()
        screenshot(page, "document_first_render_es")
    assert ready.value.status == 200

    portal_server.manage("shell", "-c", CHANGE)
    with page.expect_response(the_pdf, timeout=120_000) as renewed:
        changed = page.goto(url)
        assert changed.status == 503
        status = page.get_by_role("status")
        expect(status).to_contain_text("Se está preparando una copia más reciente de este documento")
        offered = status.get_by_role("link", name="Abrir la copia del")
        expect(offered).to_contain_text("(hora de Santiago)")
        expect(offered).to_have_attribute("href", f"/es/documents/{SYMBOL}/es.pdf?copy=previous")
        screenshot(page, "document_newer_copy_coming_es")
    assert renewed.value.status == 200
    # The copy the browser now shows is the new one (asked again as a program would).
    answer = page.request.get(url)
    assert answer.headers["x-document-source"] == "cache"
    assert "(cambiada)" in pdf_text(answer.body())
