"""Characters no database of the portal can look up: PostgreSQL refuses a NUL (U+0000) in any
text, so a lookup with one fails there (a server error) while SQLite finds nothing (a 404), and
half of a UTF-16 pair (which only JSON can carry) cannot be encoded for either. Forms and the
API's fields refuse them field by field, next to the field; what no field reads is refused here,
before any view looks anything up with it: an address holding one names nothing (404), a query
string holding one is a bad request (400) naming its parameter, and a cookie holding one is not
read (a session's key that no session has). The API's views answer in JSON as their other
errors do, the pages with the portal's error pages; both in the reader's language."""

import re

from django.core.exceptions import BadRequest, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.fields import ProhibitSurrogateCharactersValidator
from rest_framework.views import APIView

REFUSED = re.compile("[\x00\ud800-\udfff]")


def refused(text: str) -> bool:
    """Whether `text` holds a character no database of the portal stores or looks up."""
    return REFUSED.search(text) is not None


def refusal_message(text: str) -> str:
    """The message, in the active language, that says which character of `text` is refused:
    Django's for a NUL (as a form field says it), Django REST framework's for half a pair."""
    for validator in (ProhibitNullCharactersValidator(), ProhibitSurrogateCharactersValidator()):
        try:
            validator(text)
        except ValidationError as error:
            return str(error.messages[0])
        except exceptions.ValidationError as error:
            return str(error.detail[0])
    return ""


def _refused_parameter(request) -> tuple[str, str] | None:
    """(name, message) of the first query parameter whose name or value is refused."""
    for name, values in request.GET.lists():
        for text in (name, *values):
            if refused(text):
                return name, refusal_message(text)
    return None


class _Refusal(APIView):
    """Answers with `refusal` (a Django REST framework exception) as the API answers its own
    errors: JSON, through the API's exception handler, in the reader's language."""

    refusal = None

    def initial(self, request, *args, **kwargs):
        raise self.refusal


def _is_api(view_func) -> bool:
    view_class = getattr(view_func, "cls", None)
    return isinstance(view_class, type) and issubclass(view_class, APIView)


class RefusedCharactersMiddleware:
    """Before the session: cookies holding a refused character dropped. Then, in process_view,
    once the address has named its view (an API view answers in JSON) and the language it asks
    for is active: 404 for an address holding a refused character, 400 for a query string."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name in [name for name, value in request.COOKIES.items() if refused(name + value)]:
            del request.COOKIES[name]
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if refused(request.path_info):
            if _is_api(view_func):
                message = _("Nothing is at this address: it holds a character (NUL) that no key holds.")
                return _Refusal.as_view(refusal=exceptions.NotFound(message))(request)
            raise Http404("The address holds a character no record's key has.")
        parameter = _refused_parameter(request)
        if parameter is not None:
            name, message = parameter
            if _is_api(view_func):
                return _Refusal.as_view(refusal=exceptions.ValidationError({name: [message]}))(request)
            raise BadRequest(f"The query parameter {name!r} holds a refused character.")
        return None
