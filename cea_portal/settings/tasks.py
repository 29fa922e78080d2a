"""Background work and e-mail, shared by every environment (imported by base.py): Celery's
broker and how its workers take tasks, and the queue e-mail leaves through."""

import os

# E-mail leaves through a task queued after the transaction commits (core/mail.py); the task
# delivers it through PORTAL_EMAIL_BACKEND (SMTP in production, the console in development).
EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
PORTAL_EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
if os.environ.get("EMAIL_FILE_PATH"):  # for django.core.mail.backends.filebased.EmailBackend
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]

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
# How long Redis waits for an acknowledgement before handing a task to another worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "600"))
}
