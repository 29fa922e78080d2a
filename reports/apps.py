from django.apps import AppConfig
from django.db import transaction
from django.utils.translation import gettext_lazy as _

# The apps whose records the documents show.
SHOWN_APPS = ("groups", "activities", "reporting", "reports")


def _queue_refresh():
    from django.core.cache import caches

    from core.tasks import enqueue

    from .tasks import REFRESH_QUEUED, documents_refresh

    # One refresh waiting at a time, however many records a change touched.
    if caches["documents"].add(REFRESH_QUEUED, 1, timeout=300):
        enqueue(documents_refresh)


def _refresh_generation():
    from core.generations import refresh

    refresh("documents")  # the fingerprints known for the data before are out of date


def _data_changed(**_signal):
    # Now, for this process's next request, and once visible to every process (a fingerprint
    # computed meanwhile from the data before the change is not kept).
    _refresh_generation()
    transaction.on_commit(_refresh_generation)
    transaction.on_commit(_queue_refresh)


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Documents")

    def ready(self):
        from core.changes import on_change
        from reporting.signals import progress_recorded

        # When a value a document shows changes, the live documents are rendered anew in the
        # background (reports/tasks.py), so that readers do not wait for it.
        on_change(SHOWN_APPS, _data_changed, "documents")
        progress_recorded.connect(_data_changed, dispatch_uid="documents-progress")
