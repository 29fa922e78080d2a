"""The query parameters the lists take, read by their readable keys: a value that names
nothing is refused with 400 and a message in the client's language, never ignored."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from groups.models import Country, Programme, WorkingGroup
from reporting.models import ReportingRound

PROGRAMME = OpenApiParameter("programme", str, description="A programme's period: 2020-2021.")
COUNTRY = OpenApiParameter(
    "country",
    str,
    description="A country's ISO 3166 alpha-3 code (MEX): the groups it coordinates or is a member of.",
)
ROUND = OpenApiParameter("round", str, description="A round's meeting code: CE.20.")
GROUP = OpenApiParameter("group", str, description="A group's key: 2020-2021/IV.")
FLAGGED = OpenApiParameter(
    "flagged", bool, description="true: only activities behind schedule or overdue; false: only the others."
)


def _given(request, name):
    value = request.query_params.get(name)
    return value.strip() if value is not None and value.strip() else None


def _lookup(request, name, find, message):
    """The record parameter `name` names (`find(value)`), None when it is not given; 400 with
    `message` when it names nothing (`find` raises ValueError, TypeError or DoesNotExist)."""
    value = _given(request, name)
    if value is None:
        return None
    try:
        return find(value)
    except (ValueError, TypeError, ObjectDoesNotExist):
        raise ValidationError({name: [message() % {"value": value}]}) from None


def programme(request):
    return _lookup(
        request,
        "programme",
        Programme.objects.by_period,
        lambda: _("No programme “%(value)s”: give its period, such as 2020-2021."),
    )


def country(request):
    return _lookup(
        request,
        "country",
        lambda iso3: Country.objects.get(iso3=iso3.upper()),
        lambda: _("No country “%(value)s”: give its ISO 3166 alpha-3 code, such as MEX."),
    )


def reporting_round(request):
    return _lookup(
        request,
        "round",
        lambda code: ReportingRound.objects.with_meeting().get(meeting__code=code),
        lambda: _("No reporting round “%(value)s”: give its meeting's code, such as CE.20."),
    )


def group(request):
    return _lookup(
        request,
        "group",
        lambda key: WorkingGroup.objects.by_code(*key.split("/")),
        lambda: _("No working group “%(value)s”: give its key, such as 2020-2021/IV."),
    )


def flagged(request):
    value = _given(request, "flagged")
    if value is None:
        return None
    if value.lower() in ("true", "1", "yes"):
        return True
    if value.lower() in ("false", "0", "no"):
        return False
    raise ValidationError({"flagged": [_("Give true or false, not “%(value)s”.") % {"value": value}]})
