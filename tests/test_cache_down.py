"""Redis stopped under load, with real processes (tests/support/served.py): a gunicorn app server
with the production settings and a Redis of its own, readers asking from several threads for
the anonymous pages, an issued and a live document's PDF, the API and the open data. Redis is
killed in the middle and started again on its port: no answer is a server error but the
documented 503s (the "being prepared" page, which says when to come back, and /healthz, which
names the cache while Redis is down and answers 200 once it is back); a signed-in reader stays
signed in; the server logs the outage in a line or two, without a traceback."""

import re
import signal
import threading
import time
from dataclasses import dataclass

import pytest

from core import cache as failsafe
from core.cache import FailsafeRedisCache

from .support.served import (
    Browser,
    first_run,
    free_port,
    get,
    gunicorn_logged,
    redis_keys,
    redis_server_at,
    wait_until,
)

pytestmark = pytest.mark.slow  # gunicorn app servers and Redis servers

PASSWORD = "a reader's password"
ISSUE = """
from django.contrib.auth import get_user_model
from reports.models import Document
from reports.services import document_issue
User = get_user_model()
User.objects.create_user("reader", "reader@example.org", {password!r})
clerk = User.objects.create_superuser("clerk", "clerk@example.org", "pw")
document_issue(document=Document.objects.get(symbol="LC/CEA.10/5"), user=clerk)
"""
PAGES = [
    "/en/",
    "/es/groups/2020-2021/IV/",
    "/en/countries/",
    "/es/countries/MEX/",
    "/api/v1/programmes/",
    "/api/v1/groups/2020-2021/IV/",
    "/open-data/2020-2021/programme.json",
]
ISSUED_PDF = "/en/documents/LC/CEA.10/5/en.pdf"
LIVE_PDF = "/en/documents/LC/CE.20/3/en.pdf"
BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
# (path, headers): a program and a browser asking for the live document.
LOAD = [(path, {}) for path in (*PAGES, ISSUED_PDF, LIVE_PDF)] + [(LIVE_PDF, BROWSER)]
THREADS = 6
WORKERS = 2
OUTAGE_SECONDS = 8


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with first_run(
        tmp_path_factory.mktemp("cache-down"), "cachedown", ISSUE.format(password=PASSWORD)
    ) as env:
        # The load comes from one address: the API's throttle must not be what answers.
        yield {**env, "API_ANONYMOUS_RATE": "1000000/minute"}


@dataclass
class Answer:
    at: float
    path: str
    browser: bool
    status: int
    retry_after: str | None
    source: str | None
    seconds: float


def _load(base, stop: threading.Event, answers: list, offset: int):
    """Ask for the LOAD in turn, from `offset`, until `stop`; every answer is recorded."""
    turn = offset
    while not stop.is_set():
        path, headers = LOAD[turn % len(LOAD)]
        turn += 1
        start = time.monotonic()
        try:
            answer = get(base + path, headers)
            status, retry, source = (
                answer.status,
                answer.headers.get("Retry-After"),
                answer.headers.get("X-Document-Source"),
            )
        except OSError:  # refused, reset, timed out: no answer at all
            status, retry, source = 0, None, None
        answers.append(Answer(start, path, bool(headers), status, retry, source, time.monotonic() - start))


def _health(base):
    start = time.monotonic()
    answer = get(base + "/healthz")
    return answer.status, answer.json(), time.monotonic() - start


def _signed_in(browser, base, page) -> bool:
    answer = browser.request(base + page)
    return answer.status == 200 and "Signed in as reader" in answer.body.decode()


def _warm(base):
    for path, headers in LOAD:  # each page, and each PDF once rendered (in the background)
        wait_until(
            lambda p=path, h=headers: get(base + p, h).status == 200, timeout=120, what=f"{path} served"
        )


def test_redis_stopped_under_load_costs_no_server_error(served, tmp_path):
    port, log_path = free_port(), tmp_path / "gunicorn.log"
    redis_url = f"redis://127.0.0.1:{port}/0"
    env = {**served, "REDIS_URL": redis_url}
    stop, answers, health_down = threading.Event(), [], []
    reader = Browser()
    with redis_server_at(port) as redis, gunicorn_logged(env, log_path, workers=WORKERS) as base:
        assert _health(base)[:2] == (200, {"status": "ok", "database": "ok", "cache": "ok"})
        signed_in = reader.log_in(base, "reader", PASSWORD)
        assert signed_in.status == 302
        page = signed_in.headers["Location"]
        assert _signed_in(reader, base, page)
        _warm(base)
        threads = [threading.Thread(target=_load, args=(base, stop, answers, n)) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        redis.send_signal(signal.SIGKILL)
        redis.wait(timeout=10)
        down_at = time.monotonic()
        while time.monotonic() < down_at + OUTAGE_SECONDS:
            health_down.append(_health(base))
            assert _signed_in(reader, base, page), "the reader was signed out while Redis was down"
            time.sleep(0.5)
        newcomer = Browser().log_in(base, "reader", PASSWORD)  # a log-in during the outage
        back_at = time.monotonic()
        with redis_server_at(port):
            wait_until(lambda: _health(base)[0] == 200, timeout=15, what="/healthz answering 200")
            healthy_at = time.monotonic()
            time.sleep(3)
            stop.set()
            for thread in threads:
                thread.join(timeout=90)
            assert _signed_in(reader, base, page)
            kept = redis_keys(redis_url, "cea-pages:*")
            log = log_path.read_text()  # before Redis and the server stop, which is no outage
    assert newcomer.status == 302
    _check_answers(answers, down_at, back_at)
    _check_health(health_down, healthy_at - back_at)
    assert kept, "the pages' cache was not used again once Redis was back"
    _check_log(log)


def _check_answers(answers, down_at, back_at):
    failed = [a for a in answers if a.status == 0 or (a.status >= 500 and not _documented(a))]
    assert not failed, f"{len(failed)} of {len(answers)} answers failed, e.g. {failed[:5]}"
    during = [a for a in answers if down_at + 0.5 < a.at < back_at]
    for path in PAGES:
        served_during = [a for a in during if a.path == path and a.status == 200]
        assert served_during, f"{path} was not served while Redis was down"
    issued = [a for a in answers if a.path == ISSUED_PDF]
    assert issued and all((a.status, a.source) == (200, "issued") for a in issued)
    others = [a for a in answers if a.path in PAGES]
    assert all(a.status == 200 for a in others), {(a.path, a.status) for a in others if a.status != 200}


def _documented(answer) -> bool:
    """The "being prepared" page of a live document: 503, saying when to ask again."""
    return answer.path == LIVE_PDF and answer.status == 503 and (answer.retry_after or "").isdigit()


def _check_health(health_down, back_within):
    assert health_down and all(
        status == 503 and body == {"status": "unavailable", "database": "ok", "cache": "unavailable"}
        for status, body, _seconds in health_down
    ), health_down
    # Never hung on the dead Redis; under this load its answer also waits its turn behind the
    # readers' requests on two workers (tests/test_cache_backend.py times it alone: < 1 s).
    assert max(seconds for _status, _body, seconds in health_down) < 5
    assert back_within < 15


def _check_log(log):
    assert "Traceback" not in log and "Internal Server Error" not in log, log[-4000:]
    cache_lines = re.findall(r"(?m)^.* WARNING .*core\.cache: The cache '\w+' does not answer.*$", log)
    # Once a minute per process: one per worker for an outage of seconds.
    assert 1 <= len(cache_lines) <= WORKERS, cache_lines
    health_lines = re.findall(r"(?m)^.*Health check: the cache does not answer.*$", log)
    assert len(health_lines) <= WORKERS, health_lines


def test_the_backend_misses_while_redis_is_down_and_uses_it_again_once_back():
    """In this process: a real Redis killed and started again on its port."""
    failsafe._skipped_until.clear()
    port = free_port()
    cache = FailsafeRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"KEY_PREFIX": "t", "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}},
    )
    with redis_server_at(port) as redis:
        cache.set("k", "kept")
        assert cache.get("k") == "kept"
        redis.send_signal(signal.SIGTERM)
        redis.wait(timeout=10)
        assert cache.get("k", "missed") == "missed" and cache.add("other", 1) is False
        assert cache.skipped
    with redis_server_at(port):
        wait_until(lambda: not cache.skipped, timeout=failsafe.BREAK_SECONDS + 1, what="the break ending")
        assert cache.add("other", 1) is True and cache.get("other") == 1
    failsafe._skipped_until.clear()
