"""The secretariat's review of a submitted group report: a page to read, not a form. Each
activity's percentage before and now with the difference, falls and big drops marked, the
remarks' changes since the previous round, the evidence beside each activity, the narrative
and the notes, the conversation with the group; Accept and Return are its actions, and "Correct
it myself" opens the progress form for a change recorded as the secretariat's correction."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from reporting import policy
from reporting.forms import ReviewForm
from reporting.models import Evidence, GroupReport, ProgressChange
from reporting.review import review_counts, review_rows
from reporting.services import group_report_review

from .documents import round_documents
from .thread import thread_context


def reviewing(user, report) -> bool:
    """Whether `user` opens the group report on the review page: the secretariat, on a report
    that waits for its review."""
    return policy.can_review(user) and report is not None and report.status == GroupReport.Status.SUBMITTED


def review_page(request, reporting_round, group, report, *, review_form=None, comment_form=None, status=200):
    rows = review_rows(reporting_round, group, report)
    history = ProgressChange.objects.filter(report=report).select_related("activity", "changed_by")
    return render(
        request,
        "workspace/review.html",
        {
            "round": reporting_round,
            "group": group,
            "group_report": report,
            "rows": rows,
            "counts": review_counts(rows),
            "output_evidence": Evidence.objects.filter(report=report, output__isnull=False).shown(),
            "review_form": review_form or ReviewForm(),
            "can_review": reviewing(request.user, report),
            "can_correct": policy.can_edit_progress(request.user, group, reporting_round, report)
            or policy.can_correct_closed_round(request.user, group, reporting_round),
            "history": history,
            **round_documents(reporting_round, group),
            **thread_context(request.user, reporting_round, group, report, comment_form),
        },
        status=status,
    )


def review_post(request, reporting_round, group, report):
    """Accept the group report, or return it with a comment (the POST of the review page)."""
    if not policy.can_review(request.user) or report is None:
        raise PermissionDenied
    review_form = ReviewForm(request.POST)
    if not review_form.is_valid():  # a comment too long: nothing decided
        return review_page(request, reporting_round, group, report, review_form=review_form, status=400)
    accept = request.POST["action"] == "accept"
    try:
        group_report_review(
            report=report,
            user=request.user,
            accept=accept,
            comment=review_form.cleaned_data.get("comment", ""),
            language=request.LANGUAGE_CODE,
        )
    except ValidationError as error:
        if hasattr(error, "error_dict") and "comment" in error.error_dict:
            review_form.add_error("comment", error.error_dict["comment"])
        else:
            review_form.add_error(None, error)
        return review_page(request, reporting_round, group, report, review_form=review_form, status=400)
    messages.success(
        request,
        _("The group report was accepted.") if accept else _("The group report was returned to the group."),
    )
    return redirect(request.path)
