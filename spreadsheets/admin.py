"""Import and export buttons on the admin's list pages (django-import-export), with the
portal's formats and rules: xlsx and csv only; who may import or export is asked of
reporting.policy; an import with any problem is rolled back whole; the file's problems are
shown in the clerk's words, with the spreadsheet's own row numbers, never a traceback."""
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin

from reporting import policy

from .errors import SpreadsheetError
from .formats import FORMATS
from .forms import WorkbookUploadForm
from .views import upload_confirm, upload_preview


class SpreadsheetAdmin(ImportExportMixin):
    formats = FORMATS
    from_encoding = "utf-8-sig"
    import_template_name = "admin/spreadsheets/import.html"

    def has_import_permission(self, request):
        return policy.can_import_in_admin(request.user, self.model)

    def has_export_permission(self, request):
        return policy.can_export_in_admin(request.user, self.model)

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
        return [path("import-workbook/", self.admin_site.admin_view(self.workbook_import_view),
                     name="reporting_groupreport_import_workbook"), *super().get_urls()]

    def workbook_import_view(self, request):
        if not policy.can_change_in_admin(request.user):
            raise PermissionDenied
        if request.method == "POST" and "token" in request.POST:
            upload_confirm(request)
            return redirect("admin:reporting_groupreport_changelist")
        context = upload_preview(request) if request.method == "POST" else \
            {"form": WorkbookUploadForm(), "problems": [], "preview": None, "token": None}
        return TemplateResponse(request, "admin/spreadsheets/workbook_import.html", {
            **self.admin_site.each_context(request), **context, "opts": self.model._meta,
            "title": _("Import a progress workbook"), "action": request.path,
        }, status=400 if request.method == "POST" and not context["preview"] else 200)
