from django.apps import AppConfig
from django.db import transaction
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
        from core.changes import on_change
        from reporting.signals import progress_recorded

        on_change(SHOWN_APPS, _data_changed, "pages")
        # Bulk writes of progress send no model signal; the workflow says so itself.
        progress_recorded.connect(_data_changed, dispatch_uid="pages-progress")
