"""Tasks that know no domain, and how every task is queued (enqueue). A task is acknowledged
only once done (CELERY_TASK_ACKS_LATE), so a worker killed in the middle leaves it for another.

Queuing never breaks a request: when the broker does not answer (within about a second,
settings/tasks.py), the task is not queued, a warning is logged, and for the next
BROKER_REST_SECONDS this process does not try again, so that a burst of e-mails or renders does
not wait a second each. E-mail loses nothing by it: it waits in the outbox (core.outbox)."""

import functools
import logging
import time
from concurrent.futures import ThreadPoolExecutor

from celery import shared_task
from django.conf import settings
from django.db import connections, transaction
from kombu.exceptions import OperationalError

from . import outbox
from .mail import from_payload

logger = logging.getLogger(__name__)

BROKER_REST_SECONDS = 30
_broker_rests_until = 0.0  # time.monotonic() before which this process does not publish


@shared_task
def email_send(pk) -> None:
    """Deliver the outbox's e-mail `pk` (core.mail.QueuedEmailBackend wrote it); a failure is
    recorded on it and tried again by the flush."""
    if isinstance(pk, dict):  # queued by a release before the outbox: into the outbox with it
        from_payload(pk).send()
        return
    outbox.email_deliver(pk)


@shared_task
def outbox_flush() -> None:
    """Deliver what waits in the outbox: run by Celery beat every minute and by every worker as
    it starts (cea_portal/celery.py)."""
    sent, pruned = outbox.outbox_flush()
    if sent or pruned:
        logger.info("Outbox: %d e-mails sent, %d old ones pruned.", sent, pruned)


def enqueue(task, *args) -> None:
    """Run `task(*args)` once this transaction commits: on the broker's workers; with no broker
    (the embedded default), in a thread of this process, so that the request that queued it
    does not wait; with PORTAL_TASKS_INLINE (the tests), at once after the commit."""
    if settings.CELERY_BROKER_URL:
        transaction.on_commit(lambda: publish(task, args))
    else:
        transaction.on_commit(lambda: _run_here(task, args))


def publish(task, args) -> bool:
    """Put `task(*args)` on the broker now; False, never an exception, when the broker does not
    answer (or did not, less than BROKER_REST_SECONDS ago)."""
    global _broker_rests_until
    if time.monotonic() < _broker_rests_until:
        return False
    try:
        task.apply_async(args=args)
    except (OperationalError, OSError) as error:  # kombu's for a broker out of reach
        _broker_rests_until = time.monotonic() + BROKER_REST_SECONDS
        logger.warning(
            "The task queue's broker does not answer (%s): %s is not queued, nor any task of "
            "this process for %d s; e-mail waits in the outbox until the broker is back.",
            error,
            task.name,
            BROKER_REST_SECONDS,
        )
        return False
    return True


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
