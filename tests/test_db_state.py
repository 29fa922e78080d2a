"""The database snapshot that tests compare before and after a refused request sees every table
of the portal's data: a new app with models that it left out would make those checks blind."""

from pathlib import Path

from django.apps import apps
from django.conf import settings

from .support.db_state import APPS


def test_the_snapshot_watches_every_app_with_models():
    ours = {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
        and any(m._meta.managed for m in config.get_models())
    }
    assert ours, "no app of the project found"
    assert ours <= set(APPS), ours - set(APPS)
