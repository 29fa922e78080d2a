from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

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
