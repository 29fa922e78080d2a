"""The proposal in a workbook (issue 30): its group's programme downloaded prefilled
(spreadsheets.proposal_workbook), filled in offline, uploaded back, previewed row by row,
confirmed or cancelled. Who may download (whoever may view the proposal) and upload (whoever
may change it) is asked of reporting.policy; the import is spreadsheets.proposal_import, which
writes through reporting.services.proposal_editing. Between the preview and the confirmation
the file waits in spreadsheets.pending, bound to the user's session, with the proposal and the
version it was previewed on, so a change made meanwhile is noticed, not overwritten."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from reporting import policy
from reporting.services import ProposalConflict
from spreadsheets import pending, proposal_workbook
from spreadsheets.errors import ImportRefused, SpreadsheetError
from spreadsheets.formats import check_upload_size
from spreadsheets.proposal_import import proposal_workbook_import, proposal_workbook_preview
from spreadsheets.views import XLSX

from .proposal_page import proposal_of

PENDING_KIND = "proposal-workbook"


class ProposalWorkbookForm(forms.Form):
    workbook = forms.FileField(
        label=gettext_lazy("Filled proposal workbook (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX}"}),
    )

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        try:
            check_upload_size(upload.size)
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def workbook(request, period, numeral):
    proposal = proposal_of(request, period, numeral)
    if request.method != "POST":
        if "download" in request.GET:
            return _download(proposal.group)
        return _page(request, proposal, ProposalWorkbookForm())
    if not policy.can_edit_proposal(request.user, proposal):
        raise PermissionDenied
    if "cancel" in request.POST:
        pending.take(request, request.POST.get("token", ""), kind=PENDING_KIND, proposal=proposal.pk)
        messages.info(request, _("The import was cancelled; nothing was written."))
        return redirect(request.path)
    if "token" in request.POST:
        return _confirm(request, proposal)
    return _preview(request, proposal)


def _download(group) -> HttpResponse:
    response = HttpResponse(proposal_workbook.build(group), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{proposal_workbook.file_name(group)}"'
    return response


def _page(request, proposal, form, *, problems=(), preview=None, token=None, status=200):
    return TemplateResponse(
        request,
        "workspace/proposals/workbook.html",
        {
            "proposal": proposal,
            "group": proposal.group,
            "can_edit": policy.can_edit_proposal(request.user, proposal),
            "form": form,
            "problems": list(problems),
            "preview": preview,
            "token": token,
            "action": request.path,
        },
        status=status,
    )


def _preview(request, proposal):
    form = ProposalWorkbookForm(request.POST, request.FILES)
    problems, preview, token = [], None, None
    if form.is_valid():
        content = form.cleaned_data["workbook"].read()
        try:
            preview = proposal_workbook_preview(content, proposal=proposal, user=request.user)
        except SpreadsheetError as error:
            form.add_error("workbook", str(error))
        except ImportRefused as refused:
            problems = refused.problems
        if preview and preview.changed_count:
            token = pending.keep(
                request, content, kind=PENDING_KIND, proposal=proposal.pk, version=preview.version
            )
    return _page(
        request,
        proposal,
        form,
        problems=problems,
        preview=preview,
        token=token,
        status=200 if preview else 400,
    )


def _confirm(request, proposal):
    token = request.POST.get("token", "")
    kept = pending.details(request, token) or {}
    content = pending.take(request, token, kind=PENDING_KIND, proposal=proposal.pk)
    if content is None:
        messages.error(
            request, _("This import is no longer waiting for confirmation; upload the workbook again.")
        )
        return redirect(request.path)
    try:
        outcome = proposal_workbook_import(
            content, proposal=proposal, user=request.user, version=kept.get("version")
        )
    except ProposalConflict:
        messages.error(
            request,
            _(
                "Someone changed this proposal after you uploaded the workbook; nothing was imported. "
                "Upload it again to see what would change now."
            ),
        )
        return redirect(request.path)
    except (ImportRefused, SpreadsheetError) as error:
        messages.error(request, _("Nothing was imported: %(problems)s") % {"problems": str(error)})
        return redirect(request.path)
    messages.success(
        request,
        ngettext(
            "The workbook was imported into the proposal (%(count)d record added or changed).",
            "The workbook was imported into the proposal (%(count)d records added or changed).",
            outcome.changed_count,
        )
        % {"count": outcome.changed_count},
    )
    return redirect("workspace:proposal", proposal.group.programme.period, proposal.group.numeral)
