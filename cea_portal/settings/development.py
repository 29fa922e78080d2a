"""Local development: DEBUG on, a throw-away secret key, console e-mail, the guides as `make docs`
serves them."""

import os

from .base import *  # noqa: F401,F403
from .base import SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "development-only-secret-key-not-for-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PORTAL_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
GUIDES_URL = os.environ.get("GUIDES_URL", "http://127.0.0.1:8001/")
