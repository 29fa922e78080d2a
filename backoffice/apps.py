from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "backoffice"
    verbose_name = _("Administration")

    def ready(self):
        # Keys posted that are no keys: a message, never a server error (backoffice/forged.py).
        from .forged import guard_the_admin

        guard_the_admin()
