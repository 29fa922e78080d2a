"""Settings shared by every environment. Each value can be overridden by an environment
variable; docs/operations/settings.md lists them all."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    # modeltranslation must come before the admin so that its admin classes win.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "import_export",
    "axes",
    # Log-in codes (accounts/second_factor.py): an app's (TOTP) and single-use recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # The portal's apps, from the bottom layer up (docs/developer/layers.md).
    "core",
    "groups",
    "activities",
    "accounts",
    "reporting",
    "reports",
    "search",
    "spreadsheets",
    "pages",
    "workspace",
    "api",
    "backoffice",
    "firstrun",
    # The API's libraries.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    # First of all: every log line of the request, and its error page, name the request.
    "core.requests.RequestIdMiddleware",
    # Then: every later middleware, django-axes included, sees the client's address.
    "core.proxies.TrustedProxiesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.security.SecurityHeadersMiddleware",  # Content-Security-Policy, Permissions-Policy
    # A NUL, which PostgreSQL refuses: 404 in an address, 400 in a query, cookie unread (core/hostile.py).
    "core.hostile.RefusedCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether the session gave its log-in code; if it owes one, only the code page (accounts/).
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers a locked-out address before any view runs.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out address before a password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "cea_portal.urls"
# A form sent without its CSRF token gets a page in both languages, not Django's bare one.
CSRF_FAILURE_VIEW = "cea_portal.errors.csrf_failure"

# Logging, and whom a server error is mailed to: cea_portal/settings/logs.py; how large what
# users send may be, and how long a request may render: cea_portal/settings/limits.py;
# background work and e-mail: cea_portal/settings/tasks.py.
from .limits import *  # noqa: E402,F401,F403
from .logs import ADMINS, LOGGING, SERVER_EMAIL  # noqa: E402,F401
from .tasks import *  # noqa: E402,F401,F403

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # {{ value|zoned }} in every template: a time shown to a person names its zone.
            "builtins": ["core.templatetags.times"],
        },
    },
]

WSGI_APPLICATION = "cea_portal.wsgi.application"

# SQLite is the embedded default for a first run; DATABASE_URL selects PostgreSQL
# (postgres://USER@HOST:PORT/NAME).
DATABASES = {
    "default": dj_database_url.config(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60)
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several processes write to one SQLite file (app server workers, send_reminders from cron):
    # a writer waits for the other's lock for a while instead of failing at once (timeout);
    # readers do not block the writer nor it them (WAL); and a transaction takes the write lock
    # when it begins (IMMEDIATE), because SQLite cannot wait for a lock a reading transaction
    # asks to upgrade: it answers "database is locked" at once. So of two simultaneous saves the
    # second waits, then finds the report's version moved and answers 409, as on PostgreSQL.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# dumpdata and loaddata's JSON keeps times to the microsecond (core/serializers.py).
SERIALIZATION_MODULES = {"json": "core.serializers"}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The portal's languages, the first the default: every other list derives from this one.
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LANGUAGE_CODE = LANGUAGES[0][0]
# The portal's catalogue; then Django's own wording of the few messages Django REST framework
# translates otherwise (locale-django/: an app's catalogue, DRF's, would outrank Django's).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-django"]
FORMAT_MODULE_PATH = ["cea_portal.formats"]
TIME_ZONE = "America/Santiago"
USE_I18N = True
USE_TZ = True

# Content is edited in both languages; a missing language is shown marked as untranslated
# by our own template tag, so modeltranslation must not fall back silently.
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ()

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:my_groups"
LOGOUT_REDIRECT_URL = "pages:home"
# What an authenticator app shows beside the account's one-time codes.
OTP_TOTP_ISSUER = "CEA working groups"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for a day
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "portal-cea@cepal.org")

# Repeated failed log-ins (passwords and one-time codes, never stored) from one address lock it
# out for a while (django-axes, with attempts in the database, which every worker process sees).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]  # and the password, always
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
# A username from one address: a whole statistics office behind one address is not locked out
# by one person's mistakes, and one user's successful log-in clears only that user's failures
# from that address (AXES_RESET_ON_SUCCESS), never another's being guessed.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# And a username from every address together (accounts/lockout.py): this many wrong passwords
# within AXES_COOLOFF_TIME pause the account from every address it has not logged in from within
# AXES_KNOWN_ADDRESS_DAYS; a try in that pause is not counted: it lifts itself. 0 turns it off.
AXES_HANDLER = "accounts.lockout.LockoutHandler"
AXES_USERNAME_FAILURE_LIMIT = int(os.environ.get("AXES_USERNAME_FAILURE_LIMIT", "20"))
AXES_KNOWN_ADDRESS_DAYS = int(os.environ.get("AXES_KNOWN_ADDRESS_DAYS", "30"))
AXES_ENABLE_ACCESS_FAILURE_LOG = False  # accounts.lockout writes it: the passwords really checked
# The address counted is REMOTE_ADDR, which core.proxies sets to the client's own when the
# portal runs behind PORTAL_TRUSTED_PROXIES reverse proxies (docs/operations/deployment.md), so that
# clients are not all counted as the proxy.
PORTAL_TRUSTED_PROXIES = int(os.environ.get("PORTAL_TRUSTED_PROXIES", "0"))

# The portal's address as e-mails link to it.
PORTAL_URL = os.environ.get("PORTAL_URL", "http://127.0.0.1:8000")
# Where the guides (docs/, a MkDocs site) are served: the help page links each role to its guide
# there, in the reader's language (pages/guides.py). Empty: the help page links to no guide.
GUIDES_URL = os.environ.get("GUIDES_URL", "")
# Focal points are reminded this many days before a round's deadline (send_reminders).
PROGRESS_REMINDER_DAYS = int(os.environ.get("PROGRESS_REMINDER_DAYS", "7"))
# An activity is behind schedule when its latest percentage is more than this many points
# below the share of its months elapsed (reporting/standing.py).
SLIPPAGE_THRESHOLD = int(os.environ.get("SLIPPAGE_THRESHOLD", "25"))

# Secure defaults everywhere; development relaxes only what plain HTTP needs.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# The code's release (say, its commit): a new one makes the documents' known fingerprints out of
# date, for a template or a translation of the new code may write them otherwise.
PORTAL_RELEASE = os.environ.get("PORTAL_RELEASE", "")
# Rendered PDFs of live documents ("documents"), keyed by a fingerprint of everything they
# show (reports/delivery.py), and the reading pages ("pages"). With REDIS_URL, the caches live
# in Redis, which every app server shares; without it (the embedded default of `make run`), the
# documents' cache is on the local disk, shared by the processes of one machine, and the
# default cache is in the process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Redis only speeds the portal up: when it does not answer, core.cache's backend misses and
    # keeps nothing (logged once a minute), so pages, documents and the API are served without
    # it; a Redis that hangs costs a request at most these socket timeouts (seconds).
    _TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    _REDIS = {"BACKEND": "core.cache.FailsafeRedisCache", "LOCATION": REDIS_URL, "OPTIONS": _TIMEOUTS}
    CACHES = {
        "default": {**_REDIS, "KEY_PREFIX": "cea"},
        "documents": {**_REDIS, "KEY_PREFIX": "cea-documents", "TIMEOUT": None},
        "pages": {**_REDIS, "KEY_PREFIX": "cea-pages"},
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "documents": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DOCUMENT_CACHE_DIR", str(BASE_DIR / "var" / "document-cache")),
            "TIMEOUT": None,
            "OPTIONS": {"MAX_ENTRIES": 500},
        },
        # The reading pages anonymous readers get (pages/cache.py): on disk, so that every
        # process of the machine sees the same generation of the data.
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / "var" / "page-cache")),
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }

# Spreadsheets (spreadsheets/): xlsx and csv only, imports in one transaction that is rolled
# back on any error, and permissions asked of reporting.policy (spreadsheets/admin.py).
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES = True

# Evidence the groups attach to their reports (reporting/models/evidence.py): files kept through
# the default storage, in MEDIA_ROOT unless production names another backend; never served from
# a public address, always through the portal's view, which asks reporting.policy.
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "var" / "media"))

# The API and its schema: cea_portal/settings/api.py.
from .api import *  # noqa: E402,F401,F403
