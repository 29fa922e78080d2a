"""The task queue: Celery, its broker given by CELERY_BROKER_URL (Redis, or RabbitMQ). Without a
broker (the embedded default of `make run`, and the tests), every task runs in the process that
queued it, once its transaction has committed, exactly as a worker would run it.

A worker: `celery -A cea_portal worker`, with the same environment as the app servers."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cea_portal.settings.production")

app = Celery("cea_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
