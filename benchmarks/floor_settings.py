"""The production settings with benchmarks/floor_urls.py as the URLconf: the portal as production
serves it, plus the trivial view /_floor/ that benchmarks/scale.py measures every page against.
Only the benchmark names this module (DJANGO_SETTINGS_MODULE in its app servers' environment)."""

from cea_portal.settings.production import *  # noqa: F401,F403

ROOT_URLCONF = "benchmarks.floor_urls"
