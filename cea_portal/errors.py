"""The error pages of a failed request, in English and Spanish both (the language the request
asked for may be what failed), naming the request's id (core.requests) for whoever reports it.
They render without the database, the session or the site's base template, any of which may be
what failed."""

from django.http import (
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseServerError,
)
from django.template.loader import render_to_string
from django.utils.translation import get_language

from core.bilingual import LANGUAGES
from core.requests import current_request_id


def _page(kind, request, detail="") -> str:
    # The reader's language first (it is known once the address was read), then the other one.
    first = (get_language() or "en")[:2]
    languages = [first, *(lang for lang in LANGUAGES if lang != first)]
    return render_to_string(
        "error_page.html",
        {"kind": kind, "languages": languages, "detail": detail, "request_id": current_request_id()},
    )


def server_error(request):
    return HttpResponseServerError(_page("500", request))


def bad_request(request, exception):
    return HttpResponseBadRequest(_page("400", request))


def csrf_failure(request, reason=""):
    """A form sent without its security token (a page open too long, cookies refused)."""
    return HttpResponseForbidden(_page("csrf", request, detail=f"CSRF: {reason}"))
