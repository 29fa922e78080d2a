from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

LISTS = (
    "programmes",
    "meetings",
    "countries",
    "institutions",
    "groups",
    "rounds",
    "progress",
    "documents",
    "group_reports",
)


@extend_schema(
    responses={200: {"type": "object", "additionalProperties": {"type": "string", "format": "uri"}}}
)
@api_view(["GET"])
def root(request):
    """Where each list of the API is, and its schema and documentation."""
    links = {name: request.build_absolute_uri(reverse(f"api:{name}")) for name in LISTS}
    links["schema"] = request.build_absolute_uri(reverse("api-schema"))
    links["docs"] = request.build_absolute_uri(reverse("api-docs"))
    return Response(links)


class NotFound(APIView):
    """Any other address under /api/v1/ (with its trailing slash): a JSON 404 like every answer
    of the API, rather than the reading pages' HTML, whatever the method. Without the slash,
    Django first redirects to it, as for every address of the API."""

    schema = None  # not an operation of the API

    def _not_found(self, request, *args, **kwargs):
        raise exceptions.NotFound(_("No such address in the API: its addresses are listed at /api/v1/."))

    get = post = put = patch = delete = head = options = _not_found
