"""The API's JSON bodies, read with two bounds checked before a byte is parsed: their size
(Django's own bound on a request's body, DATA_UPLOAD_MAX_MEMORY_SIZE, which answered an HTML
page rather than the API's JSON) and how deeply they nest (Python's parser recurses once a
level, so a body nested 100,000 deep ran out of stack: a server error). Every refusal, a body
that is no JSON included, says what is wrong in the reader's language, where Django REST
framework's says it in English."""

import re
from json import JSONDecodeError

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser
from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.utils import json

# The API's deepest body has 4 levels ({"entries": {"3": {"remarks": {"es": ...}}}}).
MAX_DEPTH = 20
# A string of JSON (escapes included), then a bracket: only brackets outside strings nest.
_STRINGS = re.compile(r'"(?:[^"\\]++|\\.)*+"')
_BRACKETS = re.compile(r"[\[\]{}]")


def nesting_exceeds(text: str, limit: int) -> bool:
    """Whether `text`, as JSON, nests past `limit` levels of arrays and objects."""
    depth = 0
    for bracket in _BRACKETS.finditer(_STRINGS.sub("", text)):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > limit:
            return True
    return False


class BoundedJSONParser(BaseParser):
    """Django REST framework's JSONParser, bounded. Not a subclass of it: Django REST framework
    reads a JSONParser's body through request.body, whose bound answers a page in HTML."""

    media_type = "application/json"
    renderer_class = JSONRenderer
    strict = api_settings.STRICT_JSON

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        body = _read(stream, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        try:
            text = body.decode(encoding)
        except LookupError:
            raise ParseError(
                _("The body's character set “%(charset)s” is unknown; send UTF-8.") % {"charset": encoding}
            ) from None
        except UnicodeDecodeError as error:
            raise ParseError(
                _("The body is not %(charset)s text: its byte %(position)s is no character.")
                % {"charset": encoding, "position": error.start + 1}
            ) from None
        if nesting_exceeds(text, MAX_DEPTH):
            raise ParseError(
                _(
                    "The JSON body nests objects and arrays more than %(limit)s levels deep; "
                    "no request needs as many."
                )
                % {"limit": MAX_DEPTH}
            )
        try:
            return json.loads(text, parse_constant=json.strict_constant if self.strict else None)
        except JSONDecodeError as error:
            raise ParseError(
                _("The body is not valid JSON: its first error is at line %(line)s, column %(column)s.")
                % {"line": error.lineno, "column": error.colno}
            ) from None
        except ValueError:  # NaN or Infinity, which JSON has no words for
            raise ParseError(_("The body is not valid JSON: NaN and Infinity are no JSON numbers.")) from None


def _read(stream, limit) -> bytes:
    """The whole body; refused past `limit` bytes (None: no limit) without reading further."""
    body = stream.read() if limit is None else stream.read(limit + 1)
    if limit is not None and len(body) > limit:
        raise ParseError(
            _("The body is larger than the API reads: at most %(limit)s.") % {"limit": filesizeformat(limit)}
        )
    return body
