"""The progress workbook on a group report's page: download it, upload it filled in, see what
would change, confirm. Who may do it is asked of reporting.policy; the import itself is
spreadsheets.services. Between the preview and the confirmation the checked values wait in
the session, with the group report's version, so a save made meanwhile is noticed, not overwritten."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from groups.models import WorkingGroup
from reporting import policy
from reporting.lookups import round_and_group_or_404
from reporting.models import GroupReport, ReportingRound
from reporting.services import EntryValues, ProgressConflict

from . import progress_workbook
from .errors import ImportRefused, SpreadsheetError
from .forms import WorkbookUploadForm
from .services import WorkbookPreview, workbook_import, workbook_preview

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "progress-workbook-imports"


def file_name(group, reporting_round) -> str:
    return f"progress-{reporting_round.meeting.code}-{group.programme.period}-{group.numeral}.xlsx"


@require_safe
@login_required
def workbook_download(request, code, period, numeral):
    reporting_round, group = round_and_group_or_404(code, period, numeral)
    if not policy.can_exchange_workbook(request.user, group, reporting_round):
        raise PermissionDenied
    response = HttpResponse(progress_workbook.build(group, reporting_round), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{file_name(group, reporting_round)}"'
    return response


@require_POST
@login_required
def workbook_upload(request, code, period, numeral):
    reporting_round, group = round_and_group_or_404(code, period, numeral)
    report = GroupReport.objects.filter(round=reporting_round, group=group).first()
    if not policy.can_edit_progress(request.user, group, reporting_round, report):
        raise PermissionDenied
    back = reverse("workspace:progress", args=[code, period, numeral])
    if "token" in request.POST:
        upload_confirm(request, group=group, reporting_round=reporting_round)
        return redirect(back)
    context = upload_preview(request, group=group, reporting_round=reporting_round)
    return render(
        request,
        "spreadsheets/workbook_preview.html",
        {
            **context,
            "group": group,
            "round": reporting_round,
            "action": request.path,
            "back": back,
        },
        status=200 if context["preview"] else 400,
    )


def upload_preview(request, *, group=None, reporting_round=None) -> dict:
    """Check the uploaded workbook (for this group and round, when given) and keep what it would
    change until it is confirmed: the context of spreadsheets/includes/preview.html."""
    form = WorkbookUploadForm(request.POST, request.FILES)
    problems, preview = [], None
    if form.is_valid():
        try:
            preview = workbook_preview(
                form.cleaned_data["workbook"].read(),
                user=request.user,
                group=group,
                round_code=reporting_round.meeting.code if reporting_round else None,
            )
        except SpreadsheetError as error:
            form.add_error("workbook", str(error))
        except ImportRefused as refused:
            problems = refused.problems
    token = _keep(request, preview) if preview and preview.entries else None
    return {"form": form, "problems": problems, "preview": preview, "token": token}


def _keep(request, preview: WorkbookPreview) -> str:
    token = secrets.token_urlsafe(16)
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {
        "group": preview.group.pk,
        "round": preview.reporting_round.pk,
        "version": preview.version,
        "entries": {str(pk): [v.percent, v.remarks_en, v.remarks_es] for pk, v in preview.entries.items()},
    }
    request.session[SESSION_KEY] = dict(list(pending.items())[-5:])  # a few tabs at most
    return token


def upload_confirm(request, *, group=None, reporting_round=None):
    """Import what the preview kept under the posted token, if it was previewed for `group` and
    `reporting_round` (the page's, when given: a token previewed on another group's page, or on
    the admin's, is refused and left waiting); the outcome is told as a message.
    progress_save asks reporting.policy again: the user's rights may have changed meanwhile."""
    token = request.POST.get("token", "")
    kept = request.session.get(SESSION_KEY, {}).get(token)
    if kept is None:
        messages.error(
            request, _("This import is no longer waiting for confirmation; upload the workbook again.")
        )
        return None
    if (group and kept["group"] != group.pk) or (reporting_round and kept["round"] != reporting_round.pk):
        messages.error(request, _elsewhere(kept, group, reporting_round))
        return None
    request.session[SESSION_KEY] = {k: v for k, v in request.session[SESSION_KEY].items() if k != token}
    preview = WorkbookPreview(
        WorkingGroup.objects.get(pk=kept["group"]),
        ReportingRound.objects.get(pk=kept["round"]),
        kept["version"],
        [],
        {int(pk): EntryValues(*values) for pk, values in kept["entries"].items()},
    )
    try:
        result = workbook_import(preview, user=request.user)
    except ProgressConflict:
        messages.error(
            request,
            _(
                "Someone saved this group report after you uploaded the workbook; nothing was "
                "imported. Upload it again to see what would change now."
            ),
        )
        return None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    values = [c for c in result.changes if c.field != "status"]
    messages.success(
        request,
        ngettext(
            "The workbook was imported as a draft (%(count)d value changed).",
            "The workbook was imported as a draft (%(count)d values changed).",
            len(values),
        )
        % {"count": len(values)},
    )
    return result


def _elsewhere(kept, group, reporting_round) -> str:
    """Why a preview made for another group or round is not confirmed on this page."""
    theirs = WorkingGroup.objects.select_related("programme").filter(pk=kept["group"]).first()
    their_round = ReportingRound.objects.with_meeting().filter(pk=kept["round"]).first()
    if theirs is None or their_round is None:  # removed since the preview
        return _("This import is no longer waiting for confirmation; upload the workbook again.")
    return _(
        "This workbook was previewed for working group %(theirs)s, round %(their_round)s, not for "
        "%(ours)s, round %(our_round)s, whose page this is; nothing was imported. Upload it on "
        "the page of the group and round it is for."
    ) % {
        "theirs": theirs.code,
        "their_round": their_round.meeting.code,
        "ours": (group or theirs).code,
        "our_round": (reporting_round or their_round).meeting.code,
    }
