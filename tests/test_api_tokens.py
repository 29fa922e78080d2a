"""The life of a personal access token, as its user lives it: made on the page "API tokens"
(/<lang>/accounts/tokens/), which shows its secret on that answer only; stored as its SHA-256
alone; used by a program on the API (Authorization: Bearer); its last use noted at most once a
minute and shown on the page; revoked there, by its own user only. Refused requests write nothing.

The Spanish asserted here (SPANISH) is the catalogue's (locale/es/LC_MESSAGES/django.po)."""

import datetime
import hashlib
import html
import re
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone

from accounts.models import AccessToken

from .support.api_clients import ApiClient
from .support.db_state import snapshot

pytestmark = pytest.mark.django_db

GROUP_REPORTS = "/api/v1/group-reports/"
LIMIT = AccessToken.MAX_ACTIVE

# msgid -> the Spanish the tests expect.
SPANISH = {
    "Give the token a name, to know later what uses it.": (
        "Dé un nombre al token, para saber más adelante qué lo utiliza."
    ),
    "You already have %(count)d tokens in use; revoke one you no longer need first.": (
        "Ya tiene %(count)d tokens en uso; revoque primero uno que ya no necesite."
    ),
    "No such token of yours; nothing was revoked.": "No tiene ningún token así; no se revocó nada.",
    "This token is not valid, or it was revoked.": "Este token no es válido, o fue revocado.",
    "Send the token as: Authorization: Bearer TOKEN.": "Envíe el token así: Authorization: Bearer TOKEN.",
}
REQUIRED = {
    "en": "Give the token a name, to know later what uses it.",
    "es": SPANISH["Give the token a name, to know later what uses it."],
}
NOT_VALID = {
    "en": "This token is not valid, or it was revoked.",
    "es": SPANISH["This token is not valid, or it was revoked."],
}
MALFORMED = {
    "en": "Send the token as: Authorization: Bearer TOKEN.",
    "es": SPANISH["Send the token as: Authorization: Bearer TOKEN."],
}
NOT_YOURS = {
    "en": "No such token of yours; nothing was revoked.",
    "es": SPANISH["No such token of yours; nothing was revoked."],
}
TOO_MANY = {
    "en": f"You already have {LIMIT} tokens in use; revoke one you no longer need first.",
    "es": SPANISH["You already have %(count)d tokens in use; revoke one you no longer need first."]
    % {"count": LIMIT},
}


def page_url(lang="en"):
    return f"/{lang}/accounts/tokens/"


@pytest.fixture
def browser(coordinator):
    """INEGI's focal point, signed in."""
    client = Client()
    client.force_login(coordinator)
    return client


def form_key(client, lang="en"):
    """The key of the form a GET of the page shows (each form may be sent once)."""
    page = client.get(page_url(lang)).content.decode()
    return re.search(r'name="key" value="([^"]+)"', page).group(1)


def create(client, name, lang="en"):
    return client.post(page_url(lang), {"name": name, "key": form_key(client, lang)})


def secret_in(response):
    """The secret the page shows (code[data-token]), or None."""
    found = re.findall(r"<code class=\"token\" data-token>([^<]*)</code>", response.content.decode())
    assert len(found) <= 1
    return found[0] if found else None


def new_token(client, name="Sync script"):
    """Make a token on the page; its secret and its row."""
    response = create(client, name)
    assert response.status_code == 200, response.content.decode()
    secret = secret_in(response)
    assert secret
    return secret, AccessToken.objects.get(digest=hashlib.sha256(secret.encode()).hexdigest())


def field_errors(response, field="name"):
    """The messages shown next to the field: its error list, which its input refers to."""
    page = response.content.decode()
    input_tag = re.search(rf'<input[^>]* id="id_{field}"[^>]*>', page).group(0)
    listed = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', page, re.S)
    if not listed:
        return []
    assert f"id_{field}_error" in re.search(r'aria-describedby="([^"]*)"', input_tag).group(1)
    return [html.unescape(m) for m in re.findall(r"<li>(.*?)</li>", listed.group(1), re.S)]


def messages_of(response):
    return [
        (kind, html.unescape(text))
        for kind, text in re.findall(
            r'<li class="message ([a-z]+)">(.*?)</li>', response.content.decode(), re.S
        )
    ]


def row_of(response, token):
    """The cells of the token's row in the page's table (found by the beginning it shows)."""
    rows = [r for r in response.content.decode().split("<tr>") if f"<code>{token.hint}…</code>" in r]
    assert len(rows) == 1, rows
    return [
        html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", rows[0].split("</tr>")[0], re.S)
    ]


def shown(moment):
    """A moment as the page writes it (DATETIME_FORMAT, the portal's time zone named, English)."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT") + " (Santiago time)"


def api(secret=None, lang="en"):
    return ApiClient(secret, lang=lang)


def assert_refused(response, message=None):
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == "Bearer"
    if message:
        assert response.json() == {"detail": message}


# --- making a token ------------------------------------------------------------------------


def test_a_new_token_is_shown_on_that_answer_only_and_no_cache_keeps_it(browser, coordinator):
    response = create(browser, "Sync script")
    assert response.status_code == 200
    secret = secret_in(response)
    assert secret and secret.startswith("cea_") and len(secret) > 40
    for answer in (response, browser.get(page_url())):
        cache_control = {d.strip() for d in answer["Cache-Control"].split(",")}
        assert {"no-store", "no-cache"} <= cache_control, answer["Cache-Control"]
    later = browser.get(page_url())
    assert later.status_code == 200
    assert secret not in later.content.decode() and secret_in(later) is None
    token = AccessToken.objects.get(user=coordinator)
    # Listed by its name and the beginning of the secret, never used yet.
    name, begins, created, last_used, status = row_of(later, token)
    assert (name, begins, last_used) == ("Sync script", f"{secret[:10]}…", "never")
    assert created == shown(token.created_at)
    assert status == "Revoke “Sync script”"
    # Nor does the next page of the session carry it (in a message, say).
    assert secret not in browser.get("/en/my-groups/").content.decode()


def test_the_database_holds_only_the_sha256_of_the_secret(browser):
    secret, token = new_token(browser)
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {AccessToken._meta.db_table}")
        rows = cursor.fetchall()
    assert len(rows) == 1
    for value in rows[0]:
        # The hint is the beginning shown on the page; the rest of the secret is nowhere.
        assert secret not in str(value) and secret[len(token.hint) :] not in str(value)


def test_the_page_is_for_signed_in_users_only(client):
    before = snapshot()
    for response in (client.get(page_url()), client.post(page_url(), {"name": "Sneaky"})):
        assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/")
    assert snapshot() == before


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", ["", "   "])
def test_a_blank_name_is_refused_next_to_the_field(browser, lang, name):
    before = snapshot()
    response = create(browser, name, lang)
    assert response.status_code == 400
    assert response["Content-Language"] == lang
    assert field_errors(response) == [REQUIRED[lang]]
    assert secret_in(response) is None
    assert snapshot() == before


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_eleventh_token_in_use_is_refused(browser, coordinator, lang):
    made = [new_token(browser, f"Tool {n}")[1] for n in range(1, LIMIT + 1)]
    before = snapshot()
    response = create(browser, "One too many", lang)
    assert response.status_code == 400
    assert field_errors(response) == [TOO_MANY[lang]]
    assert secret_in(response) is None
    assert snapshot() == before
    # A revoked token is no longer in use: there is room for one more.
    browser.post(page_url(), {"revoke": made[0].pk})
    secret, token = new_token(browser, "One too many")
    assert api(secret).get(GROUP_REPORTS).status_code == 200
    assert AccessToken.objects.active().filter(user=coordinator).count() == LIMIT


# --- using it ------------------------------------------------------------------------------


def test_the_token_reads_the_api_where_anonymous_gets_401(browser, open_round, group_iv):
    anonymous = api().get(GROUP_REPORTS)
    assert_refused(anonymous)
    secret, _ = new_token(browser)
    response = api(secret).get(GROUP_REPORTS)
    assert response.status_code == 200
    assert "2020-2021/IV" in [row["group"] for row in response.json()["results"]]


def test_last_use_is_shown_and_noted_at_most_once_a_minute(browser):
    start = datetime.datetime(2026, 12, 2, 9, 30, tzinfo=zoneinfo.ZoneInfo("America/Santiago"))
    with time_machine.travel(start, tick=False) as traveller:
        secret, token = new_token(browser)
        assert row_of(browser.get(page_url()), token)[3] == "never"
        program = api(secret)

        traveller.shift(datetime.timedelta(minutes=5))
        first_use = timezone.now()
        with CaptureQueriesContext(connection) as queries:
            assert program.get(GROUP_REPORTS).status_code == 200
            traveller.shift(datetime.timedelta(seconds=59))
            assert program.get(GROUP_REPORTS).status_code == 200
        writes = [
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].lstrip().upper().startswith("UPDATE") and AccessToken._meta.db_table in q["sql"]
        ]
        assert len(writes) == 1, writes
        token.refresh_from_db()
        assert token.last_used_at == first_use
        assert row_of(browser.get(page_url()), token)[3] == shown(first_use)

        traveller.shift(datetime.timedelta(seconds=2))  # a minute and a second after the first use
        assert program.get(GROUP_REPORTS).status_code == 200
        token.refresh_from_db()
        assert token.last_used_at == timezone.now() == first_use + datetime.timedelta(seconds=61)
        assert row_of(browser.get(page_url()), token)[3] == shown(token.last_used_at)


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b", "Bearer  ", "bearer cea_x extra"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_malformed_authorization_header_gets_401(header, lang):
    response = Client().get(GROUP_REPORTS, HTTP_AUTHORIZATION=header, HTTP_ACCEPT_LANGUAGE=lang)
    assert_refused(response, MALFORMED[lang])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_unknown_token_gets_401(lang):
    assert_refused(api("cea_" + "x" * 43, lang).get(GROUP_REPORTS), NOT_VALID[lang])


def test_the_token_of_a_user_made_inactive_stops_working(browser, coordinator):
    secret, _ = new_token(browser)
    assert api(secret).get(GROUP_REPORTS).status_code == 200
    coordinator.is_active = False
    coordinator.save(update_fields=["is_active"])
    assert_refused(api(secret).get(GROUP_REPORTS), NOT_VALID["en"])


# --- revoking it ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_revoking_on_the_page_stops_the_token(browser, lang):
    secret, token = new_token(browser)
    kept_secret, kept = new_token(browser, "Other tool")
    assert api(secret).get(GROUP_REPORTS).status_code == 200
    response = browser.post(page_url(), {"revoke": token.pk})
    assert response.status_code == 302 and response["Location"] == page_url()
    token.refresh_from_db()
    assert token.revoked_at is not None
    page = browser.get(page_url())
    assert messages_of(page) == [("success", "The token “Sync script” was revoked: it no longer works.")]
    name, _, _, _, status = row_of(page, token)
    assert (name, status) == ("Sync script", f"revoked on {shown(token.revoked_at)}")
    assert f'name="revoke" value="{token.pk}"' not in page.content.decode()
    assert_refused(api(secret, lang).get(GROUP_REPORTS), NOT_VALID[lang])
    # The user's other token still works.
    assert api(kept_secret).get(GROUP_REPORTS).status_code == 200
    assert row_of(page, kept)[4] == "Revoke “Other tool”"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_user_cannot_revoke_another_users_token(browser, other_focal, lang):
    theirs = Client()
    theirs.force_login(other_focal)
    secret, token = new_token(theirs, "Their tool")
    before = snapshot()
    response = browser.post(page_url(lang), {"revoke": token.pk})
    assert response.status_code == 302 and response["Location"] == page_url(lang)
    assert messages_of(browser.get(page_url(lang))) == [("error", NOT_YOURS[lang])]
    assert snapshot() == before
    token.refresh_from_db()
    assert token.revoked_at is None
    assert api(secret).get(GROUP_REPORTS).status_code == 200
    # Their page lists it as in use.
    assert row_of(theirs.get(page_url()), token)[4] == "Revoke “Their tool”"


@pytest.mark.parametrize("value", ["", "abc", "1e3", "-1", "99999999999999999999"])
def test_revoking_no_token_of_ones_own_revokes_nothing(browser, value):
    secret, _ = new_token(browser)
    before = snapshot()
    response = browser.post(page_url(), {"revoke": value})
    assert response.status_code == 302
    assert messages_of(browser.get(page_url())) == [("error", NOT_YOURS["en"])]
    assert snapshot() == before
    assert api(secret).get(GROUP_REPORTS).status_code == 200


def test_sending_the_same_form_again_makes_no_second_token(browser):
    """Reloading the page that shows a new token sends its form again: no other token."""
    key = form_key(browser)
    first = browser.post(page_url(), {"name": "Sync script", "key": key})
    assert first.status_code == 200 and secret_in(first)
    before = snapshot()
    again = browser.post(page_url(), {"name": "Sync script", "key": key}, follow=True)
    assert secret_in(again) is None
    assert "That form had already been sent, so no other token was made." in again.content.decode()
    assert snapshot() == before and AccessToken.objects.count() == 1


def test_a_refused_form_may_be_corrected_and_sent(browser):
    refused = browser.post(page_url(), {"name": "", "key": form_key(browser)})
    assert refused.status_code == 400
    key = re.search(r'name="key" value="([^"]+)"', refused.content.decode()).group(1)
    made = browser.post(page_url(), {"name": "Fixed", "key": key})
    assert made.status_code == 200 and secret_in(made)
