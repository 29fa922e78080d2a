"""A session signed in with the password alone that owes its second factor (staff, the
secretariat, a focal point who turned it on) reaches only the pages that ask for the code or
enrol a device, logging in or out, and what needs no page: the API (a token is a credential of
its own; a session's request there gets only what reporting.policy grants an unverified one),
the open-data files, the health check and the static files. Anything else, the admin first, is
a redirect to the code page (or, without a device yet, to enrolment) that comes back to it."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from . import second_factor

# Route names open to a session that owes its code.
OPEN_ROUTES = {"second_factor_code", "second_factor_enrol", "login", "logout"}
# Paths (without the language prefix) that are no page of a person's.
OPEN_PREFIXES = ("/api/", "/open-data/", "/healthz", "/favicon.ico", "/static/")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._refused(request):
            return HttpResponseRedirect(self._code_page(request))
        return self.get_response(request)

    @staticmethod
    def _refused(request) -> bool:
        path = request.path_info
        if path.startswith(OPEN_PREFIXES) or not second_factor.owed(request.user):
            return False
        try:
            return resolve(path).url_name not in OPEN_ROUTES
        except Resolver404:
            return True

    @staticmethod
    def _code_page(request) -> str:
        route = "second_factor_code" if second_factor.is_enrolled(request.user) else "second_factor_enrol"
        back = request.get_full_path() if request.method in ("GET", "HEAD") else request.path
        return f"{reverse(route)}?{urlencode({'next': back})}"
