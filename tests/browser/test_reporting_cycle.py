"""A whole reporting cycle in a real browser, in each language (issues 17 and 26), on the demo
round, which publishes a group's figures when the secretariat accepts them:

the focal point submits with a drop of 25 points and rewritten remarks, and the public group
page does not change; the secretariat reviews on the review page (no input of the form, no
"Submit to the secretariat", the drop marked, the remarks' difference shown), writes in the
report's conversation, returns the report (a return without a comment is refused, its message
focused); the group answers in the conversation and submits again; the secretariat accepts, and
the figures reach the public page, compared like for like with the round before. Each step's
e-mail is read from the server's log (the development server prints its e-mail). Screenshots
are kept in test-artifacts/browser/.

Only HTTP and the browser here: no Django ORM (see conftest.py)."""

import re
import time

import pytest
from playwright.sync_api import expect

from .test_progress_flow import log_in
from .test_reading_pages import AXE, _describe, _serious

WORDS = {
    "en": {
        "submit": "Submit to the secretariat",
        "confirm": "Confirm and submit",
        "drop": "A drop of 25 points",
        "prefilled": "Filled in with the previous round's percentage",
        "return": "Return to the group",
        "accept": "Accept",
        "returned": "Returned by the secretariat",
        "why": "Say why the group report is returned.",
        "send": "Send the message",
        "correct": "Correct it myself",
        "compared": ("activities reported in CE.21", "reported in both rounds moved"),
    },
    "es": {
        "submit": "Enviar a la secretaría",
        "confirm": "Confirmar y enviar",
        "drop": "Una caída de 25 puntos",
        "prefilled": "Completado con el porcentaje de la ronda anterior",
        "return": "Devolver al grupo",
        "accept": "Aceptar",
        "returned": "Devuelto por la secretaría",
        "why": "Indique por qué se devuelve el informe del grupo.",
        "send": "Enviar el mensaje",
        "correct": "Corregirlo yo mismo",
        "compared": ("actividades informadas en CE.21", "informadas en ambas rondas pasaron de"),
    },
}
GROUP = {"en": "VII", "es": "IX"}  # coordinated by INEGI (focal-mex); other tests use IV, VI, VIII
DESK = {"width": 1280, "height": 900}


def _mail_to(server, address) -> list[str]:
    """The messages the server printed for `address`, oldest first."""
    log = server.log_path.read_text(errors="replace")
    messages = log.split("-------------------------------------------------------------------------------")
    return [m for m in messages if re.search(rf"^To: (.*, )?{re.escape(address)}(,|\s*$)", m, re.M)]


def _mailed(server, address, *texts, timeout=15.0) -> None:
    """Wait for an e-mail to `address` that holds every one of `texts`: the server prints an
    e-mail when the task that sends it runs, a moment after the page that queued it answered."""
    deadline = time.monotonic() + timeout
    while not any(all(text in m for text in texts) for m in _mail_to(server, address)):
        assert time.monotonic() < deadline, f"no e-mail to {address} with {texts!r}"
        time.sleep(0.2)


def _accessible(page) -> None:
    """No serious or critical axe-core violation on the page as it is now."""
    violations = _serious(AXE.run(page))
    assert not violations, f"on {page.url}:\n{_describe(violations)}"


def _focused(page) -> str:
    """The id of the element that has the focus in the page (its window need not be the active
    one: three people's windows are open side by side)."""
    return page.evaluate("document.activeElement && document.activeElement.id")


def _public(page, base, lang, numeral) -> str:
    page.goto(f"{base}/{lang}/groups/2020-2021/{numeral}/")
    return page.locator("main").inner_text()


def _submit_with_a_look(page, words, screenshot, name):
    page.get_by_role("button", name=words["submit"]).click()
    summary = page.locator("section.submit-summary")
    expect(summary).to_be_visible()
    assert _focused(page) == "summary"  # the check opens where it is, not at the page's top
    screenshot(page, name)
    summary.get_by_role("button", name=words["confirm"]).click()
    expect(page.locator(".messages")).to_be_visible()


def _write(page, words, text):
    """A message in the group report's conversation, from its page."""
    form = page.locator("form.comment-form")
    form.locator("textarea").fill(text)
    form.get_by_role("button", name=words["send"]).click()
    expect(page.locator("section.thread .thread-message").last).to_contain_text(text)


def _fill_with_a_drop(focal, lang, words, remark):
    """Every empty box at 50; the first activity reported at 25% or more before drops by 25
    points, the second gets rewritten remarks. Returns the positions of those boxes."""
    inputs = focal.locator("input.percent")
    prefilled = [n for n, i in enumerate(inputs.all()) if i.input_value() and int(i.input_value()) >= 25]
    assert len(prefilled) >= 2, "the group needs two activities reported in the previous round"
    expect(focal.locator("p.prefilled").first).to_contain_text(words["prefilled"])
    for field in inputs.all():
        if not field.input_value():
            field.fill("50")
    dropped, rewritten = inputs.nth(prefilled[0]), inputs.nth(prefilled[1])
    dropped.fill(str(int(dropped.input_value()) - 25))
    rewritten.locator("xpath=ancestor::fieldset").locator(f"textarea[lang={lang}]").fill(remark)
    return prefilled


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_full_reporting_cycle(portal_server, browser, screenshot, lang):
    base, words, numeral = portal_server.url, WORDS[lang], GROUP[lang]
    report = f"{base}/{lang}/rounds/CE.21/2020-2021/{numeral}/"
    remark = f"Cycle test remark ({lang}): the survey fieldwork was finished"
    focal = browser.new_context(locale="en-US", viewport=DESK).new_page()
    clerk = browser.new_context(locale="en-US", viewport=DESK).new_page()
    reader = browser.new_context(locale="en-US", viewport=DESK).new_page()
    log_in(focal, base, "focal-mex")
    log_in(clerk, base, "secretariat")
    public_before = _public(reader, base, lang, numeral)
    assert words["compared"][0] not in public_before and remark not in public_before

    # The focal point submits with a drop; the secretariat is told; readers see nothing new.
    focal.goto(report)
    prefilled = _fill_with_a_drop(focal, lang, words, remark)
    _submit_with_a_look(focal, words, screenshot, f"cycle_{lang}_1_summary")
    _mailed(portal_server, "secretariat@example.org", f"/rounds/CE.21/2020-2021/{numeral}/")
    assert _public(reader, base, lang, numeral) == public_before, "unreviewed figures went public"

    # The review page: a page to read, the drop marked, the remarks' difference shown.
    clerk.goto(report)
    expect(clerk.locator("input.percent")).to_have_count(0)
    expect(clerk.get_by_role("button", name=words["submit"])).to_have_count(0)
    dropped = clerk.locator("article.review-activity.dropped")
    expect(dropped).to_have_count(1)
    expect(dropped).to_contain_text(words["drop"])
    expect(clerk.locator("table.review-changes tr.dropped")).to_have_count(1)
    rewritten = clerk.locator("article.review-activity").nth(prefilled[1])
    expect(rewritten.locator(".textdiff ins", has_text="fieldwork")).to_have_count(1)
    expect(rewritten.locator(".textdiff del").first).to_be_visible()
    expect(clerk.get_by_role("link", name=words["correct"])).to_be_visible()
    _accessible(clerk)
    screenshot(clerk, f"cycle_{lang}_2_review")

    # The secretariat asks in the conversation, then returns the report (a comment is needed).
    question = f"Is the drop of 25 points right? ({lang})"
    _write(clerk, words, question)
    _mailed(portal_server, "focal-mex@example.org", question)
    clerk.locator("form.review-form").get_by_role("button", name=words["return"]).click()
    expect(clerk.locator("#review-errors")).to_contain_text(words["why"])
    assert _focused(clerk) == "review-errors"
    expect(clerk.locator("#review-errors")).to_be_in_viewport()
    reason = f"Please confirm the drop ({lang})."
    clerk.locator("form.review-form textarea").fill(reason)
    clerk.locator("form.review-form").get_by_role("button", name=words["return"]).click()
    expect(clerk.locator(".messages")).to_be_visible()
    _mailed(portal_server, "focal-mex@example.org", reason)

    # The group answers in the conversation, where both messages wait for it, and submits again.
    focal.goto(report)
    expect(focal.locator(".notice.returned")).to_contain_text(words["returned"])
    thread = focal.locator("section.thread")
    expect(thread).to_contain_text(question)
    expect(thread).to_contain_text(reason)
    answer = f"Yes: the plan was redone in March ({lang})."
    _write(focal, words, answer)
    _mailed(portal_server, "secretariat@example.org", answer)
    _accessible(focal)
    screenshot(focal, f"cycle_{lang}_3_answer")
    _submit_with_a_look(focal, words, screenshot, f"cycle_{lang}_4_again")
    assert _public(reader, base, lang, numeral) == public_before

    # The secretariat reads the whole conversation and accepts; the group is told.
    clerk.goto(report)
    messages = clerk.locator("section.thread .thread-message")
    expect(messages).to_have_count(3)
    expect(messages.last).to_contain_text(answer)
    clerk.locator("form.review-form").get_by_role("button", name=words["accept"]).click()
    expect(clerk.locator(".messages")).to_be_visible()
    screenshot(clerk, f"cycle_{lang}_5_accepted")
    _mailed(
        portal_server, "focal-mex@example.org", "has accepted the group report", f"Working group {numeral}:"
    )

    # Published: the remark, the drop, and the change like for like with the round before.
    public = _public(reader, base, lang, numeral)
    assert remark in public and public != public_before
    change = reader.locator("dl").filter(has_text="CE.21").first
    for words_of_change in words["compared"]:
        expect(change).to_contain_text(words_of_change)
    screenshot(reader, f"cycle_{lang}_6_public")
    for page in (focal, clerk, reader):
        page.context.close()
