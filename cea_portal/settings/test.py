"""The test suite: fast password hashing, DEBUG off as in production."""

import os
import tempfile

from .base import *  # noqa: F401,F403

SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test environment sends through its own outbox; tests of the queue set EMAIL_BACKEND
# to core.mail.QueuedEmailBackend, which then delivers here.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PORTAL_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test run starts with an empty PDF cache of its own.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "documents": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "documents",
        "TIMEOUT": None,
    },
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# Background work (core.tasks.enqueue) runs right after the commit, in the test's thread.
PORTAL_TASKS_INLINE = True
# Tests make many requests from one address; the throttling test sets its own low rate.
API_ANONYMOUS_RATE = "100000/minute"
# Evidence files of a test run go to a folder of their own, removed with the machine's temp files.
MEDIA_ROOT = os.path.join(tempfile.gettempdir(), f"cea-test-media-{os.getpid()}")
