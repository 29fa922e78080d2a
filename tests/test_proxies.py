"""Behind reverse proxies (PORTAL_TRUSTED_PROXIES), the client's address is the one the
outermost trusted proxy saw: django-axes locks out that client, not the proxy and with it
everyone; without trusted proxies, X-Forwarded-For is ignored, so nobody can pose as another
address by writing the header."""

import pytest
from django.test import Client

from core.proxies import client_address

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


@pytest.mark.parametrize(
    "trusted,forwarded,expected",
    [
        (0, "203.0.113.5", PROXY),  # no proxy trusted: the header is ignored
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.1, 203.0.113.5", "203.0.113.5"),  # the client wrote the first one itself
        (2, "198.51.100.1, 203.0.113.5", "198.51.100.1"),
        (2, "203.0.113.5", PROXY),  # fewer hops than proxies: not theirs
        (1, "not-an-address", PROXY),
        (1, "", PROXY),
    ],
)
def test_the_clients_address(settings, trusted, forwarded, expected):
    settings.PORTAL_TRUSTED_PROXIES = trusted
    assert client_address({"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}) == expected


def _through_the_proxy(client_ip):
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip)


def _fail_until_locked(client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/accounts/login/", {"username": "focal-inegi", "password": "wrong"})


def test_behind_a_trusted_proxy_only_the_guessing_client_is_locked_out(coordinator, settings):
    settings.PORTAL_TRUSTED_PROXIES = 1
    _fail_until_locked(_through_the_proxy("203.0.113.5"), settings)
    refused = _through_the_proxy("203.0.113.5").post(
        "/en/accounts/login/", {"username": "focal-inegi", "password": "pw"}
    )
    assert refused.status_code == 429
    allowed = _through_the_proxy("198.51.100.7").post(
        "/en/accounts/login/", {"username": "focal-inegi", "password": "pw"}
    )
    assert allowed.status_code == 302


def test_without_trusted_proxies_a_forged_header_changes_nothing(coordinator, settings):
    settings.PORTAL_TRUSTED_PROXIES = 0
    _fail_until_locked(_through_the_proxy("203.0.113.5"), settings)
    # Another header from the same address is still that address, and still locked out.
    forged = _through_the_proxy("198.51.100.7").post(
        "/en/accounts/login/", {"username": "focal-inegi", "password": "pw"}
    )
    assert forged.status_code == 429
