"""Public reading pages: the current programme and one working group."""
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render

from activities.models import ProgressEntry, ReportingRound

from .models import Programme, WorkingGroup
from .wording import roman


def home(request):
    programme = Programme.objects.current()
    groups = programme.groups.with_roles() if programme else WorkingGroup.objects.none()
    return render(request, "groups/home.html", {"programme": programme, "groups": groups})


def group_detail(request, period, numeral):
    group = _group_by_code(period, numeral)
    latest_round = ReportingRound.objects.latest_for(group.programme)
    activities = group.activities.select_related("topic", "objective").prefetch_related(
        Prefetch("progress", queryset=ProgressEntry.objects.filter(round=latest_round),
                 to_attr="latest_progress")
    )
    return render(request, "groups/group_detail.html", {
        "group": group,
        "objectives": group.objectives.all(),
        "activities": activities,
        "outputs": group.outputs.prefetch_related("institutions"),
        "financing_sources": group.financing_sources.select_related("institution"),
        "latest_round": latest_round,
    })


def _group_by_code(period, numeral):
    """The group named "2020-2021/IV" in URLs and on command lines."""
    by_numeral = {roman(n): n for n in range(1, 100)}
    try:
        start, end = (int(part) for part in period.split("-"))
        number = by_numeral[numeral.upper()]
        return WorkingGroup.objects.with_roles().get(
            programme__start_year=start, programme__end_year=end, number=number
        )
    except (ValueError, KeyError, WorkingGroup.DoesNotExist):
        raise Http404
