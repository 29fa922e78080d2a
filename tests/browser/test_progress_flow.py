"""A focal point reports progress in a real browser, against the portal as a new user first
runs it (the demo accounts and the demo round of `create_demo_users`).

Only HTTP and the browser here: no Django ORM (see conftest.py)."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from ..support.second_factor import DEMO_KEYS, code_for

FORM = "/rounds/CE.21/2020-2021/IV/"  # group IV: time use, coordinated by INEGI (Mexico)
REMARK_EN = "Chapter III drafted and sent to the member countries."
REMARK_ES = "Capítulo III redactado y enviado a los países miembros."


def log_in(page, base, username):
    """The log-in page, then for an account with a log-in code (the demo secretariat) the code
    page, with the code its authenticator app would show now."""
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Log in").click()
    if username in DEMO_KEYS:
        expect(page).to_have_url(re.compile(re.escape(f"{base}/en/accounts/code/")))
        page.get_by_label("Code").fill(code_for(DEMO_KEYS[username]))
        page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{base}/en/my-groups/")


def test_focal_point_submits_in_spanish_and_sees_it_on_the_page_and_in_the_pdf(
    portal_server, browser, page, screenshot
):
    base = portal_server.url
    log_in(page, base, "focal-mex")
    page.locator('nav.languages a[hreflang="es"]').click()
    expect(page).to_have_url(f"{base}/es/my-groups/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mis grupos de trabajo")
    page.get_by_role(
        "link", name=re.compile("^Guía metodológica sobre las mediciones de uso del tiempo")
    ).click()
    expect(page).to_have_url(f"{base}/es{FORM}")

    # Every activity needs a percentage to submit; activity 3 gets its own value and remarks.
    for number in page.locator("input.percent").all():
        number.fill("50")
    activity = page.locator("#activity-3")
    number, slider = activity.locator("input.percent"), activity.locator("input.percent-slider")
    number.fill("85")
    expect(slider).to_have_value("85")  # the slider follows the number...
    slider.fill("30")
    expect(number).to_have_value("30")  # ...and the number follows the slider
    number.fill("85")
    activity.get_by_label("Observaciones (inglés)").fill(REMARK_EN)
    activity.get_by_label("Observaciones (español)").fill(REMARK_ES)
    screenshot(page, "progress_form_es_filled")
    page.get_by_role("button", name="Enviar a la secretaría").click()
    # A look first: what changed since the previous round, then the confirmation.
    summary = page.locator("section.submit-summary")
    expect(summary).to_contain_text("Revise antes de enviar")
    screenshot(page, "progress_submit_summary_es")
    summary.get_by_role("button", name="Confirmar y enviar").click()

    expect(page).to_have_url(f"{base}/es{FORM}")
    expect(page.locator(".messages")).to_contain_text("enviado")
    expect(page.locator(".round-facts")).to_contain_text("enviado")
    expect(page.locator("section[aria-labelledby=history]")).to_contain_text(REMARK_ES)
    screenshot(page, "progress_submitted_es")

    # The demo round publishes on acceptance: the secretariat accepts on its review page.
    clerk = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900}).new_page()
    log_in(clerk, base, "secretariat")
    clerk.goto(f"{base}/en{FORM}")
    clerk.locator("form.review-form").get_by_role("button", name="Accept").click()
    expect(clerk.locator(".messages")).to_contain_text("The group report was accepted.")
    clerk.context.close()

    # The group's public page shows the new values...
    page.goto(f"{base}/es/groups/2020-2021/IV/")
    row = page.locator("tr").filter(has_text=REMARK_ES)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("85")
    # ...and so does the Spanish PDF of the round's report.
    pdf = page.request.get(f"{base}/es/documents/LC/CE.21/DEMO/es.pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages))
    assert REMARK_ES in text, text[:2000]
    assert REMARK_EN not in text
    assert re.search(r"\b85\b", text)


def test_focal_point_of_another_country_cannot_reach_the_form(portal_server, page):
    base = portal_server.url
    log_in(page, base, "focal-col")
    expect(page.locator("table.my-groups")).not_to_contain_text("uso del tiempo")
    expect(page.locator("table.my-groups")).not_to_contain_text("time-use")
    response = page.goto(f"{base}/en{FORM}")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Not allowed")
    expect(page.locator("input.percent")).to_have_count(0)


def test_switching_language_with_unsaved_changes_warns_first(portal_server, page):
    """Issue 17: the language switcher discarded typed values without a word."""
    base = portal_server.url
    form = "/rounds/CE.21/2020-2021/VIII/"
    log_in(page, base, "secretariat")
    form += "?correct=1"  # the secretariat's own correction: the form, opened on purpose
    page.goto(f"{base}/en{form}")
    page.locator("nav.languages a[hreflang='es']").click()  # nothing typed: no question
    expect(page).to_have_url(f"{base}/es{form}")
    page.goto(f"{base}/en{form}")
    page.locator("input.percent").first.fill("77")
    asked = []

    def answer(dialog, accept):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    page.locator("nav.languages a[hreflang='es']").click()
    expect(page).to_have_url(f"{base}/en{form}")
    expect(page.locator("input.percent").first).to_have_value("77")
    assert asked and "not saved" in asked[0]
    page.once("dialog", lambda dialog: answer(dialog, True))
    page.locator("nav.languages a[hreflang='es']").click()
    expect(page).to_have_url(f"{base}/es{form}")
    assert len(asked) == 2
