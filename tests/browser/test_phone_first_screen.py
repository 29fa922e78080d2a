"""On a phone (390 x 844), issue 26: the header is at most 120 px high for every role in both
languages (it took 311 px signed in, 344 px in Spanish, and pushed the form's first box below the
first screen); the form's first box is on the first screen for every role; the Menu button
unfolds the sections, the search and the account; the timeline says it scrolls sideways; a card
table's caption does not ask to select column headings that cards do not have.

Only HTTP and the browser here: no Django ORM (see conftest.py)."""

import pytest
from playwright.sync_api import expect

from .test_progress_flow import log_in

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}
HEADER_MAX = 120
LANGS = ("en", "es")
ROLES = ("anonymous", "focal-mex", "focal-col", "secretariat")
READING = ("/", "/countries/", "/documents/", "/help/", "/groups/2020-2021/IV/", "/progress/CE.20/")
# A report each role works on, and its form's first box. Groups no other browser test submits:
# X and VIII are only read by them; XI, which no demo account coordinates, is submitted here for
# the secretariat to review (tests/browser/test_reporting_cycle.py uses VII and IX).
REVIEWED = "/rounds/CE.21/2020-2021/XI/"
FIRST_BOX = {
    "anonymous": [("/my-groups/", "form.narrow input[name=username]")],  # the log-in it is sent to
    "focal-mex": [("/rounds/CE.21/2020-2021/X/", "form.progress-form input.percent")],
    "focal-col": [("/rounds/CE.21/2020-2021/VIII/", "form.progress-form input.percent")],
    "secretariat": [
        (REVIEWED, "form.review-form textarea"),  # the review: its comment, then Accept or Return
        (f"{REVIEWED}?correct=1", "form.progress-form input.percent"),  # "Correct it myself"
    ],
}
SUBMIT_XI = """
from groups.models import WorkingGroup
from reporting.models import GroupReport, ReportingRound
GroupReport.objects.get_or_create(
    round=ReportingRound.objects.get(meeting__code="CE.21"),
    group=WorkingGroup.objects.by_code("2020-2021", "XI"),
    defaults={"status": "submitted"},
)
"""


@pytest.fixture(scope="module")
def submitted_xi(portal_server):
    """Group XI's report in the demo round, submitted: the secretariat's review page."""
    portal_server.manage("shell", "-c", SUBMIT_XI)


@pytest.fixture
def phone(browser, portal_server, submitted_xi, request):
    """A phone's page, logged in as the test's role (from its `role` parameter)."""
    context = browser.new_context(
        locale="en-US", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    role = request.node.callspec.params["role"]
    if role != "anonymous":
        log_in(page, portal_server.url, role)
    yield page
    context.close()


def _header_height(page) -> float:
    return page.locator("header.site-header").bounding_box()["height"]


def _signed_in_paths(role):
    return [] if role == "anonymous" else ["/my-groups/", *(path for path, _box in FIRST_BOX[role])]


@pytest.mark.parametrize("role", ROLES)
def test_the_header_is_one_short_row_on_a_phone(portal_server, phone, screenshot, role):
    tall = {}
    for lang in LANGS:
        for path in (*READING, *_signed_in_paths(role)):
            assert phone.goto(f"{portal_server.url}/{lang}{path}").status == 200, path
            height = _header_height(phone)
            if height > HEADER_MAX:
                tall[f"/{lang}{path}"] = height
                screenshot(phone, f"phone_header_{role}_{lang}{path}")
    assert not tall, f"headers higher than {HEADER_MAX} px: {tall}"


@pytest.mark.parametrize("role", ROLES)
def test_the_menu_unfolds_the_sections_search_and_account(portal_server, phone, role):
    for lang, help_label, groups_label in (
        ("en", "Help", "My working groups"),
        ("es", "Ayuda", "Mis grupos de trabajo"),
    ):
        phone.goto(f"{portal_server.url}/{lang}/countries/")
        nav = phone.locator("header nav.site-nav")
        expect(nav).to_be_hidden()
        expect(phone.locator("header nav.languages")).to_be_visible()  # the languages stay in the row
        phone.locator("header .site-menu-toggle summary").click()
        expect(nav.get_by_role("link", name=help_label, exact=True)).to_be_visible()
        expect(phone.locator("header form.site-search input[type=search]")).to_be_visible()
        if role == "anonymous":
            expect(nav.get_by_role("link", name=groups_label)).to_have_count(0)
            expect(phone.locator("header .user-menu a[href*='/accounts/login/']")).to_be_visible()
        else:
            expect(nav.get_by_role("link", name=groups_label)).to_be_visible()
            expect(phone.locator("header .user-menu button")).to_be_visible()  # Log out
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("role", ROLES)
def test_the_forms_first_box_is_on_the_first_screen(portal_server, phone, screenshot, role):
    below = {}
    for lang in LANGS:
        for path, selector in FIRST_BOX[role]:
            assert phone.goto(f"{portal_server.url}/{lang}{path}").status == 200, path
            box = phone.locator(selector).first
            expect(box).to_be_visible()
            assert phone.evaluate("window.scrollY") == 0, path
            where = box.bounding_box()
            assert where["y"] >= _header_height(phone), (path, where)
            if where["y"] + where["height"] > PHONE["height"]:
                below[f"/{lang}{path}"] = round(where["y"] + where["height"])
                screenshot(phone, f"phone_first_box_{role}_{lang}{path}")
    assert not below, f"the first box ends below the first screen ({PHONE['height']} px) at: {below}"


@pytest.mark.parametrize("role", ["anonymous"])
def test_the_timeline_says_it_scrolls_where_it_does(portal_server, phone, browser, role):
    hints = {"en": "scroll it sideways", "es": "desplácela hacia los lados"}
    for lang in LANGS:
        phone.goto(f"{portal_server.url}/{lang}/groups/2020-2021/IV/")
        scroller = phone.locator("figure.timeline .scroll")
        assert scroller.evaluate("el => el.scrollWidth > el.clientWidth")
        expect(phone.locator("figure.timeline .scroll-hint")).to_be_visible()
        expect(phone.locator("figure.timeline .scroll-hint")).to_contain_text(hints[lang])
    desk = browser.new_context(viewport=DESK).new_page()
    desk.goto(f"{portal_server.url}/en/groups/2020-2021/IV/")
    assert not desk.locator("figure.timeline .scroll").evaluate("el => el.scrollWidth > el.clientWidth")
    expect(desk.locator("figure.timeline .scroll-hint")).to_be_hidden()
    desk.context.close()


@pytest.mark.parametrize("role", ["anonymous"])
def test_a_card_tables_caption_asks_for_no_column_heading(portal_server, phone, browser, role):
    for lang in LANGS:
        phone.goto(f"{portal_server.url}/{lang}/progress/CE.20/")
        expect(phone.locator("table.round-progress thead")).to_be_hidden()
        expect(phone.locator("table.round-progress caption")).to_be_visible()
        expect(phone.locator("table.round-progress caption .sort-hint")).to_be_hidden()
    desk = browser.new_context(viewport=DESK).new_page()
    desk.goto(f"{portal_server.url}/es/progress/CE.20/")
    expect(desk.locator("table.round-progress caption .sort-hint")).to_be_visible()
    expect(desk.locator("table.round-progress thead")).to_be_visible()
    desk.context.close()
