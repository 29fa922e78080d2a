"""Evidence in a real browser (issue 17): a focal point attaches a program named as a PDF and is
told, in Spanish and next to the file, that its content is of no accepted kind; attaches a real
PDF and a link; a reader cannot download the file while the report is a draft, nor once
submitted; once the secretariat accepts it, the group's page lists both and the file downloads
with the bytes uploaded. A refused file opens the page at its message.

Only HTTP and the browser here: no Django ORM (see conftest.py)."""

import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import expect

from ..support import evidence_files as files
from .test_progress_flow import log_in

GROUP = "I"  # coordinated by INEGI (focal-mex); the cycle test uses VII and IX, others IV, VI, VIII


def _attach(page, about, title, *, path=None, link=None):
    form = page.locator("form.evidence-form")
    form.locator("select[name=about]").select_option(index=about)
    form.locator("input[name=title_es]").fill(title)
    if path:
        form.locator("input[name=file]").set_input_files(path)
    if link:
        form.locator("input[name=url]").fill(link)
    form.get_by_role("button", name="Adjuntar").click()


def _status(url):
    try:
        return urllib.request.urlopen(url).status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_focal_point_attaches_evidence_that_readers_get_once_published(
    portal_server, browser, screenshot, tmp_path
):
    base = portal_server.url
    report = f"{base}/es/rounds/CE.21/2020-2021/{GROUP}/"
    (tmp_path / "informe.pdf").write_bytes(files.PROGRAM)
    (tmp_path / "acta.pdf").write_bytes(files.PDF)
    page = browser.new_context(locale="es-ES", viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, base, "focal-mex")
    page.goto(report)

    # The controls are the form's own, not the browser's small native ones (issue 26).
    form = page.locator("form.evidence-form")
    sizes = [
        form.locator(sel).evaluate("e => getComputedStyle(e).fontSize")
        for sel in ("input[type=file]", "select")
    ]
    assert sizes == ["16px", "16px"], sizes
    _attach(page, 1, "Informe", path=tmp_path / "informe.pdf")
    field = page.locator("form.evidence-form .field.invalid")
    expect(field).to_contain_text("no es de ninguno de los tipos aceptados")
    expect(field.locator("input[name=file]")).to_be_visible()
    # The page opens at the refusal, not at its top (the form is thousands of pixels down).
    expect(page.locator("#evidence-errors")).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 1000
    page.locator("#evidence-errors a[href='#id_file']").click()
    expect(field.locator("input[name=file]")).to_be_in_viewport()
    screenshot(page, "evidence_refused_es")

    _attach(page, 1, "Acta de la reunión", path=tmp_path / "acta.pdf")
    expect(page.locator(".messages")).to_contain_text("La evidencia se adjuntó al informe del grupo.")
    _attach(page, 2, "Resultados publicados", link="https://www.inegi.org.mx/programas/enut/")
    listed = page.locator("table.evidence")
    expect(listed).to_contain_text("Acta de la reunión")
    expect(listed).to_contain_text("www.inegi.org.mx")
    expect(page.locator("fieldset#activity-1 .evidence-line")).to_contain_text("Acta de la reunión")
    screenshot(page, "evidence_attached_es")
    file_url = base + page.locator("table.evidence a[download]").first.get_attribute("href")
    assert _status(file_url) == 404  # a draft's evidence is not the public's yet

    # Submit (every activity needs a percentage), then read the group's page as anyone would.
    for field in page.locator("input.percent").all():
        if not field.input_value():
            field.fill("40")
    page.get_by_role("button", name="Enviar a la secretaría").click()
    page.get_by_role("button", name="Confirmar y enviar").click()
    expect(page.locator(".messages")).to_be_visible()
    assert _status(file_url) == 404  # submitted, not yet accepted: the demo round waits for review
    clerk = browser.new_context(locale="es-ES", viewport={"width": 1280, "height": 900}).new_page()
    log_in(clerk, base, "secretariat")
    clerk.goto(report)
    clerk.locator("form.review-form").get_by_role("button", name="Aceptar").click()
    expect(clerk.locator(".messages")).to_be_visible()
    clerk.context.close()
    reader = browser.new_context(locale="es-ES", viewport={"width": 390, "height": 844}).new_page()
    reader.goto(f"{base}/es/groups/2020-2021/{GROUP}/")
    section = reader.locator("section[aria-labelledby=evidence]")
    expect(section).to_contain_text("Acta de la reunión")
    expect(section).to_contain_text("Resultados publicados")
    assert reader.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(reader, "evidence_public_phone_es")
    with reader.expect_download() as download:
        section.locator("a[download]").first.click()
    assert download.value.suggested_filename == "acta.pdf"
    assert Path(download.value.path()).read_bytes() == files.PDF
    page.context.close()
    reader.context.close()
