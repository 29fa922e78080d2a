"""Wrong passwords at one account from many addresses (issue 27: a client with many addresses got
5 guesses at each): AXES_USERNAME_FAILURE_LIMIT of them within the cool-off, from anywhere, pause
the account from every address it has not logged in from lately (accounts/lockout.py). Nobody
can keep the real user out longer: tries during the pause are not counted, so it lifts itself
within 15 minutes, and the user's own connections are not paused at all."""

import datetime

import pytest
import time_machine
from axes.models import AccessFailureLog
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/{lang}/accounts/login/"
SAYS = {
    "en": "After many wrong passwords from several connections, the account “focal-inegi” cannot "
    "log in from a connection it has not used lately for 15 more minutes.",
    "es": "Tras muchas contraseñas incorrectas desde varias conexiones, la cuenta «focal-inegi» no "
    "puede iniciar sesión desde una conexión que no haya usado últimamente durante 15 minutos más.",
}
UNCOUNTED = {
    "en": "Tries during this pause do not start it again.",
    "es": "Los intentos durante esta pausa no la hacen empezar de nuevo.",
}


@pytest.fixture
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_USERNAME_FAILURE_LIMIT = 20
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    settings.AXES_KNOWN_ADDRESS_DAYS = 30
    return settings


def _try(address, password="guess", lang="en", username="focal-inegi"):
    client = Client(REMOTE_ADDR=address)
    return client.post(LOGIN.format(lang=lang), {"username": username, "password": password})


def _spread_guesses(count, *, per_address=4, first=1):
    """`count` wrong passwords from as many addresses as needed, `per_address` from each (under
    the 5 that would lock one address out); the answers, in order."""
    return [_try(f"198.51.{first + n // per_address}.7") for n in range(count)]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_many_addresses_guessing_one_account_stop_at_the_ceiling(coordinator, limits, lang):
    answers = _spread_guesses(20)
    assert [a.status_code for a in answers] == [200] * 19 + [429]  # the 20th starts the pause
    # From any address it has not used: refused before any password is checked, the right one too.
    for address in ("203.0.113.50", "203.0.113.51"):
        refused = _try(address, "pw", lang)
        assert refused.status_code == 429
        html = refused.content.decode()
        assert SAYS[lang] in html
        assert UNCOUNTED[lang] in html
    assert AccessFailureLog.objects.filter(username="focal-inegi").count() == 20  # tries not counted
    # Another account is not paused by it.
    assert _try("203.0.113.52", "guess", username="clerk").status_code == 200


def test_the_real_user_is_kept_out_fifteen_minutes_at_most(coordinator, limits):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _spread_guesses(20)
        for minute in range(1, 15):  # the guesser keeps trying, from new addresses and old
            clock.shift(datetime.timedelta(minutes=1))
            assert _try(f"198.51.{100 + minute}.7").status_code == 429
            assert _try("198.51.1.7").status_code == 429
        assert _try("192.0.2.10", "pw").status_code == 429  # the user, 14 minutes in
        clock.shift(datetime.timedelta(minutes=1, seconds=1))
        assert _try("192.0.2.10", "pw").status_code == 302
        # A new series of guesses starts a new count: 20 more before the next pause.
        answers = _spread_guesses(20, first=50)
        assert [a.status_code for a in answers] == [200] * 19 + [429]


def test_the_users_own_connection_is_not_paused(coordinator, limits):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=7)):
        assert _try("192.0.2.20", "pw").status_code == 302  # the user, at the office, last week
    _spread_guesses(20)
    assert _try("192.0.2.99", "pw").status_code == 429  # a connection it has not used
    assert _try("192.0.2.20", "pw").status_code == 302  # its office's
    # There, too, a guesser still has only the address's own 5 tries.
    answers = [_try("192.0.2.20") for _ in range(5)]
    assert [a.status_code for a in answers] == [200] * 4 + [429]
    assert _try("192.0.2.20", "pw").status_code == 429


def test_one_address_paused_by_its_own_lock_does_not_pause_the_account(coordinator, limits):
    """Tries refused by an address's own lock check no password: they count for nothing more."""
    answers = [_try("198.51.100.9") for _ in range(30)]
    assert [a.status_code for a in answers[:5]] == [200] * 4 + [429]
    assert AccessFailureLog.objects.filter(username="focal-inegi").count() == 5
    assert _try("192.0.2.30", "pw").status_code == 302


def test_the_ceiling_can_be_turned_off(coordinator, limits):
    limits.AXES_USERNAME_FAILURE_LIMIT = 0
    assert {a.status_code for a in _spread_guesses(24)} == {200}
    assert _try("192.0.2.40", "pw").status_code == 302
