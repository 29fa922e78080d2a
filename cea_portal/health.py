"""/healthz: whether this app server can work, for a load balancer or an orchestrator. It says
only which of its services answer (the database, the cache, the task queue's broker when one is
configured), never any data or address. Quick with a service down: Redis is asked with the
cache's socket timeouts (half a second), the broker with one retry.

Cheap enough to poll often: the database is asked on the process's persistent connection and
the cache with one round trip on its pooled connection, at every call; the broker, which has no
connection kept for the app server (tasks are published on connections of their own), is
connected to at most once every BROKER_CHECK_SECONDS per process, and its answer remembered
meanwhile (docs/operations/deployment.md#the-health-check): a broker that goes down is reported
within those seconds."""

import logging
import threading
import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.cache import now_and_then, round_trip

logger = logging.getLogger(__name__)

# Seconds a process keeps the broker's last answer: a load balancer polling every second costs
# the broker one connection per app-server process every five seconds, not one per poll.
BROKER_CHECK_SECONDS = 5.0

# Per process: broker URL -> (time.monotonic() of the check, the error it met or None). The lock
# makes threads of one process (runserver's) share one check rather than each connect.
_broker_seen: dict[str, tuple[float, Exception | None]] = {}
_broker_lock = threading.Lock()


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    """A round trip through the cache every app server shares (Redis with REDIS_URL), asked
    itself: the portal's requests are served without it, as misses, but it is down all the same."""
    round_trip("default")


def _connect_to_broker(url) -> Exception | None:
    from .celery import app

    try:
        with app.connection_for_write(url=url) as conn:
            conn.ensure_connection(max_retries=1, timeout=3)
    except Exception as error:  # whatever the transport raises: the broker cannot take tasks
        return error
    return None


def _broker() -> None:
    """The task queue's broker, when one is configured (else tasks run in the process): its
    answer of less than BROKER_CHECK_SECONDS ago, or a new connection."""
    url = settings.CELERY_BROKER_URL
    with _broker_lock:
        seen = _broker_seen.get(url)
        if seen is None or time.monotonic() >= seen[0] + BROKER_CHECK_SECONDS:
            seen = _broker_seen[url] = (time.monotonic(), _connect_to_broker(url))
    if seen[1] is not None:
        raise seen[1].with_traceback(None)  # raised again at each poll: no traceback kept growing


def _checks() -> dict:
    checks = {"database": _database, "cache": _cache}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = _broker
    return checks


@never_cache
@require_safe
def healthz(request):
    """200 when every service answers, 503 when one does not; the body names each one's state."""
    states = {}
    for name, check in _checks().items():
        try:
            check()
        except Exception as error:  # any failure means "not ready"; the log says which and why
            # Once a minute, not at every poll of the load balancer, and without a traceback:
            # the error names what failed.
            if now_and_then(f"healthz:{name}"):
                logger.warning(
                    "Health check: the %s does not answer (%s: %s).", name, type(error).__name__, error
                )
            states[name] = "unavailable"
        else:
            states[name] = "ok"
    healthy = all(state == "ok" for state in states.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", **states}, status=200 if healthy else 503
    )
    # Logged above, once a minute: not again by Django as a server error at every poll (nor
    # mailed to the ADMINS each time).
    response._has_been_logged = True
    return response
