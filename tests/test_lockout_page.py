"""The lock-out page (django-axes, accounts/lockout.py) says what is locked, that account from
that address, and for how many more minutes, in both languages, without network jargon."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.9"


def _fail_until_locked(client, settings, lang):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert (
            client.post(f"/{lang}/accounts/login/", {"username": "focal-inegi", "password": "x"}).status_code
            == 200
        )
    locked = client.post(f"/{lang}/accounts/login/", {"username": "focal-inegi", "password": "x"})
    assert locked.status_code == 429
    return locked.content.decode()


@pytest.mark.parametrize(
    "lang,says",
    [
        (
            "en",
            "After 5 wrong passwords, the account “focal-inegi” cannot log in from this connection "
            f"({ADDRESS}) for 15 more minutes.",
        ),
        (
            "es",
            "Tras 5 contraseñas incorrectas, la cuenta «focal-inegi» no puede iniciar sesión desde esta "
            f"conexión ({ADDRESS}) durante 15 minutos más.",
        ),
    ],
)
def test_the_page_names_the_account_the_address_and_the_minutes_left(coordinator, settings, lang, says):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    html = _fail_until_locked(Client(REMOTE_ADDR=ADDRESS), settings, lang)
    assert says in html
    assert " IP" not in html and "IP " not in html
    assert ("other people can still log in" if lang == "en" else "otras personas pueden seguir") in html


def test_a_try_during_the_pause_starts_it_again(coordinator, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    client = Client(REMOTE_ADDR=ADDRESS)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert "Each try before then starts the pause again." in _fail_until_locked(client, settings, "en")
        clock.shift(datetime.timedelta(minutes=10))
        again = client.post("/en/accounts/login/", {"username": "focal-inegi", "password": "pw"})
        assert again.status_code == 429 and "for 15 more minutes" in again.content.decode()
        clock.shift(datetime.timedelta(minutes=14))
        assert (
            client.post("/en/accounts/login/", {"username": "focal-inegi", "password": "pw"}).status_code
            == 429
        )


def test_where_tries_do_not_restart_it_the_minutes_count_down(coordinator, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    settings.AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
    client = Client(REMOTE_ADDR=ADDRESS)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        first = _fail_until_locked(client, settings, "es")
        assert "durante 15 minutos más" in first and "vuelve a empezar" not in first
        clock.shift(datetime.timedelta(minutes=10, seconds=30))
        again = client.post("/en/accounts/login/", {"username": "focal-inegi", "password": "pw"})
        assert again.status_code == 429 and "for 5 more minutes" in again.content.decode()
        clock.shift(datetime.timedelta(minutes=4, seconds=15))
        last = client.post("/en/accounts/login/", {"username": "focal-inegi", "password": "pw"})
        assert "for 1 more minute." in last.content.decode()
        clock.shift(datetime.timedelta(minutes=1))
        assert (
            client.post("/en/accounts/login/", {"username": "focal-inegi", "password": "pw"}).status_code
            == 302
        )
