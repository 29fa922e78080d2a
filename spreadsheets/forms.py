from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label=_("Filled progress workbook (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        if upload.size > settings.SPREADSHEET_MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is larger than %(size)s; a progress workbook is much smaller.")
                % {"size": filesizeformat(settings.SPREADSHEET_MAX_UPLOAD)}
            )
        return upload


class GroupWorkbookUploadForm(WorkbookUploadForm):
    workbook = forms.FileField(
        label=_("Filled group workbook (.xlsx)"), widget=WorkbookUploadForm.base_fields["workbook"].widget
    )
