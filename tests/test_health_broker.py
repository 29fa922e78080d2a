"""/healthz asks the broker at most once every BROKER_CHECK_SECONDS per process and remembers
its answer meanwhile: two polls within the interval open one connection to the broker, and a
broker that goes down is reported as soon as the interval has passed (and one that comes back,
as soon). With a Redis of its own as the broker (tests/support/served.py), stopped and started
again on its port."""

import time

import pytest
import redis
from django.test import override_settings

from cea_portal import health

from .support.served import free_port, redis_server_at

pytestmark = [pytest.mark.slow, pytest.mark.django_db]  # a redis-server process

INTERVAL = 1.0  # seconds: the test's own, shorter than production's so it waits less


@pytest.fixture(autouse=True)
def short_interval(monkeypatch):
    monkeypatch.setattr(health, "BROKER_CHECK_SECONDS", INTERVAL)
    health._broker_seen.clear()
    yield
    health._broker_seen.clear()


def _connections(counter) -> int:
    """The connections the Redis has accepted so far (`counter` asks on one connection it keeps)."""
    return counter.info("stats")["total_connections_received"]


def _broker_state(client):
    answer = client.get("/healthz")
    return answer.status_code, answer.json().get("broker")


def test_two_polls_within_the_interval_open_one_broker_connection(client):
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    with redis_server_at(port), override_settings(CELERY_BROKER_URL=url), redis.Redis(port=port) as counter:
        before = _connections(counter)
        assert _broker_state(client) == (200, "ok")
        assert _broker_state(client) == (200, "ok")
        assert _connections(counter) - before == 1
        time.sleep(INTERVAL)
        assert _broker_state(client) == (200, "ok")
        assert _connections(counter) - before == 2  # a new check once the interval has passed


def test_a_broker_that_goes_down_is_seen_after_the_interval_and_back_after_another(client):
    port = free_port()
    with override_settings(CELERY_BROKER_URL=f"redis://127.0.0.1:{port}/0"):
        with redis_server_at(port) as broker:
            assert _broker_state(client) == (200, "ok")
            broker.kill()
            broker.wait(timeout=10)
        down_at = time.monotonic()
        while _broker_state(client) == (200, "ok"):  # the answer remembered, for the interval
            assert time.monotonic() - down_at < INTERVAL + 0.5, "the down broker was not seen in time"
            time.sleep(0.1)
        assert _broker_state(client) == (503, "unavailable")
        with redis_server_at(port):
            time.sleep(INTERVAL)
            assert _broker_state(client) == (200, "ok")
