"""Walking one URL for every role of tests/test_permission_matrix.py: a GET and a POST each,
every request inside a savepoint that is rolled back, so nothing one role does (an allowed
save, or a refused POST that wrote after all) reaches the next role's request."""

import traceback
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

import pytest
from django.db import transaction
from django.test import Client

from .db_state import snapshot
from .second_factor import PasswordOnly, log_in, log_in_password_only


@dataclass(frozen=True)
class Page:
    """An answer with this status code that shows `text`."""

    status: int
    text: str


@dataclass(frozen=True)
class Writes:
    """An allowed POST that writes: check(place, url, response) asserts what it wrote."""

    check: Callable


def database():
    """Every table of the portal's data (tests/support/db_state.py)."""
    return snapshot()


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def check(response, expected):
    """`expected`: a status code, an address redirected to (302), or a Page."""
    if isinstance(expected, str):
        assert response.status_code == 302, f"answered {response.status_code}, not a redirect"
        assert response["Location"].startswith(expected), f"redirected to {response['Location']}"
        return
    status, text = (expected.status, expected.text) if isinstance(expected, Page) else (expected, "")
    assert response.status_code == status, f"answered {response.status_code}, not {status}"
    assert not text or text in response.content.decode(), f"does not show {text!r}"


def _get(client, url, expected):
    with rolled_back():
        check(client.get(url), expected)


def _post(client, url, expected, place, data):
    with rolled_back():
        payload = data()
        before = database()
        response = client.post(url, payload)
        if isinstance(expected, Writes):
            expected.check(place, url, response)
            return
        assert database() == before, (
            f"a POST that should write nothing changed the database (answered {response.status_code})"
        )
        check(response, expected)


def _noted(failures, where, request):
    try:
        request()
    except AssertionError as error:
        failures.append(f"{where}: {error}")
    except Exception:  # a server error, which the test client raises
        failures.append(f"{where}: {traceback.format_exc()}")


def walk(url, users, get, post, place, data):
    """GET and POST `url` as each of `users` ({role: user, None for anonymous, or PasswordOnly(user)
    for a session that has not given its log-in code yet; the others give it}), against the
    expectations `get` and `post` ({role: expectation}); POSTs send `data()`. Every failure is
    reported, each naming its method, URL and role."""
    failures = []
    for role, user in users.items():
        client = Client()
        if isinstance(user, PasswordOnly):
            log_in_password_only(client, user.user)
        elif user is not None:
            log_in(client, user)
        _noted(failures, f"GET {url} as {role}", partial(_get, client, url, get[role]))
        _noted(failures, f"POST {url} as {role}", partial(_post, client, url, post[role], place, data))
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)
