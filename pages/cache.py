"""The reading pages as anonymous readers get them, kept in the "pages" cache per address and
language (the address holds the language), for the day (figures compare with today), and for
the current generation of the data: any change to the programme, the plan, progress or the
register starts a new generation (pages/apps.py), so a change appears at once. Signed-in
readers, who may see more, never get these: their pages are put together on every request from
the parts every reader shares (pages/parts.py, kept for the same generation) and their own."""

import functools

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone

from core import generations

CACHE_ALIAS = "pages"
TIMEOUT = 24 * 60 * 60  # a day at most; a new generation or day makes it unused sooner


def _cache():
    return caches[CACHE_ALIAS]


def refresh(**_signal) -> None:
    """Start a new generation: every stored page is out of date."""
    generations.refresh(CACHE_ALIAS)


def _cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def for_readers(view):
    """Serve an anonymous reader's page from the cache, or compute and keep it."""

    @functools.wraps(view)
    def cached(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = (
            f"pages:{generations.generation(CACHE_ALIAS)}:{timezone.localdate().isoformat()}:"
            f"{request.get_full_path()}"
        )
        kept = _cache().get(key)
        if kept is not None:
            content, content_type = kept
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
            _cache().set(key, (response.content, response["Content-Type"]), timeout=TIMEOUT)
        return response

    return cached
