"""A generation of the data, for the layers that keep copies of what the data show (the reading
pages, the documents' fingerprints): a token in a cache, replaced by a new one whenever the data
change, so that every copy kept under the old token is out of date at once, in every process
that shares the cache."""

import secrets

from django.core.cache import caches
from django.utils import timezone

# The caches whose new generation was not stored, for their Redis did not answer: this process
# starts one again as soon as it answers, so that the copies kept before the change (in a Redis
# that was unreachable, not emptied) are not served as current.
_unstored: set[str] = set()


def generation(alias: str) -> str:
    """The current generation's token in cache `alias` (made when none is stored)."""
    if alias in _unstored:
        refresh(alias)
    cache = caches[alias]
    token = cache.get("generation")
    if token is None:
        cache.add("generation-at", timezone.now(), timeout=None)
        cache.add("generation", secrets.token_hex(8), timeout=None)
        token = cache.get("generation")
    # A cache that does not answer (core/cache.py) keeps no copy: a token of this call's own
    # matches none.
    return token or secrets.token_hex(8)


def started(alias: str):
    """When the current generation in cache `alias` started: the data have not changed since
    (or the cache was emptied then)."""
    cache = caches[alias]
    moment = cache.get("generation-at")
    if moment is None:
        cache.add("generation-at", timezone.now(), timeout=None)
        moment = cache.get("generation-at")
    return moment or timezone.now()  # a cache that does not answer: nothing kept is older


def refresh(alias: str) -> None:
    """Start a new generation in cache `alias`."""
    unstored = caches[alias].set_many(
        {"generation": secrets.token_hex(8), "generation-at": timezone.now()}, timeout=None
    )
    if unstored:
        _unstored.add(alias)
    else:
        _unstored.discard(alias)
