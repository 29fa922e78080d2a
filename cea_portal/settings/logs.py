"""Logging and error mail, shared by every environment (imported by base.py)."""

import os
from email.utils import getaddresses

# Logging: every line to stderr (where gunicorn, systemd or a container collect it) with the
# request's id (core.requests); errors of requests (500s with their traceback) also mailed to
# ADMINS when DJANGO_ADMINS names any ("Name <address>, ..."). LOG_LEVEL sets how much.
ADMINS = getaddresses([os.environ.get("DJANGO_ADMINS", "")]) if os.environ.get("DJANGO_ADMINS") else []
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", "portal-cea@cepal.org")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "core.requests.RequestIdFilter"},
        "production": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {"portal": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}},
    "handlers": {
        "stderr": {"class": "core.requests.StderrHandler", "filters": ["request_id"], "formatter": "portal"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["request_id", "production"],
        },
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO"), "propagate": False},
        "django.request": {"handlers": ["stderr", "mail_admins"], "level": "WARNING", "propagate": False},
        "django.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        # Their start-up banner (axes) and each step of a render (WeasyPrint, fontTools) are noise.
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "celery.app.trace": {"level": "WARNING"},  # a line per task run in the app's process
    },
}
