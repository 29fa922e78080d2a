"""The secretariat's admin in a real browser (issue 26): on a document's page the fields the
chosen kind does not use are greyed and cannot be reached, what the kind refuses but still
holds is marked, and choosing another kind opens them again; saving still refuses them.

Only HTTP and the browser here: no Django ORM (see conftest.py)."""

from playwright.sync_api import expect

from .test_progress_flow import log_in


def _state(page, name) -> str:
    """ "unused", "refused" or "open": how the page shows the row of field `name`."""
    return page.evaluate(
        """(name) => {
            const field = document.querySelector(`[name="${name}"]`);
            const row = field.closest('.fieldBox') || field.closest('.form-row');
            const reach = row.inert ? '' : ' but reachable';
            if (row.classList.contains('kind-unused')) return 'unused' + reach;
            const shut = row.inert ? ' but unreachable' : '';
            if (row.classList.contains('kind-refused')) return 'refused' + shut;
            return 'open';
        }""",
        name,
    )


def test_a_document_s_page_follows_the_chosen_kind(portal_server, page, screenshot):
    base = portal_server.url
    log_in(page, base, "secretariat")
    page.goto(f"{base}/en/admin/reports/document/add/")
    assert all(_state(page, name) == "open" for name in ("round", "group", "obstacles_en", "numbering"))

    page.select_option("#id_kind", "programme")
    assert [_state(page, n) for n in ("programme", "round", "group", "introduction_en", "obstacles_en")] == [
        "open",
        "unused",
        "unused",
        "open",
        "unused",
    ]
    assert [_state(page, n) for n in ("layout", "numbering", "plan_as", "commission_line")] == [
        "unused",
        "unused",
        "unused",
        "open",
    ]
    expect(page.locator("#parts-group")).to_have_class("js-inline-admin-formset inline-group kind-unused")
    expect(page.locator(".field-round .kind-note")).to_have_text(
        "Not used by this kind of document (draft biennial programme)."
    )
    screenshot(page, "admin_document_programme")

    page.select_option("#id_kind", "group_report")
    assert [
        _state(page, n) for n in ("programme", "round", "group", "obstacles_en", "layout", "numbering")
    ] == [
        "unused",
        "open",
        "open",
        "unused",
        "open",
        "open",
    ]
    page.fill("#id_introduction_en", "Introduction")
    page.select_option("#id_layout", "table")
    page.select_option("#id_kind", "progress_report")
    assert _state(page, "layout") == "refused"  # a table, which only a group's report may be
    assert _state(page, "obstacles_en") == "open" and _state(page, "numbering") == "unused"

    # Saving refuses what the kind does not use: the server's rule, not the page's.
    page.fill("#id_symbol", "LC/CE.99/1")
    page.fill("#id_title_en", "A test")
    page.fill("#id_date_en", "31 January 2027")
    page.locator("#id_meeting").select_option(index=1)
    page.locator("#id_round").select_option(index=1)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".field-layout .errorlist")).to_contain_text("Only a report of a working group")
    assert _state(page, "layout") == "refused"
    screenshot(page, "admin_document_refused")
