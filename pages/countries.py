"""The countries' pages: every country taking part in the current programme's groups, and one
country's groups across programmes with their figures, each a page at a time. What a country's
row lists is limited: the first groups it coordinates and belongs to, with how many in all."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from modeltranslation.utils import build_localized_fieldname

from core.paging import asked_page, paged
from groups.models import Country, GroupRole, Programme, WorkingGroup
from reporting import standing as figures

from .cache import for_readers
from .parts import shared

COUNTRIES_PER_PAGE = 50
GROUPS_NAMED = 12  # of each role, in a row of the countries' page; the country's page has them all


def _countries(asked):
    programme = Programme.objects.current()
    # Only what a row names of each role: its group's numeral (a window function keeps the
    # first GROUPS_NAMED of each country, over every role of the country).
    roles = (
        GroupRole.objects.filter(group__programme=programme)
        .select_related("group")
        .only("role", "country_id", "group__number", "group__programme_id")
        .order_by("group__number")
    )
    # In the reader's alphabet: "Brasil" after "Bolivia" in Spanish, "Brazil" in English.
    name = build_localized_fieldname("name", get_language()[:2])
    in_programme = Q(group_roles__group__programme=programme)
    countries = (
        Country.objects.filter(pk__in=roles.filter(role__in=GroupRole.COUNTRY_ROLES).values("country"))
        .annotate(
            coordinates=Count(
                "group_roles", filter=in_programme & Q(group_roles__role=GroupRole.Role.COORDINATING)
            ),
            member_of=Count("group_roles", filter=in_programme & Q(group_roles__role=GroupRole.Role.MEMBER)),
        )
        .order_by(name)
        .prefetch_related(
            Prefetch(
                "group_roles",
                queryset=roles.filter(role=GroupRole.Role.COORDINATING)[:GROUPS_NAMED],
                to_attr="coordinated",
            ),
            Prefetch(
                "group_roles",
                queryset=roles.filter(role=GroupRole.Role.MEMBER)[:GROUPS_NAMED],
                to_attr="joined",
            ),
        )
    )
    page = paged(countries, asked, size=COUNTRIES_PER_PAGE)
    for country in page.page:
        country.more_coordinated = country.coordinates - len(country.coordinated)
        country.more_joined = country.member_of - len(country.joined)
    return {"programme": programme, "paged": page}


@require_safe
@for_readers
def country_list(request):
    asked = asked_page(request)
    parts = shared(
        request, ("countries", asked), {"body": "pages/parts/country_list.html"}, lambda: _countries(asked)
    )
    return render(request, "pages/country_list.html", {"parts": parts})


def _country(country, asked):
    # A group of a draft programme only once the secretariat has published it (marked as a draft).
    groups = paged(
        WorkingGroup.objects.of_country(country)
        .filter(programme__in=Programme.objects.readable())
        .with_roles()
        .order_by("-programme__start_year", "number"),
        asked,
    )
    rows = figures.group_figures(groups.page.object_list)
    for row in rows:
        row.country_roles = [r for r in row.group.roles.all() if r.country_id == country.pk]
    return {"country": country, "rows": rows, "paged": groups}


@require_safe
@for_readers
def country_detail(request, iso3):
    country = get_object_or_404(Country, iso3=iso3.upper())
    asked = asked_page(request)
    parts = shared(
        request,
        ("country", country.pk, asked),
        {"body": "pages/parts/country_detail.html"},
        lambda: _country(country, asked),
    )
    return render(request, "pages/country_detail.html", {"country": country, "parts": parts})
