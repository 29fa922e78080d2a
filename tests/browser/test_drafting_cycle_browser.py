"""The drafting of the next programme in a real browser, in each language (issue 30's "Done
when"): the secretariat opens the drafting of 2022-2023; group IV's focal point (focal-mex, of
INEGI, its coordinating institution) opens its proposal, which starts from the current programme,
carries two unfinished activities forward, adds a new one, gives them months in the new years and
submits; the secretariat returns it with a comment, which the focal point reads in the
conversation before correcting a month and submitting again; the secretariat accepts, adds the
draft programme's document and reads its PDF and Word file (group IV's three activities with
their months, in order, and the draft mark), publishes the draft (a reader sees it marked as a
draft), records the Conference's approval; the new programme's first round opens on it, and the
focal point's round page lists the carried activities. Group IV of 2020-2021, its page and the
programme document LC/CEA.10/5 (PDF and Word), read before the drafting and after the round
opens, are unchanged; its page only gains the notes that lead to where its activities went.

The approval waits for every group's proposal: the other ten are submitted and accepted through
the services (reporting.services), unchanged; the test follows group IV's in the browser.

The portal is this module's own (tests/support/drafting.py): approving a programme changes what
every other browser test reads. Its database is filled once and copied afresh for each language.
Only HTTP and the browser here: no Django ORM (see conftest.py)."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from ..support.drafting import (
    OTHERS_ACCEPTED,
    ROUND_OPEN,
    Steps,
    difference,
    docx_words,
    download,
    in_order,
    month_label,
    pdf_words,
    seeded,
    served,
)
from ..support.pdf_reading import squeeze
from ..support.slow import require_slow
from .conftest import save_screenshot
from .test_progress_flow import log_in

DESK = {"width": 1280, "height": 900}
NEW, OLD = "2022-2023", "2020-2021"
CARRIED = (6, 9)  # group IV's chapters III.1 (70% at CE.20) and V (10%): unfinished, carried
# Months of the new years, as (year, month): the carried ones', the new one's, and the correction.
MONTHS = {6: ((2022, 1), (2022, 6)), 9: ((2022, 3), (2022, 12)), "new": ((2023, 2), (2023, 9))}
CORRECTED = (2022, 4)  # activity 9's start, once the secretariat asks for it
NEW_TEXT = {
    "en": "Regional workshop on time-use satellite accounts",
    "es": "Taller regional sobre cuentas satélite del uso del tiempo",
}
WORDS = {
    "en": {
        "open": "Open the drafting of the next programme",
        "drafting": f"Drafting of the {NEW} programme",
        "proposals": "Proposals for the next programme",
        "carry": "Carry unfinished activities forward",
        "submitted": "submitted",
        "returned_status": "returned with comments",
        "returned": "Returned by the secretariat",
        "accepted": "accepted",
        "draft": f"Draft programme {NEW}",
        "draft_mark": "Draft — not approved",
        "in_force": "The programme is in force",
        "carried_into": f"Carried forward into the programme {NEW}",
    },
    "es": {
        "open": "Abrir la elaboración del próximo programa",
        "drafting": f"Elaboración del programa {NEW}",
        "proposals": "Propuestas para el próximo programa",
        "carry": "Llevar adelante las actividades no terminadas",
        "submitted": "enviada",
        "returned_status": "devuelta con comentarios",
        "returned": "Devuelto por la secretaría",
        "accepted": "aceptada",
        "draft": f"Proyecto de programa {NEW}",
        "draft_mark": "Borrador — no aprobado",
        "in_force": "El programa está en vigor",
        "carried_into": f"Llevada adelante en el programa {NEW}",
    },
}


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """The database every language's run copies: filled once for the module."""
    require_slow("a runserver")
    directory = tmp_path_factory.mktemp("drafting_cycle")
    with seeded(directory) as database:
        yield directory, database


@pytest.fixture
def portal(seed, lang):
    """The portal for one language's run, on a fresh copy of the seed."""
    directory, database = seed
    with served(database, directory, lang) as served_portal:
        yield served_portal


def _old_programme(page, base, lang) -> tuple[str, str, str]:
    """Group IV of 2020-2021 as a reader gets it: its page's text and its programme document's
    PDF and Word texts (LC/CEA.10/5, the fixtures' draft biennial programme). The page's notes
    of where an activity was carried forward (.lineage) are left out: they are the way to the
    new programme, added to the old page by design, and checked on their own."""
    page.goto(f"{base}/{lang}/groups/{OLD}/IV/")
    page.locator("main .lineage").evaluate_all("notes => notes.forEach(note => note.remove())")
    text = squeeze(page.locator("main").inner_text())
    document = f"{base}/{lang}/documents/LC/CEA.10/5/{lang}"
    return (
        text,
        pdf_words(download(page.request, f"{document}.pdf")),
        docx_words(download(page.request, f"{document}.docx")),
    )


def _carried_from_old(page, base, lang, words) -> None:
    """The old page's activities 6 and 9 say they were carried forward, into the new programme's
    activities 1 and 2; no other activity says so."""
    page.goto(f"{base}/{lang}/groups/{OLD}/IV/")
    expect(page.locator("main .lineage")).to_have_count(len(CARRIED))
    for position, number in enumerate(CARRIED, start=1):
        note = page.locator(f"main #activity-{number} .lineage")
        expect(note).to_contain_text(words["carried_into"])
        expect(note.locator("a")).to_have_attribute("href", f"/{lang}/groups/{NEW}/IV/#activity-{position}")


# --- the steps ----------------------------------------------------------------------------------


def open_drafting(clerk, base, lang, words):
    """1. The secretariat opens the drafting of 2022-2023 from its proposals page."""
    clerk.goto(f"{base}/{lang}/proposals/")
    clerk.locator("#drafting-open").click()
    expect(clerk.get_by_role("heading", level=1)).to_have_text(words["open"])
    form = clerk.locator("#open-drafting-form")
    form.locator("[name=start_year]").fill("2022")
    form.locator("[name=end_year]").fill("2023")
    meeting = form.locator("select[name=meeting] option", has_text="CEA.11").get_attribute("value")
    form.locator("select[name=meeting]").select_option(meeting)
    deadline = datetime.date.today() + datetime.timedelta(days=30)
    form.locator("[name=deadline]").fill(deadline.isoformat())
    form.locator("button[type=submit]").click()
    expect(clerk).to_have_url(f"{base}/{lang}/drafting/{NEW}/")
    expect(clerk.get_by_role("heading", level=1)).to_have_text(words["drafting"])
    expect(clerk.locator(f'table.proposals a[href$="/proposals/{NEW}/IV/"]')).to_have_count(1)


def carry_two(focal, base, lang, words) -> dict:
    """2a. The focal point opens group IV's proposal from its list and carries two unfinished
    activities forward; returns their texts (the first words) by their old number."""
    focal.goto(f"{base}/{lang}/proposals/")
    expect(focal.get_by_role("heading", level=1)).to_have_text(words["proposals"])
    focal.locator(f'table.proposals a[href$="/proposals/{NEW}/IV/"]').click()
    expect(focal).to_have_url(f"{base}/{lang}/proposals/{NEW}/IV/")
    # It starts from the current programme: it continues group IV of 2020-2021.
    expect(focal.locator(f'dl.round-facts a[href="/{lang}/groups/{OLD}/IV/"]')).to_have_count(1)
    form = focal.locator("#carry-form")
    expect(focal.locator("#carry")).to_have_text(words["carry"])
    texts = {}
    for number in CARRIED:
        box = form.get_by_label(re.compile(rf"^\s*{number}\. "))
        label = form.locator(f'label[for="{box.get_attribute("id")}"]').inner_text()
        texts[number] = " ".join(label.split()[1:7])  # its first six words, after the number
        box.check()
    form.locator("#carry-button").click()
    expect(focal.locator("table.proposal-activities .carried")).to_have_count(len(CARRIED))
    for position, number in enumerate(CARRIED, start=1):
        expect(focal.locator(f"table.proposal-activities #activity-{position}")).to_contain_text(
            texts[number]
        )
    return texts


def final_rows(lang, carried: dict) -> list[tuple[str, str, str]]:
    """Group IV's activities as the accepted proposal has them: text, start, end, in order."""
    months = {**MONTHS, 9: (CORRECTED, MONTHS[9][1])}
    texts = {**carried, "new": NEW_TEXT[lang]}
    return [
        (texts[key], month_label(lang, months[key][0]), month_label(lang, months[key][1]))
        for key in (*CARRIED, "new")
    ]


def _month_value(year_month) -> str:
    year, number = year_month
    return f"{year}-{number:02d}"


def activities_part(focal, base, lang, months: dict, *, new_text=None):
    """2b, 3. The activities part of the proposal: each row's months (by its row: 0 and 1 the
    carried ones, 2 the new one) and, with `new_text`, the new activity in the empty row."""
    focal.goto(f"{base}/{lang}/proposals/{NEW}/IV/")
    focal.locator("#part-activities").click()
    expect(focal).to_have_url(f"{base}/{lang}/proposals/{NEW}/IV/edit/activities/")
    if new_text:
        focal.locator('[name$="-2-text_en"]').fill(NEW_TEXT["en"])
        focal.locator('[name$="-2-text_es"]').fill(NEW_TEXT["es"])
    for row, (start, end) in months.items():
        focal.locator(f'[name$="-{row}-start_month"]').fill(_month_value(start))
        focal.locator(f'[name$="-{row}-end_month"]').fill(_month_value(end))
    focal.locator("#save-part").click()
    expect(focal.locator("#errors")).to_have_count(0)
    expect(focal.locator(".messages")).to_be_visible()
    focal.locator("#back-to-proposal").click()


def submit(focal, base, lang, words):
    focal.goto(f"{base}/{lang}/proposals/{NEW}/IV/")
    focal.locator("#submit-proposal").click()
    expect(focal.locator("#proposal-status")).to_have_text(words["submitted"], ignore_case=True)


def review(clerk, base, lang, words, *, comment=None):
    """3. The secretariat returns the proposal with `comment`, or accepts it."""
    clerk.goto(f"{base}/{lang}/proposals/{NEW}/IV/")
    expect(clerk.locator("#proposal-status")).to_have_text(words["submitted"], ignore_case=True)
    if comment:
        clerk.locator("#review-form textarea[name=comment]").fill(comment)
        clerk.locator("#return-proposal").click()
        expect(clerk.locator("#proposal-status")).to_have_text(words["returned_status"], ignore_case=True)
    else:
        clerk.locator("#accept-proposal").click()
        expect(clerk.locator("#proposal-status")).to_have_text(words["accepted"], ignore_case=True)


def documents_of_the_draft(clerk, base, lang, words, carried: dict):
    """4. The secretariat adds the draft programme's document in the administration, from the
    drafting's page, and reads its PDF and Word file: group IV's three activities with their
    months, in order, under the draft mark."""
    clerk.goto(f"{base}/{lang}/drafting/{NEW}/")
    section = clerk.locator("section[aria-labelledby=draft-documents]")
    section.locator("a[href*='/admin/']").click()
    symbol = f"LC/CEA.11/DRAFT-{lang.upper()}"
    clerk.locator("#id_symbol").fill(symbol)
    clerk.locator("#id_title_en").fill(f"Draft biennial programme {NEW}")
    clerk.locator("#id_title_es").fill(f"Proyecto de programa bienal {NEW}")
    for date in ("#id_date_en", "#id_date_es"):
        clerk.locator(date).fill(datetime.date.today().isoformat())
    clerk.locator("input[name=_save]").click()
    expect(clerk.locator("ul.messagelist li.success")).to_be_visible()
    clerk.goto(f"{base}/{lang}/drafting/{NEW}/")
    expect(section).to_contain_text(symbol)
    pdf_link = section.locator(f'a[hreflang="{lang}"][type="application/pdf"]')
    word_link = section.locator(f'a[hreflang="{lang}"][type$="wordprocessingml.document"]')
    expected = [part for row in final_rows(lang, carried) for part in row]
    for link, words_of in ((pdf_link, pdf_words), (word_link, docx_words)):
        text = words_of(download(clerk.request, base + link.get_attribute("href")))
        assert words["draft_mark"] in text, f"no draft mark in {link.get_attribute('href')}"
        assert in_order(text, *expected), f"{link.get_attribute('href')} lacks, in order: {expected!r}"
        assert month_label(lang, MONTHS[9][0]) not in text, "activity 9's start before the correction"


def comparison(clerk, base, lang, carried: dict):
    """4. The comparison of group IV's current and proposed programme, from the drafting's
    page: the new activity new, the carried ones carried (neither new nor dropped)."""
    clerk.goto(f"{base}/{lang}/drafting/{NEW}/")
    clerk.locator(f'table.proposals a[href$="/groups/{NEW}/IV/comparison/"]').click()
    activities = clerk.locator("section[aria-labelledby=compare-activities] table.comparison")
    expect(activities.locator("tr.new")).to_have_count(1)
    expect(activities.locator("tr.new")).to_contain_text(NEW_TEXT[lang])
    for number in CARRIED:
        row = activities.locator("tbody tr", has_text=carried[number])
        expect(row).to_have_count(1)
        expect(row).not_to_have_class(re.compile(r"\b(new|dropped)\b"))


def publish_and_approve(clerk, reader, base, lang, words):
    """5. The secretariat publishes the draft (a reader then sees group IV's proposal, marked as
    a draft) and records the Conference's approval."""
    clerk.goto(f"{base}/{lang}/drafting/{NEW}/")
    clerk.locator("#publish-draft button[type=submit]").click()
    expect(clerk.locator(".messages")).to_be_visible()
    reader.goto(f"{base}/{lang}/groups/{NEW}/IV/")
    expect(reader.locator(".draft-programme")).to_contain_text(words["draft"])
    form = clerk.locator("#approve-form")
    meeting = form.locator("select[name=meeting] option", has_text="CEA.11").get_attribute("value")
    form.locator("select[name=meeting]").select_option(meeting)
    form.locator("[name=approved_on]").fill("2021-11-19")
    form.locator("[name=resolution_en]").fill("14(XI)")
    form.locator("[name=resolution_es]").fill("14(XI)")
    form.locator("button[value=approve]").click()
    expect(clerk.locator("#in-force")).to_have_text(words["in_force"])
    reader.goto(f"{base}/{lang}/groups/{NEW}/IV/")
    expect(reader.locator(".draft-programme")).to_have_count(0)


def first_round(portal, focal, base, lang, carried: dict):
    """6. The new programme's first round opens (a meeting of the Executive Committee, the
    round, opened by the secretariat's service), and the focal point's round page lists the
    carried activities."""
    code = portal.said(ROUND_OPEN.format(number=22, start=2022), "round")
    focal.goto(f"{base}/{lang}/rounds/{code}/{NEW}/IV/")
    main = focal.locator("main")
    for number in CARRIED:
        expect(main).to_contain_text(carried[number])
    expect(main).to_contain_text(NEW_TEXT[lang])


@pytest.fixture
def people(browser, request):
    """The focal point's, the secretariat's and a reader's pages, side by side; a failed test
    leaves a screenshot of each at test-artifacts/browser/<test>_<who>.png."""
    pages = [browser.new_context(locale="en-US", viewport=DESK).new_page() for _ in range(3)]
    for one in pages:
        one.set_default_timeout(15000)
    yield pages
    if getattr(getattr(request.node, "rep_call", None), "failed", False):
        for who, one in zip(("focal", "clerk", "reader"), pages, strict=True):
            save_screenshot(one, f"{request.node.name}_{who}")
    for one in pages:
        one.context.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_drafting_cycle(portal, people, screenshot, lang):
    base, words, steps = portal.url, WORDS[lang], Steps(lang)
    focal, clerk, reader = people
    old_before = _old_programme(reader, base, lang)
    log_in(focal, base, "focal-mex")
    log_in(clerk, base, "secretariat")
    steps.done("the old programme read, log-ins")

    open_drafting(clerk, base, lang, words)
    steps.done("1 open")
    accepted = portal.said(OTHERS_ACCEPTED.format(start=2022, number=4), "accepted")
    assert accepted == "10", f"{accepted} of the other groups' 10 proposals accepted"
    steps.done("the other groups' proposals accepted (services)")
    carried = carry_two(focal, base, lang, words)
    activities_part(focal, base, lang, {0: MONTHS[6], 1: MONTHS[9], 2: MONTHS["new"]}, new_text=True)
    expect(focal.locator("table.proposal-activities tbody tr")).to_have_count(3)
    screenshot(focal, f"drafting_{lang}_1_proposal")
    submit(focal, base, lang, words)
    steps.done("2 propose")

    comment = {
        "en": "Activity 9 starts in April 2022, please.",
        "es": "La actividad 9 empieza en abril de 2022.",
    }[lang]
    review(clerk, base, lang, words, comment=comment)
    focal.goto(f"{base}/{lang}/proposals/{NEW}/IV/")
    expect(focal.locator(".notice.returned h2")).to_have_text(words["returned"])
    expect(focal.locator("section.thread .thread-message").last).to_contain_text(comment)
    activities_part(focal, base, lang, {1: (CORRECTED, MONTHS[9][1])})
    submit(focal, base, lang, words)
    review(clerk, base, lang, words)
    steps.done("3 return, correct, accept")

    documents_of_the_draft(clerk, base, lang, words, carried)
    comparison(clerk, base, lang, carried)
    steps.done("4 documents, comparison")
    publish_and_approve(clerk, reader, base, lang, words)
    screenshot(clerk, f"drafting_{lang}_2_approved")
    steps.done("5 publish, approve")
    first_round(portal, focal, base, lang, carried)
    steps.done("6 first round")

    _carried_from_old(reader, base, lang, words)
    for what, before, after in zip(
        ("page", "PDF", "Word file"), old_before, _old_programme(reader, base, lang), strict=True
    ):
        assert after == before, f"group IV 2020-2021's {what} changed:\n" + difference(before, after)
    steps.done("7 the old programme read again")
    steps.report()
