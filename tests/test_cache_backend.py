"""The caches in Redis are an accelerator (core/cache.py): against a Redis that is not there (a
closed port), hangs (a port that accepts and never answers) or drops every connection, each
operation behaves as on an empty cache that keeps nothing, quickly; Redis is then skipped for a
few seconds; the error is logged once, naming the cache; /healthz still sees Redis down; and the
pages, the API and the open data are served, with sessions and lock-outs in the database."""

import logging
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings
from redis import exceptions

from core import cache as failsafe
from core.cache import FailsafeRedisCache, answering, round_trip

OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


@pytest.fixture(autouse=True)
def fresh_process_state():
    """Each test starts as a process that never saw Redis fail (no breaker open, nothing logged)."""
    failsafe._skipped_until.clear()
    failsafe._logged_until.clear()
    yield
    failsafe._skipped_until.clear()
    failsafe._logged_until.clear()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def backend(port: int, prefix="t") -> FailsafeRedisCache:
    return FailsafeRedisCache(f"redis://127.0.0.1:{port}/0", {"KEY_PREFIX": prefix, "OPTIONS": OPTIONS})


def redis_caches(port: int) -> dict:
    """settings.CACHES as production writes it with REDIS_URL, on `port`."""
    common = {
        "BACKEND": "core.cache.FailsafeRedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": OPTIONS,
    }
    return {
        "default": {**common, "KEY_PREFIX": "cea"},
        "documents": {**common, "KEY_PREFIX": "cea-documents", "TIMEOUT": None},
        "pages": {**common, "KEY_PREFIX": "cea-pages"},
    }


@contextmanager
def hung_redis():
    """A port whose kernel accepts connections that nobody ever reads or answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield sock.getsockname()[1]


@contextmanager
def closing_redis():
    """A port that accepts each connection and closes it at once; yields the list of connections."""
    accepted = []
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)

    def serve():
        while True:
            try:
                conn, _address = sock.accept()
            except OSError:
                return
            accepted.append(time.monotonic())
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield sock.getsockname()[1], accepted
    finally:
        sock.close()


def test_every_operation_misses_when_redis_is_not_there():
    cache = backend(closed_port())
    start = time.perf_counter()
    assert cache.get("k") is None and cache.get("k", "default") == "default"
    assert cache.get_many(["a", "b"]) == {} and cache.has_key("k") is False
    assert cache.add("k", 1) is False and cache.set("k", 1) is False and cache.touch("k") is False
    assert sorted(cache.set_many({"a": 1, "b": 2})) == ["a", "b"]  # neither stored
    assert cache.delete("k") is False and cache.delete_many(["a"]) is None and cache.clear() is False
    assert cache.get_or_set("k", lambda: "computed") == "computed"
    for counting in (cache.incr, cache.decr, cache.incr_version):
        with pytest.raises(ValueError):
            counting("k")
    assert time.perf_counter() - start < 1


def test_a_mistake_of_the_code_still_raises():
    with pytest.raises(Exception, match="pickle"):
        backend(closed_port()).set("k", lambda: "a function cannot be stored")


def test_a_hung_redis_costs_a_request_less_than_a_second():
    with hung_redis() as port:
        cache = backend(port)
        start = time.perf_counter()
        assert cache.get("k", "default") == "default"
        first = time.perf_counter() - start
        assert cache.set("k", 1) is False and cache.get("k") is None  # skipped: no more waiting
        total = time.perf_counter() - start
    assert 0.4 < first < 1 and total - first < 0.05


def test_after_an_error_redis_is_skipped_for_a_few_seconds(monkeypatch):
    monkeypatch.setattr(failsafe, "BREAK_SECONDS", 0.5)
    with closing_redis() as (port, accepted):
        pages, documents = backend(port, "pages"), backend(port, "documents")
        assert pages.get("k") is None
        tried = len(accepted)
        for _ in range(50):  # neither cache of that server tries to connect meanwhile
            assert pages.get("k") is None and documents.add("k", 1) is False
        assert len(accepted) == tried >= 1
        time.sleep(0.6)
        assert documents.get("k") is None
        assert len(accepted) > tried  # tried again once the break is over


def test_a_cache_is_not_answering_while_its_redis_is_skipped():
    with override_settings(CACHES=redis_caches(closed_port())):
        assert answering("documents")  # not asked yet
        assert caches["documents"].add("lock", 1) is False  # not stored: Redis is down
        assert not answering("documents") and not answering("pages")  # the same server
    assert answering("documents")  # the test settings' cache in the process


def test_the_error_is_logged_once_naming_the_cache(monkeypatch, caplog):
    monkeypatch.setattr(failsafe, "BREAK_SECONDS", 0)  # every operation tries Redis, and fails
    with override_settings(CACHES=redis_caches(closed_port())), caplog.at_level(logging.WARNING):
        for _ in range(20):
            caches["pages"].get("k")
            caches["default"].set("k", 1)
    lines = [r for r in caplog.records if r.name == "core.cache"]
    assert len(lines) == 1 and lines[0].levelno == logging.WARNING and not lines[0].exc_info
    assert "'pages'" in lines[0].getMessage() and "Connection refused" in lines[0].getMessage()


def test_healthz_sees_redis_down_although_requests_do_not(client, db):
    client.get("/healthz")  # the first request of the process loads every view: not timed
    with override_settings(CACHES=redis_caches(closed_port())):
        with pytest.raises(exceptions.ConnectionError):
            round_trip("default")
        assert caches["default"].skipped  # the requests that follow skip Redis too
        start = time.perf_counter()
        health = client.get("/healthz")
    assert time.perf_counter() - start < 1
    assert health.status_code == 503
    assert health.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}


def test_healthz_of_a_hung_redis_answers_within_a_second(client, db):
    client.get("/healthz")  # the first request of the process loads every view: not timed
    with hung_redis() as port, override_settings(CACHES=redis_caches(port)):
        start = time.perf_counter()
        health = client.get("/healthz")
        assert time.perf_counter() - start < 1
    assert health.status_code == 503 and health.json()["cache"] == "unavailable"


READER_URLS = [
    "/en/",
    "/es/groups/2020-2021/IV/",
    "/en/countries/",
    "/es/countries/MEX/",
    "/api/v1/programmes/",
    "/api/v1/groups/2020-2021/IV/",
    "/api/v1/progress/?round=CE.20",
    "/open-data/2020-2021/programme.json",
]


@pytest.mark.django_db
def test_pages_the_api_and_the_open_data_are_served_with_every_cache_down(client):
    with override_settings(CACHES=redis_caches(closed_port()), API_ANONYMOUS_RATE="2/minute"):
        for _ in range(3):  # past the API's rate: a throttle that cannot count lets clients in
            for url in READER_URLS:
                answer = client.get(url)
                assert answer.status_code == 200, (url, answer.status_code)
        # A conditional GET: no copy is known, so it is answered in full, never 304 by mistake.
        etag = client.get("/api/v1/programmes/")["ETag"]
        assert client.get("/api/v1/programmes/", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.django_db
def test_sign_in_sessions_and_lock_outs_work_with_every_cache_down(client, coordinator):
    coordinator.set_password("the right one")
    coordinator.save()
    login = "/en/accounts/login/"
    with override_settings(CACHES=redis_caches(closed_port())):
        signed_in = client.post(login, {"username": coordinator.username, "password": "the right one"})
        assert signed_in.status_code == 302
        assert client.get(signed_in["Location"]).status_code == 200
        client.logout()
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(login, {"username": coordinator.username, "password": "wrong"})
        locked = client.post(login, {"username": coordinator.username, "password": "the right one"})
    assert locked.status_code == 429


def test_sessions_and_lock_outs_are_kept_in_the_database():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    from axes.handlers.database import AxesDatabaseHandler
    from django.utils.module_loading import import_string

    # accounts.lockout's handler adds the username's pause across addresses, in the database too.
    assert issubclass(import_string(settings.AXES_HANDLER), AxesDatabaseHandler)


def test_with_redis_url_every_cache_is_failsafe_with_short_timeouts():
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "from cea_portal.settings import base; "
            "print(sorted({(c['BACKEND'], c['OPTIONS']['socket_connect_timeout'], "
            "c['OPTIONS']['socket_timeout']) for c in base.CACHES.values()}), len(base.CACHES))",
        ],
        cwd=settings.BASE_DIR,
        env={"REDIS_URL": "redis://127.0.0.1:6379/0", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert shown == "[('core.cache.FailsafeRedisCache', 0.5, 0.5)] 3"
