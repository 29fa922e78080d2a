"""The task queue: Celery, its broker given by CELERY_BROKER_URL (Redis, or RabbitMQ). Without a
broker (the embedded default of `make run`, and the tests), every task runs in the process that
queued it, once its transaction has committed, exactly as a worker would run it.

A worker: `celery -A cea_portal worker`, with the same environment as the app servers; and, on
one machine, `celery -A cea_portal beat` (or a worker with --beat), which flushes the e-mail
outbox every minute (settings/tasks.py: CELERY_BEAT_SCHEDULE)."""

import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cea_portal.settings.production")

app = Celery("cea_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def outbox_flush_on_start(sender=None, **kwargs):
    """A worker that starts delivers what waited in the outbox while none ran, or while the
    broker was down, without waiting for beat's next minute."""
    app.send_task("core.tasks.outbox_flush")
