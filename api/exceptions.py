"""The API's errors as Django REST framework answers them, in the request's language, save one
it words in English whatever the language: a write from a signed-in session without the
session's CSRF token, which Django REST framework answers with Django's untranslated reason
("CSRF Failed: CSRF cookie not set."). That one is said again in the reader's words."""

from django.utils.translation import gettext as _
from rest_framework import exceptions, views


def exception_handler(exc, context):
    # Django REST framework's SessionAuthentication.enforce_csrf: "CSRF Failed: " and the reason.
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        exc = exceptions.PermissionDenied(
            _(
                "This write came without your session's security token (CSRF): send the csrftoken "
                "cookie's value in the X-CSRFToken header, or use a personal access token."
            )
        )
    return views.exception_handler(exc, context)
