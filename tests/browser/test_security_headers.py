"""The Content-Security-Policy (core/security.py) in a real browser: the reading pages, a focal
point's report page (its script keeps the slider in step), the admin (its own scripts, and
django-import-export's) and the API's documentation (Swagger UI, started by a script file of its
own) work with it, and the browser reports no violation anywhere (issue 18). Every import and
export page of the admin is visited, and the export's "Select all" is used (issue 26: the
library's inline handler was blocked, so it did nothing).

Only HTTP and the browser here: no Django ORM (see conftest.py); the admin's pages are listed
from its registry and reversed, which reads no database."""

from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from reporting.models import GroupReport
from spreadsheets.admin import GroupWorkbookAdmin, SpreadsheetAdmin, WorkbookImportAdmin

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
    "/en/admin/reports/document/add/",  # its script greys what the chosen kind does not use
]


def exchange_pages(lang="en") -> list[str]:
    """Every import and export page of the admin, and the workbooks' upload pages."""
    pages = []
    with translation.override(lang):
        for model, model_admin in admin.site._registry.items():
            name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
            if isinstance(model_admin, SpreadsheetAdmin):
                pages.append(reverse(f"{name}_export"))
                # A group report's status moves through the review, never by import (policy).
                if model is not GroupReport:
                    pages.append(reverse(f"{name}_import"))
            if isinstance(model_admin, (WorkbookImportAdmin, GroupWorkbookAdmin)):
                pages.append(reverse(f"{name}_import_workbook"))
    return pages


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
    _visit_exchange_pages(clerk, base, screenshot)
    assert seen == [] and seen_by_clerk == [], seen + seen_by_clerk
    page.context.close()
    clerk.context.close()


def _visit_exchange_pages(clerk, base, screenshot):
    pages = exchange_pages("en") + exchange_pages("es")
    assert len(pages) > 30, pages
    for address in pages:
        assert clerk.goto(base + address).status == 200, address
    # The export's "Select all" clears and ticks every column of the sheet.
    clerk.goto(base + next(p for p in exchange_pages("es") if p.endswith("/export/")))
    toggle = clerk.locator("input.select-toggle")
    columns = clerk.locator('.selectable-field-export-row input[type="checkbox"]:not(.select-toggle)')
    assert columns.count() > 2
    toggle.uncheck()
    assert all(not box.is_checked() for box in columns.all())
    columns.first.check()
    expect(toggle).not_to_be_checked()
    toggle.check()
    assert all(box.is_checked() for box in columns.all())
    screenshot(clerk, "csp_admin_export")
    # An import's preview page, reached by uploading a file (guess_format.js picks its format).
    clerk.goto(base + "/en/admin/groups/country/import/")
    clerk.set_input_files(
        "#id_import_file",
        files=[{"name": "countries.csv", "mimeType": "text/csv", "buffer": b"iso3,name_en\nMEX,Mexico\n"}],
    )
    expect(clerk.locator("#id_format")).to_have_value("1")  # csv, chosen by its script
    clerk.get_by_role("button", name="Submit").click()
    expect(clerk.get_by_role("heading", name="Preview")).to_be_visible()
    screenshot(clerk, "csp_admin_import_preview")
