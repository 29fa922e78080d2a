"""Public reading pages: the current programme and one working group."""
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts import policy
from activities.models import ProgressEntry, ReportingRound

from .models import Programme, WorkingGroup


@require_safe
def home(request):
    programme = Programme.objects.current()
    groups = programme.groups.with_roles() if programme else WorkingGroup.objects.none()
    return render(request, "groups/home.html", {"programme": programme, "groups": groups})


@require_safe
def group_detail(request, period, numeral):
    group = _group_by_code(period, numeral)
    # The latest round whose progress readers may see: drafts stay with the group.
    published = ProgressEntry.objects.published().filter(activity__group=group)
    latest_round = ReportingRound.objects.filter(entries__in=published).order_by("-number").first()
    activities = group.activities.select_related("topic", "objective").prefetch_related(
        Prefetch("progress", queryset=published.filter(round=latest_round),
                 to_attr="latest_progress")
    )
    return render(request, "groups/group_detail.html", {
        "group": group,
        "objectives": group.objectives.all(),
        "activities": activities,
        "outputs": group.outputs.prefetch_related("institutions"),
        "financing_sources": group.financing_sources.select_related("institution"),
        "latest_round": latest_round,
        # The group's reports round by round, with their history, for those who may read them.
        "report_rounds": group.programme.rounds.select_related("meeting").order_by("number")
        if policy.can_view_progress(request.user, group) else [],
    })


def _group_by_code(period, numeral):
    try:
        return WorkingGroup.objects.with_roles().by_code(period, numeral)
    except WorkingGroup.DoesNotExist:
        raise Http404 from None
