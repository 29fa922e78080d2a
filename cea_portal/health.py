"""/healthz: whether this app server can work, for a load balancer or an orchestrator. It says
only which of its services answer (the database, the cache, the task queue's broker when one is
configured), never any data or address."""

import logging
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    """A round trip through the cache every app server shares (Redis with REDIS_URL)."""
    cache, key, value = caches["default"], f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not return what was just stored")
    cache.delete(key)


def _broker() -> None:
    """The task queue's broker, when one is configured (else tasks run in the process)."""
    from .celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=3)


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
        except Exception:  # any failure means "not ready"; the log says which and why
            logger.exception("Health check: the %s does not answer.", name)
            states[name] = "unavailable"
        else:
            states[name] = "ok"
    healthy = all(state == "ok" for state in states.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **states}, status=200 if healthy else 503
    )
