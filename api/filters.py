"""The query parameters the lists take, read by their readable keys: a value that names
nothing is refused with 400 and a message in the client's language, never ignored."""
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from groups.models import Country, Programme, WorkingGroup
from reporting.models import ReportingRound

PROGRAMME = OpenApiParameter("programme", str, description="A programme's period: 2020-2021.")
COUNTRY = OpenApiParameter("country", str, description="A country's ISO 3166 alpha-3 code (MEX): "
                           "the groups it coordinates or is a member of.")
ROUND = OpenApiParameter("round", str, description="A round's meeting code: CE.20.")
GROUP = OpenApiParameter("group", str, description="A group's key: 2020-2021/IV.")
FLAGGED = OpenApiParameter("flagged", bool, description="true: only activities behind schedule "
                           "or overdue; false: only the others.")


def _given(request, name):
    value = request.query_params.get(name)
    return value.strip() if value is not None and value.strip() else None


def programme(request):
    period = _given(request, "programme")
    if period is None:
        return None
    try:
        start, end = (int(part) for part in period.split("-"))
        return Programme.objects.get(start_year=start, end_year=end)
    except (ValueError, Programme.DoesNotExist):
        raise ValidationError({"programme": [_("No programme “%(value)s”: give its period, such "
                                               "as 2020-2021.") % {"value": period}]}) from None


def country(request):
    iso3 = _given(request, "country")
    if iso3 is None:
        return None
    try:
        return Country.objects.get(iso3=iso3.upper())
    except Country.DoesNotExist:
        raise ValidationError({"country": [_("No country “%(value)s”: give its ISO 3166 alpha-3 "
                                             "code, such as MEX.") % {"value": iso3}]}) from None


def reporting_round(request):
    code = _given(request, "round")
    if code is None:
        return None
    try:
        return ReportingRound.objects.with_meeting().get(meeting__code=code)
    except ReportingRound.DoesNotExist:
        raise ValidationError({"round": [_("No reporting round “%(value)s”: give its meeting's "
                                           "code, such as CE.20.") % {"value": code}]}) from None


def group(request):
    key = _given(request, "group")
    if key is None:
        return None
    try:
        period, numeral = key.split("/")
        return WorkingGroup.objects.by_code(period, numeral)
    except (ValueError, WorkingGroup.DoesNotExist):
        raise ValidationError({"group": [_("No working group “%(value)s”: give its key, such as "
                                           "2020-2021/IV.") % {"value": key}]}) from None


def flagged(request):
    value = _given(request, "flagged")
    if value is None:
        return None
    if value.lower() in ("true", "1", "yes"):
        return True
    if value.lower() in ("false", "0", "no"):
        return False
    raise ValidationError({"flagged": [_("Give true or false, not “%(value)s”.") % {"value": value}]})
