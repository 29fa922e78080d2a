"""A key of a cache held by one process while it works on a document: the lock of a render, or
the mark of a render queued or running for a document and language (reports/live.py).

Its value is a token of the holder's own, so that only the holder lets it go. Its life is short
(PDF_RENDER_LOCK_SECONDS) and a thread of the holder renews it every third of that while the
work goes on: a holder that dies (a worker killed, an app server's request stopped by its
timeout) stops renewing it, and the others find the key gone that much later at the most,
however long a render may take. A live holder keeps it for as long as it works, which the task's
time limit and the app server's timeout bound."""

import logging
import secrets
import threading

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)


class Lease:
    """`key` in cache `alias`, once acquired (or taken), until released."""

    def __init__(self, alias: str, key: str, seconds: int | None = None):
        self.alias, self.key = alias, key
        self.seconds = seconds or settings.PDF_RENDER_LOCK_SECONDS
        self.token = secrets.token_hex(8)
        self._stop = threading.Event()
        self._renewer = None

    def acquire(self) -> bool:
        """Hold the key if nobody does. False also when the cache cannot store it (Redis down)."""
        if not caches[self.alias].add(self.key, self.token, timeout=self.seconds):
            return False
        self._renew_while_held()
        return True

    def take(self) -> None:
        """Hold the key whoever held it before: a queued render's mark, now held by the render."""
        caches[self.alias].set(self.key, self.token, timeout=self.seconds)
        self._renew_while_held()

    def release(self, *, then=None) -> None:
        """Let the key go if this holder still has it; `then`: (value, seconds) left in its place,
        for others to find (a render that failed, not tried again by every reader at once)."""
        self._stop.set()
        if self._renewer is not None:
            self._renewer.join(timeout=5)
        cache = caches[self.alias]
        if cache.get(self.key) != self.token:
            return  # gone with its time, and perhaps taken by another since
        if then is None:
            cache.delete(self.key)
        else:
            value, seconds = then
            cache.set(self.key, value, timeout=seconds)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.release()

    def _renew_while_held(self):
        self._renewer = threading.Thread(target=self._renew, name=f"lease {self.key}", daemon=True)
        self._renewer.start()

    def _renew(self):
        cache = caches[self.alias]  # this thread's own connection
        try:
            while not self._stop.wait(self.seconds / 3):
                try:
                    if cache.get(self.key) == self.token:
                        cache.touch(self.key, self.seconds)
                except Exception:  # a cache that fails now may answer at the next beat
                    logger.warning("Could not renew %s in the %r cache", self.key, self.alias, exc_info=True)
        finally:
            cache.close()


def holder(alias: str, key: str):
    """The token of whoever holds `key` now, or None (nobody does, or the cache cannot say)."""
    return caches[alias].get(key)
