"""The client's address behind reverse proxies. With PORTAL_TRUSTED_PROXIES = N (the number of
proxies in front of the app servers, each appending to X-Forwarded-For), the client is the
N-th address from the right of that header: what the outermost trusted proxy saw. Anything a
client wrote to the left of it is ignored, so the header cannot be used to pose as another
address. With 0 (the default: no proxy), the header is ignored altogether."""

import ipaddress

from django.conf import settings


def client_address(meta) -> str:
    """The client's address for a request's META."""
    trusted = settings.PORTAL_TRUSTED_PROXIES
    remote = meta.get("REMOTE_ADDR", "")
    if trusted <= 0:
        return remote
    hops = [hop.strip() for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < trusted:
        return remote  # not through as many proxies as configured: the header is not theirs
    candidate = hops[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class TrustedProxiesMiddleware:
    """Puts the client's address in REMOTE_ADDR before anything reads it, so that django-axes'
    lock-out and every log line see the client, not the proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META["REMOTE_ADDR"] = client_address(request.META)
        return self.get_response(request)
