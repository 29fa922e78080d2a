"""Local development: DEBUG on, a throw-away secret key, console e-mail, the guides as `make docs`
serves them, e-mail links to the address the development server serves, and the demo accounts
let in without a log-in code."""

import os

from .base import *  # noqa: F401,F403
from .base import SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "development-only-secret-key-not-for-production"
PORTAL_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
GUIDES_URL = os.environ.get("GUIDES_URL", "http://127.0.0.1:8001/")
# The demo accounts (firstrun's create_demo_users) log in with their password alone, until one
# sets up a log-in code: staff accounts need one everywhere else (accounts/second_factor.py), and
# a configuration with DEBUG off that sets this does not start (accounts/checks.py).
SECOND_FACTOR_SKIPPED_FOR = ("secretariat", "focal-mex", "focal-col")


def served_at(host: str) -> str:
    """The address runserver serves for its `[addr:]port` argument, as a browser opens it."""
    address, _colon, port = host.rpartition(":")
    return f"http://{address or '127.0.0.1'}:{port}"


# `make run` passes its HOST as PORTAL_HOST to every command it runs (the demo round's e-mails
# and the server's), so that e-mails link to the server it starts; PORTAL_URL, when set, wins.
PORTAL_HOST = os.environ.get("PORTAL_HOST", "127.0.0.1:8000")
PORTAL_URL = os.environ.get("PORTAL_URL") or served_at(PORTAL_HOST)
# That host answers too (HOST=0.0.0.0:8000, a machine's address on the network).
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver", PORTAL_HOST.rpartition(":")[0] or "127.0.0.1"]
