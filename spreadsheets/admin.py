"""Import and export buttons on the admin's list pages (django-import-export), with the
portal's formats and rules: xlsx and csv only; who may import or export is asked of
accounts.policy; an import with any problem is rolled back whole; the file's problems are
shown in the clerk's words, with the spreadsheet's own row numbers, never a traceback."""
from import_export.admin import ImportExportMixin

from accounts import policy

from .errors import SpreadsheetError
from .formats import FORMATS


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
