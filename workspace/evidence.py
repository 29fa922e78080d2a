"""Attaching evidence to a group report from its page, and removing it. The page's
own views (workspace.views) show it; who may do what is asked of reporting.policy, by the
services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.bilingual import shown
from reporting import policy
from reporting.evidence_form import EvidenceForm
from reporting.models import Evidence
from reporting.services import evidence_add, evidence_remove

from .views import group_report_of, progress_page


def _back(code, period, numeral):
    return redirect(reverse("workspace:progress", args=[code, period, numeral]) + "#evidence")


@require_POST
@login_required
def evidence_new(request, code, period, numeral):
    reporting_round, group, report = group_report_of(request, code, period, numeral)
    if not policy.can_attach_evidence(request.user, group, reporting_round, report):
        raise PermissionDenied
    form = EvidenceForm(group, request.POST, request.FILES)
    if form.is_valid():
        try:
            evidence_add(
                group=group,
                reporting_round=reporting_round,
                user=request.user,
                about=form.target,
                title_en=form.cleaned_data["title_en"],
                title_es=form.cleaned_data["title_es"],
                upload=form.cleaned_data["file"],
                kind=form.kind,
                url=form.cleaned_data["url"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The evidence was attached to the group report."))
            return _back(code, period, numeral)
    can_edit = policy.can_edit_progress(request.user, group, reporting_round, report)
    return progress_page(
        request, reporting_round, group, report, None, can_edit, None, evidence_form=form, status=400
    )


@require_POST
@login_required
def evidence_delete(request, code, period, numeral, pk):
    reporting_round, group, report = group_report_of(request, code, period, numeral)
    evidence = get_object_or_404(
        Evidence.objects.select_related("report", "activity", "output"), pk=pk, report=report
    )
    evidence_remove(evidence=evidence, user=request.user)
    messages.success(
        request,
        _(
            "The evidence “%(title)s” was removed from the group report; the history of changes "
            "keeps what it was."
        )
        % {"title": shown(evidence, "title").text},
    )
    return _back(code, period, numeral)
