"""Tasks that know no domain. Each is retried when its service fails, and acknowledged only once
done (CELERY_TASK_ACKS_LATE), so a worker killed in the middle leaves it for another."""

import functools
import logging
import smtplib
from concurrent.futures import ThreadPoolExecutor

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection
from django.db import connections, transaction

from .mail import from_payload

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(OSError, smtplib.SMTPException), retry_backoff=True, retry_backoff_max=600, max_retries=10
)
def email_send(payload: dict) -> None:
    """Deliver one e-mail queued by core.mail.QueuedEmailBackend."""
    message = from_payload(payload)
    message.connection = get_connection(settings.PORTAL_EMAIL_BACKEND)
    message.send()


def enqueue(task, *args) -> None:
    """Run `task(*args)` once this transaction commits: on the broker's workers; with no broker
    (the embedded default), in a thread of this process, so that the request that queued it
    does not wait; with PORTAL_TASKS_INLINE (the tests), at once after the commit."""
    if settings.CELERY_BROKER_URL:
        task.delay_on_commit(*args)
    else:
        transaction.on_commit(lambda: _run_here(task, args))


def _run_here(task, args):
    if settings.PORTAL_TASKS_INLINE:
        task.apply(args=args, throw=True)
    else:
        _executor().submit(_in_thread, task, args)


@functools.cache
def _executor():
    # One thread: tasks of the embedded default run one after another, as one worker would.
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="tasks")


def _in_thread(task, args):
    try:
        result = task.apply(args=args)
        if result.failed():
            logger.error("Task %s%r failed: %s", task.name, args, result.result)
    finally:
        connections.close_all()  # this thread's own database connections
