"""Every signed-in page fits a phone (390 px wide), for every role, in both languages (issue 17:
my groups overflowed by 126 px, the round overview by 327, the report page by up to 407). The
tables there turn into cards, as on the reading pages. A report page is measured with a
history of changes, which the secretariat's draft save gives it.

Only HTTP and the browser here: no Django ORM (see conftest.py)."""

import pytest
from playwright.sync_api import expect

from .test_progress_flow import log_in

PHONE = {"width": 390, "height": 844}
ROLES = ("focal-mex", "focal-col", "secretariat")
REPORT_WITH_HISTORY = "/rounds/CE.21/2020-2021/VI/"


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def _signed_in_pages(page, base, role) -> list[str]:
    """My groups, every report page it links, the rounds' overviews, and the account's pages."""
    page.goto(f"{base}/en/my-groups/")
    links = page.locator("main a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    paths = ["/my-groups/", "/accounts/password_change/", "/accounts/tokens/"]
    paths += sorted({link.removeprefix("/en") for link in links if link and link.startswith("/en/rounds/")})
    return paths


@pytest.mark.parametrize("role", ROLES)
def test_every_signed_in_page_fits_a_phone(portal_server, page, screenshot, role):
    base = portal_server.url
    log_in(page, base, role)
    if role == "secretariat":  # a history of changes on one report page
        page.goto(f"{base}/en{REPORT_WITH_HISTORY}?correct=1")  # the secretariat's correction
        page.locator("input.percent").first.fill("40")
        page.locator("textarea").first.fill("A remark long enough to wrap on a phone " * 5)
        page.get_by_role("button", name="Save the correction").click()
        expect(page.locator("section[aria-labelledby=history] table")).to_be_visible()
    paths = _signed_in_pages(page, base, role)
    assert any(p.startswith("/rounds/") for p in paths) or role == "focal-col", paths
    page.set_viewport_size(PHONE)
    wide = {}
    for lang in ("en", "es"):
        for path in paths:
            response = page.goto(f"{base}/{lang}{path}")
            assert response.status == 200, path
            if _overflow(page) > 0:
                wide[f"/{lang}{path}"] = _overflow(page)
                screenshot(page, f"phone_{role}_{lang}{path}")
    assert not wide, f"wider than a phone by (px): {wide}"
