"""The caches in Redis (REDIS_URL, docs/operations/scaling.md) as the accelerator they are: when
Redis does not answer (stopped, restarting, hung, full), every operation behaves as on an empty
cache that keeps nothing (a get misses, an add, a set or a touch stores nothing and says so, an
incr finds no key), so pages, documents and the API are computed without it, only slower.

A request does not pay for a Redis that is down: the first error opens a breaker, and for
BREAK_SECONDS every cache of the same server is skipped without a connection attempt; a Redis
that hangs costs the socket timeouts of the settings' OPTIONS. The error is logged once a minute
per process, not once a request. /healthz asks Redis itself, through `round_trip`."""

import logging
import math
import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.utils.functional import cached_property
from redis import exceptions

logger = logging.getLogger(__name__)

# What a Redis that cannot serve raises: down or unreachable (connection refused, DNS, a
# restart still loading its data), hung (timeouts), a failover's read-only replica, memory full.
# Any other error (a key or a value the code got wrong) still raises.
UNAVAILABLE = (
    exceptions.ConnectionError,
    exceptions.TimeoutError,
    exceptions.ReadOnlyError,
    exceptions.OutOfMemoryError,
)
# Seconds every cache of a server is skipped after an error: long enough that a burst of
# requests does not each try to connect, short enough that a Redis back is used again soon.
BREAK_SECONDS = 5.0
# Seconds between two log lines about caches that do not answer, in one process.
LOG_EVERY_SECONDS = 60.0

# Per process (gunicorn's sync workers serve one request at a time; a thread that races another
# here at worst tries Redis once more or logs once more).
_skipped_until: dict[str, float] = {}  # server location -> time.monotonic() until which it is skipped
_logged_until: dict[str, float] = {}  # topic -> time.monotonic() until which it is not logged again


def now_and_then(topic: str, every: float = LOG_EVERY_SECONDS) -> bool:
    """Whether a line about `topic` may be logged now: once per `every` seconds per process."""
    now = time.monotonic()
    if now < _logged_until.get(topic, -math.inf):
        return False
    _logged_until[topic] = now + every
    return True


class FailsafeRedisCache(RedisCache):
    """Django's Redis cache, with Redis's unavailability answered as a miss (module docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._location, self._params = server, params

    @cached_property
    def alias(self) -> str:
        """The name settings.CACHES gives this cache, for the log (never the URL: it may hold a
        password)."""
        for alias, conf in settings.CACHES.items():
            if conf.get("LOCATION") == self._location and conf.get("KEY_PREFIX", "") == self.key_prefix:
                return alias
        return self.key_prefix

    @cached_property
    def strict(self) -> RedisCache:
        """The same cache without the guard: Redis's errors raise (for /healthz)."""
        return RedisCache(self._location, self._params)

    @property
    def skipped(self) -> bool:
        """Whether Redis is skipped now, after an error less than BREAK_SECONDS ago."""
        return time.monotonic() < _skipped_until.get(self._location, -math.inf)

    def failed(self, error: Exception) -> None:
        """Skip Redis for BREAK_SECONDS, and say so in the log unless it was said this minute."""
        _skipped_until[self._location] = time.monotonic() + BREAK_SECONDS
        if now_and_then("cache"):
            logger.warning(
                "The cache %r does not answer (%s: %s): pages, documents and the API are served "
                "without it; Redis is tried again every %.0f s, and this is logged once a minute.",
                self.alias,
                type(error).__name__,
                error,
                BREAK_SECONDS,
            )

    def answered(self) -> None:
        """Redis answered a check: use it again at once."""
        _skipped_until.pop(self._location, None)

    def _guarded(self, missed, operation, *args, **kwargs):
        """`operation`'s result, or `missed` (called) when Redis is skipped or does not answer."""
        if self.skipped:
            return missed()
        try:
            return operation(*args, **kwargs)
        except UNAVAILABLE as error:
            self.failed(error)
            return missed()

    def get(self, key, default=None, version=None):
        return self._guarded(lambda: default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded(dict, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(lambda: False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: False, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # The keys that were not stored: all of them.
        return self._guarded(lambda: list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(lambda: False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._guarded(lambda: None, super().delete_many, keys, version)

    def clear(self):
        return self._guarded(lambda: False, super().clear)

    def incr(self, key, delta=1, version=None):
        # An empty cache has no key to increment: Django's contract for a missing key (decr,
        # incr_version and decr_version go through incr and get, so they do the same).
        def missed():
            raise ValueError(f"Key '{key}' not found: the cache {self.alias!r} does not answer.")

        return self._guarded(missed, super().incr, key, delta, version)


def answering(alias: str) -> bool:
    """Whether cache `alias` is in use: False while its Redis is skipped after an error (an add
    that returns False then says nothing of another holder of the key)."""
    cache = caches[alias]
    return not (isinstance(cache, FailsafeRedisCache) and cache.skipped)


def round_trip(alias: str = "default") -> None:
    """Store a value in cache `alias`, read it back and delete it, raising whatever the cache
    raises: for a Redis cache, Redis's own errors, not the misses the guard turns them into."""
    cache = caches[alias]
    direct = cache.strict if isinstance(cache, FailsafeRedisCache) else cache
    key, value = f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
    try:
        direct.set(key, value, timeout=10)
        if direct.get(key) != value:
            raise RuntimeError("the cache did not return what was just stored")
        direct.delete(key)
    except UNAVAILABLE as error:
        if isinstance(cache, FailsafeRedisCache):
            cache.failed(error)  # the next requests skip Redis too
        raise
    if isinstance(cache, FailsafeRedisCache):
        cache.answered()
