"""A whole reporting cycle in a real browser, in each language (issue 17): the round is open (the
demo round), the form starts from the previous round, the focal point changes two values (one a
big drop), sees the warning, submits; the secretariat is e-mailed, returns the report with a
comment; the group is e-mailed, fixes it and submits again; the secretariat accepts, the group
is e-mailed, and the figures are on the public page. Screenshots are kept in
test-artifacts/browser/. The development server prints its e-mail (the console backend), so
the test reads the messages from the server's log.

Only HTTP and the browser here: no Django ORM (see conftest.py)."""

import re

import pytest
from playwright.sync_api import expect

from .test_progress_flow import log_in

WORDS = {
    "en": {
        "submit": "Submit to the secretariat",
        "confirm": "Confirm and submit",
        "drop": "A drop of",
        "prefilled": "Filled in with the previous round's percentage",
        "return": "Return to the group",
        "accept": "Accept",
        "returned": "Returned by the secretariat",
        "why": "Say why the group report is returned.",
    },
    "es": {
        "submit": "Enviar a la secretaría",
        "confirm": "Confirmar y enviar",
        "drop": "Una caída de",
        "prefilled": "Completado con el porcentaje de la ronda anterior",
        "return": "Devolver al grupo",
        "accept": "Aceptar",
        "returned": "Devuelto por la secretaría",
        "why": "Indique por qué se devuelve el informe del grupo.",
    },
}
GROUP = {"en": "VII", "es": "IX"}  # coordinated by INEGI (focal-mex); other tests use IV, VI, VIII


def _mail_to(server, address) -> list[str]:
    """The bodies of the messages the server printed for `address`, oldest first."""
    log = server.log_path.read_text(errors="replace")
    messages = log.split("-------------------------------------------------------------------------------")
    return [m for m in messages if re.search(rf"^To: (.*, )?{re.escape(address)}(,|\s*$)", m, re.M)]


def _submit_with_a_look(page, words, screenshot, name):
    page.get_by_role("button", name=words["submit"]).click()
    summary = page.locator("section.submit-summary")
    expect(summary).to_be_visible()
    screenshot(page, name)
    return summary


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_full_reporting_cycle(portal_server, browser, screenshot, lang):
    base, words, numeral = portal_server.url, WORDS[lang], GROUP[lang]
    form = f"{base}/{lang}/rounds/CE.21/2020-2021/{numeral}/"
    remark = f"Cycle test remark ({lang})"
    focal = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900}).new_page()
    clerk = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900}).new_page()
    log_in(focal, base, "focal-mex")
    log_in(clerk, base, "secretariat")

    # The form starts from the previous round: change two values, one a drop of 25 points.
    focal.goto(form)
    inputs = focal.locator("input.percent")
    prefilled = [n for n, i in enumerate(inputs.all()) if i.input_value() and int(i.input_value()) >= 25]
    assert len(prefilled) >= 2, "the group needs two activities reported in the previous round"
    expect(focal.locator("p.prefilled").first).to_contain_text(words["prefilled"])
    for field in inputs.all():
        if not field.input_value():
            field.fill("50")
    dropped, raised = inputs.nth(prefilled[0]), inputs.nth(prefilled[1])
    before = int(dropped.input_value())
    dropped.fill(str(before - 25))
    raised.fill(str(min(100, int(raised.input_value()) + 10)))
    raised.locator("xpath=ancestor::fieldset").locator("textarea").first.fill(remark)
    summary = _submit_with_a_look(focal, words, screenshot, f"cycle_{lang}_1_summary")
    expect(summary).to_contain_text(words["drop"])
    summary.get_by_role("button", name=words["confirm"]).click()
    expect(focal.locator(".messages")).to_be_visible()
    assert any(
        f"/rounds/CE.21/2020-2021/{numeral}/" in m for m in _mail_to(portal_server, "secretariat@example.org")
    )

    # The secretariat returns it: without a comment it is told why, next to the box at the top.
    clerk.goto(form)
    review = clerk.locator("section[aria-labelledby=review]")
    review.get_by_role("button", name=words["return"]).click()
    expect(clerk.locator("section[aria-labelledby=review]")).to_contain_text(words["why"])
    clerk.locator("section[aria-labelledby=review] textarea").fill(f"Check the drop of activity ({lang}).")
    screenshot(clerk, f"cycle_{lang}_2_return")
    clerk.locator("section[aria-labelledby=review]").get_by_role("button", name=words["return"]).click()
    expect(clerk.locator(".messages")).to_be_visible()
    returned = _mail_to(portal_server, "focal-mex@example.org")
    assert any(f"Check the drop of activity ({lang})." in m for m in returned)

    # The group fixes the drop and submits again; the secretariat accepts.
    focal.goto(form)
    expect(focal.locator(".notice.returned")).to_contain_text(words["returned"])
    focal.locator("input.percent").nth(prefilled[0]).fill(str(before))
    _submit_with_a_look(focal, words, screenshot, f"cycle_{lang}_3_again").get_by_role(
        "button", name=words["confirm"]
    ).click()
    expect(focal.locator(".messages")).to_be_visible()
    clerk.goto(form)
    clerk.locator("section[aria-labelledby=review]").get_by_role("button", name=words["accept"]).click()
    expect(clerk.locator(".messages")).to_be_visible()
    screenshot(clerk, f"cycle_{lang}_4_accepted")
    assert len(_mail_to(portal_server, "focal-mex@example.org")) > len(returned)

    # Published: the public page shows the remark.
    focal.goto(f"{base}/{lang}/groups/2020-2021/{numeral}/")
    expect(focal.locator("main")).to_contain_text(remark)
    focal.context.close()
    clerk.context.close()
