from pathlib import Path

from django.apps import AppConfig, apps
from django.conf import settings
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from .text import clean_on_save

        # Every model of the portal's own apps (not Django's nor a library's) keeps clean texts.
        root = Path(settings.BASE_DIR).resolve()
        for config in apps.get_app_configs():
            if root in Path(config.path).resolve().parents:
                for model in config.get_models():
                    pre_save.connect(
                        clean_on_save, sender=model, dispatch_uid=f"clean-text-{model._meta.label}"
                    )
