"""Lists come a page at a time: ?page=2&page_size=100, 50 items a page unless asked otherwise,
500 at most. Both parameters are what the schema says they are, whole numbers in range: any
other value is refused with 400 naming the parameter (never silently replaced by the default),
and a page past the last is 404 saying how many pages there are."""

import re

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

WHOLE_NUMBER = re.compile(r"[0-9]+")


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    # "last" is not a whole number; the schema's integer is all a page may be.
    last_page_strings = ()

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self._number(request, self.page_size_query_param, self.page_size, self.max_page_size)
        number = self._number(request, self.page_query_param, 1, None)
        paginator = Paginator(queryset, size)
        if number > paginator.num_pages:
            raise NotFound(
                ngettext(
                    "No page %(page)s: the list has %(pages)s page.",
                    "No page %(page)s: the list has %(pages)s pages.",
                    paginator.num_pages,
                )
                % {"page": request.query_params[self.page_query_param], "pages": paginator.num_pages}
            )
        self.page = paginator.page(number)
        return list(self.page)

    @staticmethod
    def _number(request, name, default, ceiling) -> int:
        """The whole number the parameter `name` gives, from 1 to `ceiling`; `default` when it is
        not given."""
        value = request.query_params.get(name)
        if value is None:
            return default
        # Python reads at most 4,300 digits; a number that long is past any page anyway.
        number = int(value[:20]) if WHOLE_NUMBER.fullmatch(value) else 0
        if number >= 1 and (ceiling is None or number <= ceiling):
            return number
        if ceiling is None:
            message = _("Give a whole number from 1, not “%(value)s”.") % {"value": value}
        else:
            message = _("Give a whole number from 1 to %(ceiling)s, not “%(value)s”.") % {
                "ceiling": ceiling,
                "value": value,
            }
        raise ValidationError({name: [message]})

    def get_schema_operation_parameters(self, view):
        page, size = super().get_schema_operation_parameters(view)
        for parameter in (page, size):
            parameter["description"], parameter["schema"] = SCHEMAS[parameter["name"]]
        return [page, size]


# The two parameters as the schema gives them: (description, schema) by name.
SCHEMAS = {
    "page": ("The page: 1 (the default) to the last; past the last, 404.", {"type": "integer", "minimum": 1}),
    "page_size": (
        f"Items a page: {Pages.page_size} unless given, {Pages.max_page_size} at most.",
        {"type": "integer", "minimum": 1, "maximum": Pages.max_page_size},
    ),
}
# For a view that is not a list but pages through a list it holds (a round's groups).
PAGE_PARAMETERS = [
    OpenApiParameter(name, schema, OpenApiParameter.QUERY, description=description)
    for name, (description, schema) in SCHEMAS.items()
]
