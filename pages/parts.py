"""The parts of a reading page that are the same for every reader (its figures, tables and
timeline), kept in the "pages" cache so that signed-in readers, who never get an anonymous
reader's whole page (pages/cache.py), do not have them computed anew on every request.

A part is kept for the generation of the data the anonymous pages use (a change to what the
pages show starts a new one: pages/apps.py), the day (figures compare with today), the language
and what the page was asked for (its arguments, page and sort), and whether the reader is signed
in. It is rendered without the request: no user, session, permission or message can reach it.
What is the reader's own (the links their permissions open, their group's reports, the menu,
messages) the view and the base template compute on every request, outside the parts.
A cache that does not answer (core/cache.py) keeps nothing: the parts are computed."""

import hashlib

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import generations

from .cache import CACHE_ALIAS, TIMEOUT


def _key(request, key: tuple) -> str:
    asked = "\x1f".join(str(part) for part in key)
    digest = hashlib.sha256(asked.encode()).hexdigest()[:32]
    audience = "in" if request.user.is_authenticated else "out"
    return (
        f"part:{generations.generation(CACHE_ALIAS)}:{timezone.localdate().isoformat()}:"
        f"{get_language()}:{audience}:{digest}"
    )


def shared(request, key: tuple, templates: dict[str, str], build) -> dict:
    """Each of `templates` (name -> template) rendered with the context `build()` returns, plus
    `signed_in`: from the cache, or rendered and kept. `key` names everything the parts depend on
    besides the data, the day and the language (the view, its arguments, the page asked for)."""
    cache = caches[CACHE_ALIAS]
    cache_key = _key(request, key)
    kept = cache.get(cache_key)
    if kept is None:
        context = {**build(), "signed_in": request.user.is_authenticated}
        kept = {name: str(render_to_string(template, context)) for name, template in templates.items()}
        cache.set(cache_key, kept, timeout=TIMEOUT)
    # Our templates' own output, escaped as they rendered it.
    return {name: mark_safe(html) for name, html in kept.items()}  # noqa: S308
