"""The reading pages in a real browser: accessibility (axe-core), a reader's walk from the home
page to a group's timeline and into Spanish, a phone-size screen, print, and sorting a round's
progress table.

Only HTTP and the browser here: no Django ORM (see conftest.py). Django's date formatting (no
database) gives the dates the pages should show.

The Spanish words asserted below are the Spanish catalogue's (locale/es/LC_MESSAGES/django.po)
for these msgids: "Timeline" (Línea de tiempo), "Overall progress" (Avance general) and "Schedule"
(Cronograma); the walk first checks that the catalogue still says so.
"""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import formats, timezone, translation
from playwright.sync_api import expect
from pypdf import PdfReader

from .conftest import ARTIFACTS

TIME_USE_EN = "Methodological guide on time-use measurements in Latin America and the Caribbean"
TIME_USE_ES = "Guía metodológica sobre las mediciones de uso del tiempo en América Latina y el Caribe"
GROUP_IV = "/groups/2020-2021/IV/"
ROUND = "/progress/CE.20/"

# The Spanish catalogue's words for the page's headings: msgid -> msgstr.
SPANISH_HEADINGS = {
    "Timeline": "Línea de tiempo",
    "Overall progress": "Avance general",
    "Schedule": "Cronograma",
}
TIMELINE_ES = SPANISH_HEADINGS["Timeline"]
OVERALL_PROGRESS_ES = SPANISH_HEADINGS["Overall progress"]
SCHEDULE_ES = SPANISH_HEADINGS["Schedule"]

AXE = Axe()  # axe-core as bundled by axe-playwright-python: nothing is fetched
FAILING_IMPACTS = ("serious", "critical")
PHONE = {"width": 390, "height": 844}

SEARCH_WORD = {"en": "time", "es": "tiempo"}
# (name, path after the language prefix, expected HTTP status)
READING_PAGES = {
    lang: [
        ("home", "/", 200),
        ("group", GROUP_IV, 200),
        ("countries", "/countries/", 200),
        ("country", "/countries/MEX/", 200),
        ("round", ROUND, 200),
        ("documents", "/documents/", 200),
        ("search", f"/search/?q={word}", 200),
        ("search_empty", "/search/?q=", 400),
    ]
    for lang, word in SEARCH_WORD.items()
}


def _dates_of_today(language):
    """Today as the portal writes it (DATE_FORMAT, the portal's time zone) in `language`; the
    day before and after too, so a test run across midnight still matches."""
    today = timezone.localdate()
    with translation.override(language):
        return [
            formats.date_format(today + datetime.timedelta(days=days), "DATE_FORMAT") for days in (0, -1, 1)
        ]


def _catalogue_differences():
    """The headings whose Spanish in the compiled catalogue is not the one this file expects."""
    with translation.override("es"):
        found = {msgid: translation.gettext(msgid) for msgid in SPANISH_HEADINGS}
    return {
        msgid: (found[msgid], expected)
        for msgid, expected in SPANISH_HEADINGS.items()
        if found[msgid] != expected
    }


def _serious(results):
    return [v for v in results.response["violations"] if v["impact"] in FAILING_IMPACTS]


def _describe(violations):
    """Each violation's id, impact and help, with its first nodes (target, why, markup)."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{len(violation['nodes'])} node(s)] {violation.get('helpUrl', '')}"
        )
        for node in violation["nodes"][:3]:
            why = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    target {node['target']}: {why}")
            lines.append(f"      {node.get('html', '')[:200]}")
    return "\n".join(lines)


# --- 1. accessibility --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language,name,path,status",
    [
        (language, name, path, status)
        for language, pages in READING_PAGES.items()
        for name, path, status in pages
    ],
    ids=[f"{language}-{name}" for language, pages in READING_PAGES.items() for name, _p, _s in pages],
)
def test_reading_page_has_no_serious_accessibility_violation(
    portal_server, page, language, name, path, status
):
    url = f"{portal_server.url}/{language}{path}"
    response = page.goto(url)
    assert response is not None and response.status == status, (url, response and response.status)
    expect(page.locator("html")).to_have_attribute("lang", language)
    if name == "search":
        expect(page.locator("ul.results li").first).to_be_visible()  # the query finds something
    if name == "search_empty":
        expect(page.locator("#search-error")).to_be_visible()

    results = AXE.run(page)
    violations = _serious(results)
    assert not violations, (
        f"axe-core {results.response.get('testEngine', {}).get('version')} found serious or "
        f"critical violations on {url}:\n{_describe(violations)}"
    )


def test_the_accessibility_check_finds_what_it_should(page):
    """The check above is not vacuous: on a page with an unlabelled image, a low-contrast
    paragraph and an unlabelled field, the bundled axe-core reports them as serious or critical."""
    page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>Bad page</title></head><body><main>'
        '<h1>Bad page</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<p style="color:#bbb;background:#fff">Hard to read</p><input type="text">'
        "</main></body></html>"
    )
    found = {v["id"] for v in _serious(AXE.run(page))}
    assert {"image-alt", "color-contrast", "label"} <= found, found


# --- 2. a reader's walk ------------------------------------------------------------------------


def test_walk_from_home_to_the_timeline_then_into_spanish(portal_server, page, screenshot):
    differences = _catalogue_differences()
    assert not differences, f"The Spanish catalogue (found, expected here) differs for: {differences}"
    base = portal_server.url
    page.goto(f"{base}/en/")
    screenshot(page, "reading_home_en")
    group_row = page.locator("table.groups tbody tr").filter(has_text=TIME_USE_EN)
    expect(group_row).to_have_count(1)
    group_row.get_by_role("link", name=TIME_USE_EN, exact=True).click()

    expect(page).to_have_url(f"{base}/en{GROUP_IV}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(TIME_USE_EN)
    facts = page.locator("section.summary dl.facts dt")
    expect(facts.filter(has_text="Overall progress")).to_have_count(1)
    expect(facts.filter(has_text="Schedule")).to_have_count(1)
    screenshot(page, "reading_group_en")

    # The page's contents lead to the timeline.
    contents = page.get_by_role("navigation", name="On this page")
    contents.get_by_role("link", name="Timeline", exact=True).click()
    expect(page).to_have_url(re.compile(r"#timeline$"))
    timeline = page.locator("section:has(h2#timeline)")
    expect(timeline.get_by_role("heading", level=2)).to_have_text("Timeline")
    expect(timeline.locator("h2#timeline")).to_be_in_viewport()
    svg = timeline.locator("figure.timeline svg[role=img]")
    expect(svg).to_be_visible()
    expect(svg.locator("title#timeline-title")).to_contain_text("Timeline of the activities")
    # Named by its title, described by its desc.
    expect(svg).to_have_accessible_name(re.compile(r"^Timeline of the activities, \w+ \d{4} to \w+ \d{4}$"))
    expect(svg).to_have_accessible_description(
        re.compile(r"^\d+ activities; each bar runs from its start month to its end month")
    )

    # One bar row per activity of the table above.
    activities = page.locator("table.activities tbody tr[id^=activity-]")
    count = activities.count()
    assert count > 0
    expect(svg.locator("g.row")).to_have_count(count)
    for number in range(1, count + 1):
        expect(svg.locator("g.row").nth(number - 1).locator("title")).to_contain_text(f"Activity {number}:")

    # The caption says where today is against the period shown.
    caption = timeline.locator("figure.timeline figcaption")
    caption_text = caption.inner_text()
    assert any(day in caption_text for day in _dates_of_today("en")), (_dates_of_today("en"), caption_text)
    screenshot(page, "reading_timeline_en")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("figure.timeline").screenshot(path=str(ARTIFACTS / "reading_timeline_en_chart.png"))

    # Into Spanish with the language switcher: the same group, in Spanish.
    page.locator('nav.languages a[hreflang="es"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert urlsplit(page.url).path == f"/es{GROUP_IV}", page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(rf"^\s*IV\.\s+{re.escape(TIME_USE_ES)}\s*$")
    )
    expect(page.locator("main")).not_to_contain_text(TIME_USE_EN)
    expect(page.locator("h2#timeline")).to_have_text(TIMELINE_ES)
    expect(page.locator("nav.page-contents a[href='#timeline']")).to_have_text(TIMELINE_ES)
    facts = page.locator("section.summary dl.facts dt")
    expect(facts.filter(has_text=OVERALL_PROGRESS_ES)).to_have_count(1)
    expect(facts.filter(has_text=SCHEDULE_ES)).to_have_count(1)
    expect(page.locator("table.activities thead th").filter(has_text=SCHEDULE_ES)).to_have_count(1)
    svg = page.locator("figure.timeline svg[role=img]")
    expect(svg.locator("g.row")).to_have_count(count)
    caption_text = page.locator("figure.timeline figcaption").inner_text()
    assert any(day in caption_text for day in _dates_of_today("es")), (_dates_of_today("es"), caption_text)
    screenshot(page, "reading_group_es")


def _overflow(page, width):
    """The document's and the window's widths, and the elements that stick out to the right of
    `width` (outside the timeline's scroll container, which may scroll sideways)."""
    return page.evaluate(
        """(width) => {
        const culprits = [];
        for (const element of document.body.querySelectorAll('*')) {
            if (element.closest('figure.timeline .scroll')) continue;
            const box = element.getBoundingClientRect();
            if (box.width && box.right > width + 1) {
                culprits.push(`${element.tagName.toLowerCase()}.${element.className}`
                              + ` (right ${Math.round(box.right)})`);
            }
        }
        return {scrollWidth: document.documentElement.scrollWidth,
                innerWidth: window.innerWidth, culprits: culprits.slice(0, 10)};
    }""",
        width,
    )


def test_spanish_pages_fit_a_phone(portal_server, browser, screenshot):
    """On a phone the reading pages never scroll sideways: tables become cards; only the
    timeline scrolls, inside its own container."""
    context = browser.new_context(
        locale="es-ES", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    try:
        page = context.new_page()
        page.set_default_timeout(15000)
        for name, path, status in READING_PAGES["es"]:
            response = page.goto(f"{portal_server.url}/es{path}")
            assert response is not None and response.status == status
            if name in ("home", "group"):
                screenshot(page, f"reading_{name}_es_phone")
            overflow = _overflow(page, PHONE["width"])
            # A mobile browser widens its layout viewport to fit content that overflows, so
            # the window's width is checked against the phone's too.
            assert overflow["innerWidth"] == PHONE["width"], (path, overflow)
            assert overflow["scrollWidth"] <= PHONE["width"] + 1, (path, overflow)
            assert not overflow["culprits"], (path, overflow)

        # On the group page the timeline scrolls inside its own container, which stays within
        # the screen and can be reached with the keyboard.
        page.goto(f"{portal_server.url}/es{GROUP_IV}")
        scroller = page.locator("figure.timeline .scroll")
        sizes = scroller.evaluate(
            "el => ({client: el.clientWidth, scroll: el.scrollWidth,"
            " right: el.getBoundingClientRect().right})"
        )
        assert sizes["right"] <= PHONE["width"] + 1, sizes
        assert sizes["scroll"] > sizes["client"], sizes  # the chart is wider than a phone
        expect(scroller).to_have_attribute("tabindex", "0")

        # On the home page the table is cards: no header row, each cell starts with its label.
        page.goto(f"{portal_server.url}/es/")
        expect(page.locator("table.groups thead")).to_be_hidden()
        cell = page.locator("table.groups tbody tr").first.locator("td[data-label]").first
        label = cell.get_attribute("data-label")
        assert label and cell.evaluate("td => getComputedStyle(td, '::before').content") == (f'"{label}: "')
    finally:
        context.close()


# --- 3. print ----------------------------------------------------------------------------------


def test_group_page_prints_without_the_site_controls(portal_server, page):
    page.goto(f"{portal_server.url}/en{GROUP_IV}")
    expect(page.locator("form.site-search")).to_be_visible()
    expect(page.locator("nav.languages")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.locator("form.site-search")).to_be_hidden()
    expect(page.locator("nav.languages")).to_be_hidden()
    expect(page.locator("nav.site-nav")).to_be_hidden()
    expect(page.locator("nav.page-contents")).to_be_hidden()
    expect(page.locator("figure.timeline svg")).to_be_visible()
    # Printed, the timeline is not cut to a scrolling box.
    sizes = page.locator("figure.timeline .scroll").evaluate(
        "el => ({client: el.clientWidth, scroll: el.scrollWidth})"
    )
    assert sizes["scroll"] <= sizes["client"] + 1, sizes

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "reading_group_print_en.pdf"
    page.pdf(path=str(path), format="A4", print_background=False)
    reader = PdfReader(str(path))
    assert len(reader.pages) >= 1
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "Methodological guide on time-use measurements" in text, text[:1000]
    assert "Timeline" in text
    assert "Skip to content" not in text


# --- 4. sorting a round's progress -------------------------------------------------------------


def _column_figures(page, column):
    """The percentages shown in the column `column` (0-based) of the round's table, top to
    bottom; None where the row shows no figure."""
    cells = page.locator("table.round-progress tbody tr").evaluate_all(
        "(rows, column) => rows.map(row => row.cells[column].innerText)", column
    )
    figures = []
    for text in cells:
        match = re.search(r"(\d+)\s*%", text)
        figures.append(int(match.group(1)) if match else None)
    return figures


def _check_order(figures, descending):
    known = [f for f in figures if f is not None]
    assert known == sorted(known, reverse=descending), figures
    # Rows without a figure come last, whichever the order.
    assert figures[: len(known)] == known, figures


def _click_progress_header(page, table, column, url, order):
    """Click the progress column's heading; check the address and that only that heading says
    how the table is sorted; return the column's figures."""
    table.locator("thead th:has(a[href^='?sort=progress'])").get_by_role("link").click()
    expect(page).to_have_url(re.compile(url))
    header = table.locator("thead th:has(a[href^='?sort=progress'])")
    expect(header).to_have_attribute("aria-sort", order)
    expect(table.locator("thead th[aria-sort]")).to_have_count(1)
    return _column_figures(page, column)


def test_round_progress_sorts_by_its_progress_column(portal_server, page, screenshot):
    page.goto(f"{portal_server.url}/en{ROUND}")
    table = page.locator("table.round-progress")
    header = table.locator("thead th:has(a[href^='?sort=progress'])")
    expect(header).to_have_count(1)
    assert header.get_attribute("aria-sort") is None
    expect(table.locator("thead th").first).to_have_attribute("aria-sort", "ascending")
    column = header.evaluate("th => th.cellIndex")
    figures = _column_figures(page, column)
    assert len({f for f in figures if f is not None}) >= 2, figures  # a meaningful order

    ascending = _click_progress_header(page, table, column, r"\?sort=progress$", "ascending")
    _check_order(ascending, descending=False)

    def unordered(values):
        return sorted(values, key=lambda f: (f is None, f or 0))

    assert unordered(ascending) == unordered(figures)  # the same rows, reordered
    screenshot(page, "reading_round_sorted_ascending_en")

    descending = _click_progress_header(page, table, column, r"\?sort=progress&order=desc$", "descending")
    _check_order(descending, descending=True)
    assert [f for f in descending if f is not None] == [f for f in reversed(ascending) if f is not None]
    screenshot(page, "reading_round_sorted_descending_en")
