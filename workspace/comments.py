"""Writing in the conversation about a group report, from its page (the review page for the
secretariat on a submitted report, the progress page otherwise)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reporting import policy
from reporting.comment_form import CommentForm
from reporting.services.comments import report_comment_add

from .review import review_page, reviewing
from .views import group_report_of, progress_page


@require_POST
@login_required
def comment_new(request, code, period, numeral):
    reporting_round, group, report = group_report_of(request, code, period, numeral)
    if not policy.can_comment(request.user, group, reporting_round):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            report_comment_add(
                group=group,
                reporting_round=reporting_round,
                user=request.user,
                body=form.cleaned_data["body"],
                language=request.LANGUAGE_CODE,
            )
        except ValidationError as error:
            form.add_error("body", error.messages)
        else:
            messages.success(
                request, _("Your message was added to the conversation and e-mailed to the other side.")
            )
            return redirect(reverse("workspace:progress", args=[code, period, numeral]) + "#thread")
    if reviewing(request.user, report):
        return review_page(request, reporting_round, group, report, comment_form=form, status=400)
    can_edit = policy.can_edit_progress(request.user, group, reporting_round, report)
    return progress_page(
        request, reporting_round, group, report, None, can_edit, None, comment_form=form, status=400
    )
