"""Public reading pages: the current programme, a working group, a country, a round, search.
Figures (progress, change, schedule) come from reporting.standing; nothing is computed here."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from modeltranslation.utils import build_localized_fieldname

from groups.models import Country, GroupRole, Programme, WorkingGroup
from reporting import policy
from reporting import standing as figures
from reporting.lookups import group_or_404, round_or_404
from reporting.models import Evidence, ReportingRound
from reporting.reminders import DONE
from reports.models import Document
from search import results as searching

from .cache import for_readers
from .guides import guide_links
from .timeline import timeline


@require_safe
def help_page(request):
    """What each role does in a round: focal points, the secretariat, readers (in both languages,
    through the interface catalogue)."""
    return render(request, "pages/help.html", {"guides": guide_links(get_language())})


@require_safe
@for_readers
def home(request):
    """The programme's groups with their figures, and what is going on: the round open for
    reporting (its deadline, how many groups have submitted) and the newest document."""
    programme = Programme.objects.select_related("approved_at").current()
    groups = programme.groups.with_roles().order_by("number") if programme else []
    rows = figures.group_standings(groups)
    latest_round = ReportingRound.objects.latest_published(programme) if programme else None
    open_round = (
        ReportingRound.objects.open().filter(programme=programme).select_related("meeting").first()
        if programme
        else None
    )
    return render(
        request,
        "pages/home.html",
        {
            "programme": programme,
            "rows": rows,
            "latest_round": latest_round,
            "threshold": figures.threshold(),
            "open_round": open_round,
            # Submitted as the reminders count it: a group that has submitted is not reminded.
            "submitted": open_round.group_reports.filter(status__in=DONE).count() if open_round else 0,
            "latest_document": Document.objects.for_register().first(),
        },
    )


@require_safe
@for_readers
def group_detail(request, period, numeral):
    group = group_or_404(period, numeral)
    today = timezone.localdate()
    activities = list(group.activities.select_related("topic", "objective").order_by("order"))
    rows = figures.standings(activities, today=today)
    summary = figures.GroupStanding(group, rows)
    rounds = sorted({row.latest.round for row in rows if row.latest}, key=lambda r: r.number)
    return render(
        request,
        "pages/group_detail.html",
        {
            "group": group,
            "summary": summary,
            "timeline": timeline(group.programme, rows, today),
            "threshold": figures.threshold(),
            "latest_round": rounds[-1] if rounds else None,
            "compared": summary.since_previous,
            "objectives": group.objectives.prefetch_related("areas__action_lines"),
            "outputs": group.outputs.prefetch_related("institutions"),
            "financing_sources": group.financing_sources.select_related("institution"),
            "documents": Document.objects.about_group(group),
            "events": group.events.all(),
            "figures": group.figures.all(),
            "links": group.links.all(),
            "evidence": Evidence.objects.published().filter(report__group=group).shown(),
            # The group's reports round by round, with their history, for those who may read them.
            "group_report_rounds": group.programme.rounds.select_related("meeting").order_by("number")
            if policy.can_view_progress(request.user, group)
            else [],
        },
    )


@require_safe
@for_readers
def country_list(request):
    programme = Programme.objects.current()
    roles = GroupRole.objects.filter(
        role__in=GroupRole.COUNTRY_ROLES, group__programme=programme
    ).select_related("group")
    # In the reader's alphabet: "Brasil" after "Bolivia" in Spanish, "Brazil" in English.
    name = build_localized_fieldname("name", get_language()[:2])
    countries = (
        Country.objects.filter(group_roles__in=roles)
        .distinct()
        .order_by(name)
        .prefetch_related(
            Prefetch("group_roles", queryset=roles.order_by("group__number"), to_attr="current_roles")
        )
    )
    return render(request, "pages/country_list.html", {"programme": programme, "countries": countries})


@require_safe
@for_readers
def country_detail(request, iso3):
    country = get_object_or_404(Country, iso3=iso3.upper())
    groups = (
        WorkingGroup.objects.of_country(country).with_roles().order_by("-programme__start_year", "number")
    )
    rows = figures.group_standings(groups)
    for row in rows:
        row.country_roles = [r for r in row.group.roles.all() if r.country_id == country.pk]
    return render(request, "pages/country_detail.html", {"country": country, "rows": rows})


@require_safe
@for_readers
def search(request):
    """The records holding every word typed, kind by kind; ?kind= pages through one kind."""
    query = request.GET.get("q", "")
    results, error = None, None
    if "q" in request.GET:
        try:
            words = searching.words_of(query)
            results = searching.search(words, kind=request.GET.get("kind"), page=request.GET.get("page"))
        except searching.QueryError as problem:
            error = str(problem)
    return render(
        request,
        "pages/search.html",
        {
            "query": query,
            "results": results,
            "error": error,
            "max_length": searching.MAX_QUERY_LENGTH,
        },
        status=400 if error else 200,
    )


# The columns a reader may sort the round's page by, and what each sorts on. Groups without a
# figure go last whichever the direction.
ROUND_SORTS = {
    "number": lambda row: row.group.number,
    "progress": lambda row: row.progress,
    "previous": lambda row: row.previous,
    "change": lambda row: row.change,
    "reported": lambda row: row.reported,
}


@require_safe
@for_readers
def round_progress(request, code):
    """Every group's progress in a round beside the round before: public, published figures."""
    reporting_round = round_or_404(code)
    previous_round = ReportingRound.objects.select_related("meeting").previous_to(reporting_round)
    rows = figures.round_rows(
        reporting_round, previous_round, reporting_round.programme.groups.with_roles().order_by("number")
    )
    sort = request.GET.get("sort") if request.GET.get("sort") in ROUND_SORTS else "number"
    descending = request.GET.get("order") == "desc"
    key = ROUND_SORTS[sort]
    known = sorted((r for r in rows if key(r) is not None), key=key, reverse=descending)
    rows = known + [r for r in rows if key(r) is None]
    return render(
        request,
        "pages/round_progress.html",
        {
            "round": reporting_round,
            "previous_round": previous_round,
            "rows": rows,
            "sort": sort,
            "descending": descending,
            "rounds": ReportingRound.objects.filter(programme=reporting_round.programme)
            .with_published_progress()
            .select_related("meeting")
            .order_by("number"),
        },
    )
