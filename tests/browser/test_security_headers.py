"""The Content-Security-Policy (core/security.py) in a real browser: the reading pages, a focal
point's report page (its script keeps the slider in step), the admin (its own scripts, and
django-import-export's) and the API's documentation (Swagger UI, started by a script file of its
own) work with it, and the browser reports no violation anywhere (issue 18).

Only HTTP and the browser here: no Django ORM (see conftest.py)."""

from playwright.sync_api import expect

from .test_progress_flow import log_in

PUBLIC = [
    "/en/",
    "/es/groups/2020-2021/IV/",
    "/en/countries/MEX/",
    "/es/documents/",
    "/en/help/",
    "/en/search/?q=time",
]
ADMIN = [
    "/en/admin/",
    "/en/admin/activities/activity/?group__id__exact=4",
    "/en/admin/activities/activity/1/change/",
    "/en/admin/groups/institution/import/",
    "/es/admin/reporting/groupreport/",
]


def _violations(page) -> list[str]:
    seen = []
    page.on(
        "console",
        lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return seen


def test_no_page_breaks_the_content_security_policy(portal_server, browser, screenshot):
    base = portal_server.url
    page = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900}).new_page()
    seen = _violations(page)
    for address in PUBLIC:
        assert page.goto(base + address).status == 200, address
        assert page.evaluate("document.querySelector('main') !== null")

    page.goto(base + "/api/docs/")
    expect(page.locator(".swagger-ui .info")).to_be_visible(timeout=15_000)  # its script ran
    screenshot(page, "csp_api_docs")

    log_in(page, base, "focal-mex")
    page.goto(base + "/en/rounds/CE.21/2020-2021/X/")
    expect(page.locator("input.percent-slider").first).to_be_visible()  # progress.js ran

    clerk = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900}).new_page()
    seen_by_clerk = _violations(clerk)
    log_in(clerk, base, "secretariat")
    for address in ADMIN:
        assert clerk.goto(base + address).status == 200, address
    clerk.goto(base + "/en/admin/activities/activity/1/change/")
    expect(clerk.locator("#activity_form")).to_be_visible()
    screenshot(clerk, "csp_admin_activity")
    assert seen == [] and seen_by_clerk == [], seen + seen_by_clerk
    page.context.close()
    clerk.context.close()
