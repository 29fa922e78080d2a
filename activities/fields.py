"""A month as a date field: stored as the first day of the month; typed in the browser's month
picker (YYYY-MM), or where a browser has none, as the reader writes it ("January 2027",
"enero de 2027", "2027-01": core/written_dates.py)."""

import datetime

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.written_dates import WrittenMonthField


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m")


class MonthFormField(WrittenMonthField):
    widget = MonthInput


class MonthField(models.DateField):
    description = _("Month")

    def to_python(self, value):
        if isinstance(value, str) and len(value) == 7:
            value += "-01"  # "2020-01" names a month; store its first day
        value = super().to_python(value)
        return value.replace(day=1) if value else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, (datetime.date, str)) and value:
            value = self.to_python(value)
            setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MonthFormField, "widget": MonthInput, **kwargs})
