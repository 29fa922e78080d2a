from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FirstrunConfig(AppConfig):
    name = "firstrun"
    verbose_name = _("First run")
