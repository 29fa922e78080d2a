"""Every request has an id: the one a trusted proxy sent (X-Request-ID), or a new one. It is in
every log line written while the request is served, in the response's X-Request-ID header and
on the error pages, so that a reader who quotes it leads an operator to the log lines."""

import contextvars
import logging
import re
import sys
import uuid

from django.conf import settings

_current = contextvars.ContextVar("request_id", default="-")
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id() -> str:
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only a proxy of ours may name the request (so its log and ours agree); a client may not.
        given = request.headers.get("X-Request-ID", "") if settings.PORTAL_TRUSTED_PROXIES else ""
        request.id = given if _VALID.match(given) else uuid.uuid4().hex
        token = _current.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request.id
        return response


class RequestIdFilter(logging.Filter):
    """Gives every log record the id of the request it was written for ("-" outside requests)."""

    def filter(self, record):
        record.request_id = _current.get()
        return True


class StderrHandler(logging.StreamHandler):
    """Log lines to stderr as it is when each is written (redirected by gunicorn, captured by a
    test), not as it was when logging was configured."""

    def __init__(self):
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass
