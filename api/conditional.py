"""Conditional GETs of the published data: an ETag and a Last-Modified that change when the
data do (the reading pages' generation, pages/cache.py, which every change of the programme,
the plan, progress or the register renews) or when the day does (standings compare with
today). A client polling with If-None-Match or If-Modified-Since gets 304 without a query."""

import datetime
import hashlib

from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.views.decorators.http import condition

from core import generations
from pages.cache import CACHE_ALIAS


def etag(request, *args, **kwargs) -> str:
    # A client's token may be given more (a draft not yet published: api/visibility.py): its
    # answers are tagged apart from everyone else's.
    user = getattr(request, "user", None)
    client = str(user.pk) if user is not None and user.is_authenticated else ""
    key = "|".join(
        (
            generations.generation(CACHE_ALIAS),
            timezone.localdate().isoformat(),
            translation.get_language() or "",
            request.get_full_path(),
            client,
        )
    )
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def last_modified(request, *args, **kwargs) -> datetime.datetime:
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return max(generations.started(CACHE_ALIAS), today)


def conditional_get(view_class):
    """For a view class's get(): Django's own handling of If-None-Match and If-Modified-Since;
    `answers_conditional_get` tells the schema (api/schema.py) to document the 304."""
    view_class = method_decorator(condition(etag_func=etag, last_modified_func=last_modified), name="get")(
        view_class
    )
    view_class.answers_conditional_get = True
    return view_class
