from django.apps import AppConfig, apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

# The apps whose records the reading pages show.
SHOWN_APPS = ("groups", "activities", "reporting", "reports")


def _data_changed(**_signal):
    from .cache import refresh

    # Now, for this process's next page; and once the change is visible to every process, so
    # that a page computed meanwhile from the data before it is not kept.
    refresh()
    transaction.on_commit(refresh)


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Reading pages")

    def ready(self):
        from reporting.signals import progress_recorded

        for label in SHOWN_APPS:
            for model in apps.get_app_config(label).get_models():
                for signal in (post_save, post_delete):
                    signal.connect(_data_changed, sender=model, dispatch_uid=f"pages-{model._meta.label}-{signal}")
        m2m_changed.connect(_data_changed, dispatch_uid="pages-m2m")
        # Bulk writes of progress send no model signal; the workflow says so itself.
        progress_recorded.connect(_data_changed, dispatch_uid="pages-progress")
