"""A staff account's first log-in in a real browser: the password, then setting up the
authenticator app from the QR code's key written out on the page (the code typed is computed
from that key, as the app computes it), the recovery codes shown once, the admin; then a log-in
with the app's next code. The demo secretariat's log-ins type its code (test_progress_flow.log_in).

Only HTTP and the browser here: no Django ORM (see conftest.py)."""

import re
from base64 import b32decode

from playwright.sync_api import expect

from ..support.second_factor import code_for

NEW_STAFF = (
    "from django.contrib.auth import get_user_model; from core.roles import secretariat_group; "
    "user = get_user_model().objects.create_user('clerk-new', 'c@example.org', 'demo', is_staff=True); "
    "user.groups.add(secretariat_group())"
)


def _password(page, base, username):
    page.goto(f"{base}/en/accounts/login/?next=/en/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Log in").click()


def test_a_new_staff_account_sets_up_its_code_then_logs_in_with_it(portal_server, page, screenshot):
    base = portal_server.url
    portal_server.manage("shell", "-c", NEW_STAFF)
    _password(page, base, "clerk-new")
    expect(page).to_have_url(re.compile(re.escape(f"{base}/en/accounts/code/enrol/")))
    expect(page.locator(".qr svg")).to_be_visible()
    screenshot(page, "second_factor_enrol")
    key = b32decode(page.locator("[data-secret]").inner_text().replace(" ", "")).hex()
    page.get_by_label("Code from the app").fill(code_for(key))
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
    page.get_by_role("link", name="I have kept them: continue").click()
    expect(page).to_have_url(f"{base}/en/admin/")

    page.context.clear_cookies()
    _password(page, base, "clerk-new")
    expect(page).to_have_url(re.compile(re.escape(f"{base}/en/accounts/code/")))
    page.get_by_label("Code").fill(code_for(key))
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{base}/en/admin/")
    expect(page.get_by_role("link", name="Users")).to_be_visible()
