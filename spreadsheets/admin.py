"""Import and export buttons on the admin's list pages (django-import-export), with the
portal's formats and rules: xlsx and csv only; who may import or export is asked of
reporting.policy; an import with any problem is rolled back whole; the file's problems are
shown in the clerk's words, with the spreadsheet's own row numbers, never a traceback."""

import os

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm

from reporting import policy

from . import group_workbook, pending
from .confirmation import PendingConfirmForm, PendingFileStorage, previewed_with
from .errors import ImportRefused, SpreadsheetError
from .formats import FORMATS, check_upload_size
from .forms import GroupWorkbookUploadForm, WorkbookUploadForm
from .group_import import group_workbook_import, workbook_models
from .views import XLSX, upload_confirm, upload_preview


class BoundedImportForm(ImportForm):
    """The admin's import form, refusing a file too large before anything reads it."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_upload_size(upload.size)
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class SpreadsheetAdmin(ImportExportMixin):
    formats = FORMATS
    import_form_class = BoundedImportForm
    from_encoding = "utf-8-sig"
    # The file waits for its confirmation in spreadsheets.pending, bound to the user's session;
    # the confirmation must name it and the format and resource it was previewed with.
    tmp_storage_class = PendingFileStorage
    confirm_form_class = PendingConfirmForm
    import_template_name = "admin/spreadsheets/import.html"
    # The library's export page wires "Select all" with an inline handler, which the portal's
    # Content-Security-Policy blocks; this one takes it from a script file.
    export_template_name = "admin/spreadsheets/export.html"

    def has_import_permission(self, request):
        return policy.can_import_in_admin(request.user, self.model)

    def has_export_permission(self, request):
        return policy.can_export_in_admin(request.user, self.model)

    def get_confirm_form_kwargs(self, request, import_form=None):
        return {**super().get_confirm_form_kwargs(request, import_form), "request": request}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:  # a preview that offers the confirmation: its file is this user's
            pending.claim(request, initial["import_file_name"], **previewed_with(import_form))
        return initial

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        # A preview with problems offers no confirmation: its file has nothing to wait for.
        context = getattr(response, "context_data", None) or {}
        form = context.get("form")
        upload = getattr(form, "cleaned_data", {}).get("import_file")
        name = getattr(upload, "tmp_storage_name", None)
        if name and not context.get("confirm_form"):
            pending.discard(name)
        return response

    def process_import(self, request, **kwargs):
        response = super().process_import(request, **kwargs)
        if isinstance(response, TemplateResponse):  # the confirmation was refused: nothing imported
            response.status_code = 400
        else:
            # The name as the confirmation form took it (django-import-export keeps its last part).
            pending.forget(request, os.path.basename(request.POST.get("import_file_name", "")))
        return response

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True  # all or nothing, also when confirming
        return kwargs

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, SpreadsheetError):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)


class WorkbookImportAdmin:
    """A page of the group reports' admin to upload a filled progress workbook (any group,
    named by the workbook), with the same preview and confirmation as the group's page."""

    change_list_template = "admin/spreadsheets/groupreport_change_list.html"

    def get_urls(self):
        return [
            path(
                "import-workbook/",
                self.admin_site.admin_view(self.workbook_import_view),
                name="reporting_groupreport_import_workbook",
            ),
            *super().get_urls(),
        ]

    def workbook_import_view(self, request):
        if not policy.can_change_in_admin(request.user):
            raise PermissionDenied
        if request.method == "POST" and "token" in request.POST:
            upload_confirm(request)
            return redirect("admin:reporting_groupreport_changelist")
        context = (
            upload_preview(request)
            if request.method == "POST"
            else {"form": WorkbookUploadForm(), "problems": [], "preview": None, "token": None}
        )
        return TemplateResponse(
            request,
            "admin/spreadsheets/workbook_import.html",
            {
                **self.admin_site.each_context(request),
                **context,
                "opts": self.model._meta,
                "title": _("Import a progress workbook"),
                "action": request.path,
            },
            status=400 if request.method == "POST" and not context["preview"] else 200,
        )


class GroupWorkbookAdmin:
    """On the working groups' admin: a group's whole workbook (spreadsheets.group_workbook) to
    download, an empty one for a new group, and a page to upload one filled in: preview, then
    confirm or cancel. Between the two the file waits in spreadsheets.pending (the default
    storage, which every app server shares; only its name in the session, whose size every
    page of the user's pays for), so the confirmation imports exactly what was previewed,
    checked again."""

    change_list_template = "admin/spreadsheets/workinggroup_change_list.html"
    PENDING_KIND = "group-workbook"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("workbook.xlsx", view(self.empty_workbook_view), name="groups_workinggroup_empty_workbook"),
            path(
                "<int:pk>/workbook.xlsx", view(self.group_workbook_view), name="groups_workinggroup_workbook"
            ),
            path(
                "import-workbook/",
                view(self.group_workbook_import_view),
                name="groups_workinggroup_import_workbook",
            ),
            *super().get_urls(),
        ]

    def _allowed(self, request):
        if not policy.can_exchange_group_workbook(request.user, workbook_models()):
            raise PermissionDenied

    def _download(self, group):
        response = HttpResponse(group_workbook.build(group), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{group_workbook.file_name(group)}"'
        return response

    def empty_workbook_view(self, request):
        self._allowed(request)
        return self._download(None)

    def group_workbook_view(self, request, pk):
        self._allowed(request)
        return self._download(get_object_or_404(self.model.objects.select_related("programme"), pk=pk))

    def group_workbook_import_view(self, request):
        self._allowed(request)
        request.session.pop("group-workbook-imports", None)  # where files waited before: megabytes
        if request.method == "POST" and "cancel" in request.POST:
            pending.take(request, request.POST.get("token", ""), kind=self.PENDING_KIND)
            messages.info(request, _("The import was cancelled; nothing was written."))
            return redirect("admin:groups_workinggroup_import_workbook")
        if request.method == "POST" and "token" in request.POST:
            return self._confirm(request)
        form, problems, outcome, token = GroupWorkbookUploadForm(), [], None, None
        if request.method == "POST":
            form = GroupWorkbookUploadForm(request.POST, request.FILES)
            if form.is_valid():
                content = form.cleaned_data["workbook"].read()
                try:
                    outcome = group_workbook_import(content, user=request.user)
                except SpreadsheetError as error:
                    form.add_error("workbook", str(error))
                except ImportRefused as refused:
                    problems = refused.problems
                if outcome and outcome.changed_count:
                    token = pending.keep(request, content, kind=self.PENDING_KIND)
        return TemplateResponse(
            request,
            "admin/spreadsheets/group_workbook_import.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "form": form,
                "problems": problems,
                "outcome": outcome,
                "token": token,
                "action": request.path,
                "title": _("Import a group's workbook"),
            },
            status=400 if request.method == "POST" and outcome is None else 200,
        )

    def _confirm(self, request):
        kept = pending.take(request, request.POST.get("token", ""), kind=self.PENDING_KIND)
        if kept is None:
            messages.error(
                request, _("This import is no longer waiting for confirmation; upload the workbook again.")
            )
            return redirect("admin:groups_workinggroup_import_workbook")
        try:
            outcome = group_workbook_import(kept, user=request.user, confirm=True)
        except ImportRefused as refused:  # the programme changed since the preview
            messages.error(
                request,
                _("Nothing was imported: %(problems)s") % {"problems": "; ".join(map(str, refused.problems))},
            )
            return redirect("admin:groups_workinggroup_import_workbook")
        messages.success(
            request,
            ngettext(
                "Working group %(code)s: the workbook was imported (%(count)d record added or changed).",
                "Working group %(code)s: the workbook was imported (%(count)d records added or changed).",
                outcome.changed_count,
            )
            % {"code": outcome.group_code, "count": outcome.changed_count},
        )
        return redirect("admin:groups_workinggroup_changelist")
