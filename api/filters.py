"""The query parameters the lists take, read by their readable keys. The schema lists each
filter's keys as they are now (its enum, read when the schema is served: api/schema.py), and a
value that is not one of them is refused with 400 and a message in the client's language,
never ignored: what the schema allows is exactly what is accepted. A request looks up the one
record its value names, never every key: the cost of a filter does not grow with the data."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from groups.models import Country, Programme, WorkingGroup
from reporting.models import ReportingRound, round_order


@dataclass(frozen=True)
class Filter:
    """A query parameter naming a record by its key: `keys()` gives every key there is, in the
    order the schema lists them; `find(key)` the record of one (or DoesNotExist), and
    `keys_of(record)` the keys it is listed by, so that only a value `keys()` holds is taken."""

    name: str
    description: str
    keys: Callable[[], list]
    find: Callable[[str], object]
    keys_of: Callable[[object], tuple]
    refusal: Callable[[], str]  # the message, translated when it is said

    def parameter(self) -> OpenApiParameter:
        """The parameter as the schema gives it; api/schema.py adds the keys as they are when
        the schema is served (not now: this runs at import)."""
        return OpenApiParameter(self.name, str, description=self.description)

    def __call__(self, request):
        """The record the parameter names, None when it is not given; 400 when it names nothing."""
        value = request.query_params.get(self.name)
        if value is None:
            return None
        try:
            found = self.find(value)
        except (ObjectDoesNotExist, ValueError):  # ValueError: a key the database cannot hold (NUL)
            found = None
        # find() forgives (iv for IV, Mex for MEX); the schema's enum does not.
        if found is None or value not in self.keys_of(found):
            raise ValidationError({self.name: [self.refusal() % {"value": value}]})
        return found


def _programme_keys() -> list:
    # Every reader's (the schema is the same for all): a draft once the secretariat publishes it.
    return [programme.period for programme in Programme.objects.readable().order_by("start_year")]


def _country_keys() -> list:
    codes = list(Country.objects.order_by("iso3").values_list("iso3", flat=True))
    # Small letters have always been accepted (mex); the schema says so too.
    return codes + [code.lower() for code in codes]


def _round_keys() -> list:
    rounds = ReportingRound.objects.order_by("programme__start_year", *round_order())
    return list(rounds.values_list("meeting__code", flat=True))


def _group_keys() -> list:
    groups = (
        WorkingGroup.objects.filter(programme__in=Programme.objects.readable())
        .select_related("programme")
        .order_by("programme__start_year", "number")
    )
    return [group.code for group in groups]


def _period_and_numeral(key) -> tuple[str, str]:
    period, _slash, numeral = key.partition("/")
    return period, numeral


programme = Filter(
    "programme",
    "A programme's period: 2020-2021.",
    _programme_keys,
    lambda period: Programme.objects.readable().by_period(period),
    lambda found: (found.period,),
    lambda: _("No programme “%(value)s”: give its period, such as 2020-2021."),
)
country = Filter(
    "country",
    "A country's ISO 3166 alpha-3 code (MEX, or mex): the groups it coordinates or is a member of.",
    _country_keys,
    lambda iso3: Country.objects.get(iso3=iso3.upper()),
    lambda found: (found.iso3, found.iso3.lower()),
    lambda: _("No country “%(value)s”: give its ISO 3166 alpha-3 code, such as MEX."),
)
reporting_round = Filter(
    "round",
    "A round's meeting code: CE.20.",
    _round_keys,
    lambda code: ReportingRound.objects.with_meeting().get(meeting__code=code),
    lambda found: (found.meeting.code,),
    lambda: _("No reporting round “%(value)s”: give its meeting's code, such as CE.20."),
)
group = Filter(
    "group",
    "A group's key: 2020-2021/IV.",
    _group_keys,
    lambda key: (
        WorkingGroup.objects.filter(programme__in=Programme.objects.readable())
        .select_related("programme")
        .by_code(*_period_and_numeral(key))
    ),
    lambda found: (found.code,),
    lambda: _("No working group “%(value)s”: give its key, such as 2020-2021/IV."),
)

# By the name of the query parameter: the schema's enums (api/schema.py).
ALL = {f.name: f for f in (programme, country, reporting_round, group)}

FLAGGED = OpenApiParameter(
    "flagged", bool, description="true: only activities behind schedule or overdue; false: only the others."
)


def flagged(request):
    value = request.query_params.get("flagged")
    if value is None:
        return None
    # How a boolean is written in a query: true or false (1 and 0 too, as clients write them).
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise ValidationError({"flagged": [_("Give true or false, not “%(value)s”.") % {"value": value}]})


def parameters(*given) -> list:
    """The parameters for extend_schema: each Filter's, and any other as it is."""
    return [f.parameter() if isinstance(f, Filter) else f for f in given]
