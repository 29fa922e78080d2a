"""A group's report in a round, for signed-in users: the progress form, and the secretariat's
correction of it (its lists, my working groups and the round overview, are in lists.py). Who
may do what is asked of reporting.policy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from groups.models import WorkingGroup
from reporting import policy
from reporting.evidence_form import EvidenceForm
from reporting.forms import ProgressForm
from reporting.lookups import round_and_group_or_404
from reporting.models import (
    Evidence,
    GroupReport,
    ProgressChange,
    ReportingRound,
)
from reporting.review import activities_and_entries
from reporting.services import ProgressConflict, progress_save
from spreadsheets.forms import WorkbookUploadForm

from .documents import round_documents
from .review import review_page, review_post, reviewing
from .thread import thread_context

FORM_ACTIONS = ("draft", "check", "submit")


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
    can_edit = _may_change(request.user, group, reporting_round, report)
    action = request.POST.get("action")
    if request.method == "POST":
        if action in ("accept", "return"):
            return review_post(request, reporting_round, group, report)
        if not can_edit or action not in FORM_ACTIONS:
            raise PermissionDenied
        if action != "draft" and not policy.can_submit(request.user, group, reporting_round, report):
            raise PermissionDenied  # the secretariat corrects and reviews; it does not submit
    elif reviewing(request.user, report) and "correct" not in request.GET:
        return review_page(request, reporting_round, group, report)

    form = _form(
        reporting_round, group, report, request.POST if request.method == "POST" else None, request.user
    )
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

    # The secretariat's save is its correction of the group's values, and the history says so.
    correction = policy.can_review(request.user)

    def save(submit):
        return progress_save(
            group=group,
            reporting_round=reporting_round,
            user=request.user,
            entries=form.entries(),
            notes=form.notes(),
            seen_version=form.seen_version,
            submit=submit,
            source=ProgressChange.Source.CORRECTION if correction else ProgressChange.Source.FORM,
            reason=form.reason(),
        )

    if action == "check":
        with transaction.atomic():
            save(True)
            transaction.set_rollback(True)  # a look only: nothing written, nobody e-mailed
        return form.submit_summary()
    result = save(action == "submit")
    if action == "submit":
        messages.success(request, _("Your group report was submitted to the secretariat. Thank you."))
    elif result.changes and correction:
        messages.success(
            request,
            ngettext(
                "Your correction was saved (%(count)d value changed); the history shows it as the "
                "secretariat's correction.",
                "Your correction was saved (%(count)d values changed); the history shows it as the "
                "secretariat's correction.",
                len(result.changes),
            )
            % {"count": len(result.changes)},
        )
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


def _may_change(user, group, reporting_round, report) -> bool:
    """Whoever may change the group report: in an open round (its focal points, the
    secretariat), or the secretariat correcting a closed one (with a reason)."""
    return policy.can_edit_progress(user, group, reporting_round, report) or policy.can_correct_closed_round(
        user, group, reporting_round
    )


def _form(reporting_round, group, report, data=None, user=None) -> ProgressForm:
    """The group's activities with their entries in the round and in the previous round; the
    reason for the correction asked of the secretariat in a closed round."""
    activities, entries, previous = activities_and_entries(reporting_round, group)
    asks_reason = user is not None and policy.can_correct_closed_round(user, group, reporting_round)
    return ProgressForm(
        activities,
        entries,
        previous,
        report,
        data=data,
        reporting_round=reporting_round,
        asks_reason=asks_reason,
    )


def _shows_form(request, can_edit) -> bool:
    """The form, for whoever may change the group report. The secretariat reads the report
    first and opens the form on purpose ("Correct it myself": ?correct), or is shown it again
    after a save of it was refused."""
    if not can_edit or not policy.can_review(request.user):
        return can_edit
    return "correct" in request.GET or request.POST.get("action") in FORM_ACTIONS


def progress_page(
    request,
    reporting_round,
    group,
    report,
    form,
    can_edit,
    conflict,
    *,
    summary=None,
    evidence_form=None,
    comment_form=None,
    status=200,
):
    history = (
        ProgressChange.objects.filter(report=report).select_related("activity", "changed_by")
        if report
        else []
    )
    form = form or _form(reporting_round, group, report, user=request.user)
    evidence = list(Evidence.objects.filter(report=report).shown()) if report else []
    for row in form.rows:
        row.evidence = [item for item in evidence if item.activity_id == row.activity.pk]
    shows_form = _shows_form(request, can_edit)
    return render(
        request,
        "workspace/progress.html",
        {
            "round": reporting_round,
            "group": group,
            "group_report": report,
            "form": form,
            "can_edit": shows_form,
            "can_submit": policy.can_submit(request.user, group, reporting_round, report),
            "as_secretariat": policy.can_review(request.user),
            "correcting": shows_form and policy.can_review(request.user),
            "can_correct": can_edit and not shows_form,
            "conflict": conflict,
            "history": history,
            "summary": summary,
            **round_documents(reporting_round, group),
            "can_exchange_workbook": policy.can_exchange_workbook(request.user, group, reporting_round),
            "workbook_form": WorkbookUploadForm(),
            "evidence": evidence,
            "can_attach_evidence": policy.can_attach_evidence(request.user, group, reporting_round, report),
            "evidence_form": evidence_form or EvidenceForm(group),
            **thread_context(request.user, reporting_round, group, report, comment_form),
        },
        status=status,
    )
