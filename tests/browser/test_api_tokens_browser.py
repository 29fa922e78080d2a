"""A focal point makes a personal access token in a real browser, uses it from a program (here,
urllib against the live portal's API), sees its last use on the page and revokes it there.

Only HTTP and the browser here: no Django ORM (see conftest.py). Django's date formatting (no
database) gives the times the page should show."""

import json
import urllib.error
import urllib.request

from django.utils import formats, timezone, translation
from playwright.sync_api import expect

TOKENS = "/en/accounts/tokens/"
# The loopback only: no proxy from the environment.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def log_in(page, base, username):
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{base}/en/my-groups/")


def call_api(base, path, secret=None):
    """(status, headers, JSON body) of a GET, as a program sends it."""
    headers = {"Accept-Language": "en"}
    if secret is not None:
        headers["Authorization"] = f"Bearer {secret}"
    request = urllib.request.Request(f"{base}{path}", headers=headers)
    try:
        with OPENER.open(request, timeout=15) as response:
            return response.status, response.headers, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.loads(error.read())


def _as_shown(moments):
    """The moments as the page writes them (DATETIME_FORMAT, the portal's time zone named, English)."""
    with translation.override("en"):
        return {
            formats.date_format(timezone.localtime(m), "DATETIME_FORMAT") + " (Santiago time)"
            for m in moments
        }


def test_focal_point_makes_uses_and_revokes_a_token(portal_server, page, screenshot):
    base = portal_server.url
    log_in(page, base, "focal-mex")
    page.locator(".user-menu").get_by_role("link", name="API tokens").click()
    expect(page).to_have_url(f"{base}{TOKENS}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Personal access tokens")

    page.get_by_label("Name of the new token").fill("My tool")
    page.get_by_role("button", name="Create token").click()
    shown = page.locator("code[data-token]")
    expect(shown).to_have_count(1)
    secret = shown.inner_text().strip()
    assert secret.startswith("cea_") and len(secret) > 40, secret
    screenshot(page, "api_token_created")

    # A program uses it; without it, the API asks for one.
    status, headers, _ = call_api(base, "/api/v1/group-reports/")
    assert status == 401 and headers["WWW-Authenticate"] == "Bearer"
    before = timezone.now()
    status, _, rows = call_api(base, "/api/v1/group-reports/", secret)
    after = timezone.now()
    assert status == 200, rows
    # The demo round is open, and INEGI coordinates group IV (time use).
    assert ("2020-2021/IV", True) in [(r["group"], r["editable"]) for r in rows["results"]], rows

    # Back on the page (a new GET: reloading the answer to the form would send it again and
    # make another token): the secret is gone, the token is listed with its last use.
    page.goto(f"{base}{TOKENS}")
    expect(page.locator("code[data-token]")).to_have_count(0)
    assert secret not in page.content()
    row = page.locator("table.tokens tbody tr").filter(has_text=f"{secret[:10]}…")
    expect(row).to_have_count(1)
    cells = row.locator("td")
    expect(cells.nth(0)).to_have_text("My tool")
    last_used = cells.nth(3).inner_text().strip()
    assert last_used in _as_shown({before, after}), last_used
    screenshot(page, "api_token_listed")

    row.get_by_role("button", name="Revoke “My tool”").click()
    expect(page).to_have_url(f"{base}{TOKENS}")
    expect(page.locator(".messages")).to_contain_text("The token “My tool” was revoked")
    expect(cells.nth(4)).to_contain_text("revoked on")
    expect(row.get_by_role("button")).to_have_count(0)
    screenshot(page, "api_token_revoked")

    status, headers, body = call_api(base, "/api/v1/group-reports/", secret)
    assert status == 401 and headers["WWW-Authenticate"] == "Bearer"
    assert body == {"detail": "This token is not valid, or it was revoked."}
