"""A month as a date field: stored as the first day of the month, typed as YYYY-MM."""

import datetime

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m")


class MonthFormField(forms.DateField):
    widget = MonthInput
    default_error_messages = {"invalid": _("Enter a month as YYYY-MM, for example 2020-01.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m", "%Y-%m-%d"])
        super().__init__(**kwargs)


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
