"""Background work and e-mail, shared by every environment (imported by base.py): Celery's
broker and how its workers take tasks, and the queue e-mail leaves through."""

import os

# E-mail leaves through a task queued after the transaction commits (core/mail.py); the task
# delivers it through PORTAL_EMAIL_BACKEND (SMTP in production, the console in development).
EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
PORTAL_EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
if os.environ.get("EMAIL_FILE_PATH"):  # for django.core.mail.backends.filebased.EmailBackend
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
# A mail server that does not answer holds a delivery this long, not forever (SMTP's default).
EMAIL_TIMEOUT = 30
# Each e-mail is first a row of the outbox (core/outbox.py), kept this long once sent or given up.
EMAIL_OUTBOX_KEEP_DAYS = int(os.environ.get("EMAIL_OUTBOX_KEEP_DAYS", "30"))

# Background work (cea_portal/celery.py). With no broker, tasks run in the process, after the
# transaction that queued them commits: the embedded default.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Without a broker, core.tasks.enqueue runs background work in a thread of the process; the
# tests run it at once instead (settings/test.py), to see its effect deterministically.
PORTAL_TASKS_INLINE = False
CELERY_TASK_IGNORE_RESULT = True
# The queue the app servers put tasks on and the workers take them from.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "celery")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Acknowledged once done, one task at a time per worker process, and given back to the queue
# when the worker dies: a killed worker's task runs again.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# How long Redis waits for an acknowledgement before handing a task to another worker (RabbitMQ
# hands it on as soon as the worker's connection drops). Longer than any task holds a message:
# a render's time limit (PDF_RENDER_MAX_SECONDS + 10 s, settings/limits.py) and a retry's
# countdown (a render's: under a minute), so no task runs twice at once; a killed worker's task
# runs again after it. (A killed render is queued again well before: reports/live.py.)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "300"))
}

# A broker that is down costs a request about a second (core.tasks.publish), not kombu's default
# of retrying for long: a second to connect (RabbitMQ's timeout, Redis' socket_connect_timeout)
# and one retry at once, which a connection left stale by a broker's restart needs. A broker
# that holds the connection open but does not answer is given up after socket_timeout (Redis).
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_TRANSPORT_OPTIONS.update({"socket_connect_timeout": 1, "socket_timeout": 2})
# What waits in the outbox (the broker was down, or the mail server) is delivered by Celery beat
# every EMAIL_OUTBOX_FLUSH_SECONDS (run `celery -A cea_portal beat`, or a worker with --beat, on
# one machine), by every worker as it starts, or by `manage.py send_outbox` from cron.
CELERY_BEAT_SCHEDULE = {
    "outbox-flush": {
        "task": "core.tasks.outbox_flush",
        "schedule": float(os.environ.get("EMAIL_OUTBOX_FLUSH_SECONDS", "60")),
    }
}
