from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from core.changes import on_change
        from reporting.signals import progress_recorded

        from . import index

        on_change(index.WATCHED_APPS, index.changed, "search")
        # Bulk writes of progress send no model signal; the workflow says so itself.
        progress_recorded.connect(index.progress_recorded, dispatch_uid="search-progress")
        post_migrate.connect(index.build_if_missing, sender=self, dispatch_uid="search-migrate")
