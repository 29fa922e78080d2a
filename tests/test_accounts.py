"""Logging in and out, changing and resetting a password, in both languages; repeated failed
log-ins from one address are locked out for a while; forms refuse a POST without CSRF token."""

import re

import pytest
from django.test import Client

from reporting.models import ProgressEntry

from .support.db_state import snapshot
from .support.progress_forms import progress_post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang, heading", [("en", "Log in"), ("es", "Iniciar sesión")])
def test_login_page_in_both_languages_with_language_switcher(client, lang, heading):
    html = client.get(f"/{lang}/accounts/login/").content.decode()
    assert f"<h1>{heading}</h1>" in html and f'<html lang="{lang}">' in html
    other = "es" if lang == "en" else "en"
    assert f'href="/{other}/accounts/login/"' in html


def test_login_leads_to_my_groups_and_logout_needs_post(client, coordinator):
    response = client.post("/en/accounts/login/", {"username": "focal-inegi", "password": "pw"})
    assert response.status_code == 302 and response["Location"] == "/en/my-groups/"
    assert "Methodological guide on time-use" in client.get("/en/my-groups/").content.decode()
    assert client.get("/en/accounts/logout/").status_code == 405
    assert client.post("/en/accounts/logout/").status_code == 302
    assert client.get("/en/my-groups/")["Location"].startswith("/en/accounts/login/")


def test_wrong_password_message_in_spanish(client, coordinator):
    response = client.post("/es/accounts/login/", {"username": "focal-inegi", "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    # Django's own Spanish says "clave" beside a field labelled "Contraseña" (locale-django).
    assert "Escriba un nombre de usuario y una contraseña correctos." in html and "clave" not in html


def test_repeated_failed_logins_lock_that_username_out_from_that_address(
    coordinator, secretariat_user, settings
):
    attacker, neighbour = Client(REMOTE_ADDR="203.0.113.9"), Client(REMOTE_ADDR="198.51.100.4")
    colleague = Client(REMOTE_ADDR="203.0.113.9")  # the same office, behind the same address
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert (
            attacker.post("/es/accounts/login/", {"username": "focal-inegi", "password": "x"}).status_code
            == 200
        )
    # Another user's log-in from the same address neither is refused nor clears those failures.
    assert colleague.post("/en/accounts/login/", {"username": "clerk", "password": "pw"}).status_code == 302
    locked = attacker.post("/es/accounts/login/", {"username": "focal-inegi", "password": "x"})
    assert locked.status_code == 429
    assert "Demasiados intentos fallidos" in locked.content.decode()
    # Even the right password is refused for that username from that address for now...
    assert (
        attacker.post("/es/accounts/login/", {"username": "focal-inegi", "password": "pw"}).status_code == 429
    )
    # ...while the secretariat logs in from it, and the same user from another address.
    assert (
        Client(REMOTE_ADDR="203.0.113.9")
        .post("/en/accounts/login/", {"username": "clerk", "password": "pw"})
        .status_code
        == 302
    )
    assert (
        neighbour.post("/en/accounts/login/", {"username": "focal-inegi", "password": "pw"}).status_code
        == 302
    )


def test_a_users_own_log_ins_do_not_reset_the_count_of_guesses_at_another(
    coordinator, secretariat_user, settings
):
    """Issue 18: alternating guesses at a victim's password with one's own log-ins."""
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post("/en/accounts/login/", {"username": "focal-inegi", "password": "guess"})
        assert (
            attacker.post("/en/accounts/login/", {"username": "clerk", "password": "pw"}).status_code == 302
        )
        attacker.post("/en/accounts/logout/")
    assert (
        attacker.post("/en/accounts/login/", {"username": "focal-inegi", "password": "pw"}).status_code == 429
    )


def test_password_change(client, coordinator):
    client.force_login(coordinator)
    bad = client.post(
        "/es/accounts/password_change/",
        {
            "old_password": "wrong",
            "new_password1": "a-Long-new-pass-42",
            "new_password2": "a-Long-new-pass-42",
        },
    )
    assert bad.status_code == 200 and "incorrecta" in bad.content.decode()
    good = client.post(
        "/en/accounts/password_change/",
        {"old_password": "pw", "new_password1": "a-Long-new-pass-42", "new_password2": "a-Long-new-pass-42"},
    )
    assert good["Location"] == "/en/accounts/password_change/done/"
    coordinator.refresh_from_db()
    assert coordinator.check_password("a-Long-new-pass-42")


def test_password_reset_by_email(client, coordinator, mailoutbox):
    response = client.post("/es/accounts/password_reset/", {"email": "focal-inegi@example.org"})
    assert response["Location"] == "/es/accounts/password_reset/done/"
    [message] = mailoutbox
    assert message.to == ["focal-inegi@example.org"]
    assert message.subject == "Su contraseña para el portal de los grupos de trabajo"
    link = re.search(r"http://testserver(/es/accounts/reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert "Elija una nueva contraseña" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Otra-clave-larga-7", "new_password2": "Otra-clave-larga-7"},
    )
    assert done["Location"] == "/es/accounts/reset/done/"
    coordinator.refresh_from_db()
    assert coordinator.check_password("Otra-clave-larga-7")


def test_post_without_csrf_token_is_refused_and_writes_nothing(coordinator, open_round, group_iv):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(coordinator)
    url = f"/en/rounds/{open_round.meeting.code}/2020-2021/IV/"
    data = progress_post(group_iv, open_round, values={3: (75, "", "")})
    before = snapshot()
    assert browser.post(url, data).status_code == 403
    assert snapshot() == before
    # With the token the page gave, the same POST is saved.
    token = browser.get(url).cookies["csrftoken"].value
    assert browser.post(url, {**data, "csrfmiddlewaretoken": token}).status_code == 302
    assert (
        ProgressEntry.objects.get(round=open_round, activity__group=group_iv, activity__order=3).percent == 75
    )
