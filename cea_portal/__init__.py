# The task queue's app, loaded with Django so that every task is bound to it.
from .celery import app as celery_app

__all__ = ("celery_app",)
