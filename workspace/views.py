"""Pages of the reporting rounds, for signed-in users: my working groups, a group's progress
form, and the secretariat's overview of a round. Who may do what is asked of reporting.policy."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from groups.models import Programme, WorkingGroup
from reporting import policy
from reporting import standing as figures
from reporting.evidence_form import EvidenceForm
from reporting.forms import ProgressForm, ReviewForm
from reporting.lookups import round_and_group_or_404, round_or_404
from reporting.models import (
    Evidence,
    GroupReport,
    ProgressChange,
    ProgressEntry,
    ReportingRound,
)
from reporting.services import ProgressConflict, group_report_review, progress_save
from reports.models import Document
from spreadsheets.forms import WorkbookUploadForm


@require_safe
@login_required
def my_groups(request):
    programme = Programme.objects.current()
    groups = policy.groups_of(request.user).filter(programme=programme).with_roles().order_by("number")
    open_round = ReportingRound.objects.open().filter(programme=programme).select_related("meeting").first()
    reports = {r.group_id: r for r in GroupReport.objects.filter(round=open_round)} if open_round else {}
    rows = [(group, policy.relation(request.user, group).value, reports.get(group.pk)) for group in groups]
    return render(
        request,
        "workspace/my_groups.html",
        {
            "programme": programme,
            "round": open_round,
            "rows": rows,
            "all_rounds": ReportingRound.objects.filter(programme=programme)
            .select_related("meeting")
            .order_by("-number")
            if policy.can_review(request.user)
            else [],
        },
    )


@require_safe
@login_required
def round_overview(request, code):
    if not policy.can_review(request.user):
        raise PermissionDenied
    reporting_round = round_or_404(code)
    previous_round = ReportingRound.objects.select_related("meeting").previous_to(reporting_round)
    reports = {r.group_id: r for r in reporting_round.group_reports.select_related("updated_by")}
    # Each group's figures as it saved them, beside the round before, like for like.
    rows = [
        (row.group, reports.get(row.group.pk), row)
        for row in figures.round_rows(
            reporting_round,
            previous_round,
            reporting_round.programme.groups.with_roles().order_by("number"),
            drafts=True,
        )
    ]
    counts = Counter(
        report.status if report else GroupReport.Status.NOT_STARTED for _group, report, _row in rows
    )
    return render(
        request,
        "workspace/round_overview.html",
        {
            "round": reporting_round,
            "previous_round": previous_round,
            "rows": rows,
            "counts": [(label, counts[value]) for value, label in GroupReport.Status.choices],
        },
    )


def group_report_of(
    request, code, period, numeral
) -> tuple[ReportingRound, WorkingGroup, GroupReport | None]:
    """The round, the group and its group report in it (None: not started) named by the group
    report page's address; 404 for what does not exist, 403 for a user who may not read the
    group's progress."""
    reporting_round, group = round_and_group_or_404(code, period, numeral)
    if not policy.can_view_progress(request.user, group):
        raise PermissionDenied
    return reporting_round, group, GroupReport.objects.filter(round=reporting_round, group=group).first()


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def progress(request, code, period, numeral):
    reporting_round, group, report = group_report_of(request, code, period, numeral)
    can_edit = policy.can_edit_progress(request.user, group, reporting_round, report)
    action = request.POST.get("action")
    if request.method == "POST":
        if action in ("accept", "return"):
            return _review(request, reporting_round, group, report)
        if not can_edit or action not in ("draft", "check", "submit"):
            raise PermissionDenied

    form = _form(reporting_round, group, report, request.POST if request.method == "POST" else None)
    conflict = summary = None
    if request.method == "POST" and form.is_valid():
        try:
            summary = _save(request, reporting_round, group, form, action)
        except ProgressConflict as error:
            conflict = form.after_conflict(error, request.user)
        except ValidationError as error:
            form.add_errors(error)
        else:
            if summary is None:
                return redirect(request.path)
    return progress_page(
        request,
        reporting_round,
        group,
        report,
        form,
        can_edit,
        conflict,
        summary=summary,
        status=409 if conflict else (200 if summary is not None or request.method != "POST" else 400),
    )


def _save(request, reporting_round, group, form, action):
    """Save the form as a draft, or submit it. "check" (the page's submit button) submits and
    rolls back, so that every error of a submission shows without anything written, and gives
    the summary of what changed since the previous round, which the focal point then confirms
    (action "submit") or corrects."""

    def save(submit):
        return progress_save(
            group=group,
            reporting_round=reporting_round,
            user=request.user,
            entries=form.entries(),
            notes=form.notes(),
            seen_version=form.seen_version,
            submit=submit,
        )

    if action == "check":
        with transaction.atomic():
            save(True)
            transaction.set_rollback(True)  # a look only: nothing written, nobody e-mailed
        return form.submit_summary()
    result = save(action == "submit")
    if action == "submit":
        messages.success(request, _("Your group report was submitted to the secretariat. Thank you."))
    elif result.changes:
        values = [c for c in result.changes if c.field != "status"]
        messages.success(
            request,
            ngettext(
                "Your changes were saved as a draft (%(count)d value changed).",
                "Your changes were saved as a draft (%(count)d values changed).",
                len(values),
            )
            % {"count": len(values)},
        )
    else:
        messages.info(request, _("Nothing had changed; nothing was saved."))
    return None


def _form(reporting_round, group, report, data=None) -> ProgressForm:
    """The group's activities with their entries in the round and in the previous round."""
    activities = list(group.activities.select_related("topic").order_by("order"))
    entries = {
        e.activity_id: e for e in ProgressEntry.objects.filter(round=reporting_round, activity__group=group)
    }
    previous_round = ReportingRound.objects.previous_to(reporting_round)
    previous = (
        {e.activity_id: e for e in ProgressEntry.objects.filter(round=previous_round, activity__group=group)}
        if previous_round
        else {}
    )
    return ProgressForm(activities, entries, previous, report, data=data, reporting_round=reporting_round)


def _review(request, reporting_round, group, report):
    if not policy.can_review(request.user) or report is None:
        raise PermissionDenied
    review_form = ReviewForm(request.POST)
    review_form.is_valid()
    try:
        group_report_review(
            report=report,
            user=request.user,
            accept=request.POST["action"] == "accept",
            comment=review_form.cleaned_data.get("comment", ""),
        )
    except ValidationError as error:
        if hasattr(error, "error_dict") and "comment" in error.error_dict:
            review_form.add_error("comment", error.error_dict["comment"])
        else:
            review_form.add_error(None, error)
        return progress_page(
            request, reporting_round, group, report, None, False, None, review_form=review_form, status=400
        )
    messages.success(
        request,
        _("The group report was accepted.")
        if request.POST["action"] == "accept"
        else _("The group report was returned to the group."),
    )
    return redirect(request.path)


def progress_page(
    request,
    reporting_round,
    group,
    report,
    form,
    can_edit,
    conflict,
    *,
    review_form=None,
    summary=None,
    evidence_form=None,
    status=200,
):
    history = (
        ProgressChange.objects.filter(report=report).select_related("activity", "changed_by")
        if report
        else []
    )
    form = form or _form(reporting_round, group, report)
    evidence = list(Evidence.objects.filter(report=report).shown()) if report else []
    for row in form.rows:
        row.evidence = [item for item in evidence if item.activity_id == row.activity.pk]
    # The round's documents: its report on the implementation and this group's report.
    documents = Document.objects.filter(Q(group__isnull=True) | Q(group=group), round=reporting_round)
    return render(
        request,
        "workspace/progress.html",
        {
            "round": reporting_round,
            "group": group,
            "group_report": report,
            "form": form,
            "can_edit": can_edit,
            "conflict": conflict,
            "history": history,
            "summary": summary,
            "review_form": review_form or ReviewForm(),
            "can_review": policy.can_review(request.user)
            and report is not None
            and report.status == GroupReport.Status.SUBMITTED,
            "documents": documents.order_by("symbol"),
            "can_exchange_workbook": policy.can_exchange_workbook(request.user, group, reporting_round),
            "workbook_form": WorkbookUploadForm(),
            "evidence": evidence,
            "can_attach_evidence": policy.can_attach_evidence(request.user, group, reporting_round, report),
            "evidence_form": evidence_form or EvidenceForm(group),
        },
        status=status,
    )
