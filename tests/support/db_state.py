"""The database's content, to show that a refused request wrote nothing."""

from django.apps import apps
from modeltranslation.translator import NotRegistered, translator

# Every app whose tables hold the portal's data (pages, workspace, backoffice and firstrun have
# none), core's e-mail outbox, and auth. test_db_state.py fails when an app with models is missing.
APPS = ("groups", "activities", "accounts", "reporting", "reports", "search", "core", "auth")

# Noted by every request that uses a personal access token, allowed or refused: when the token
# was used, not anything the request changed.
BOOKKEEPING = {"accounts.AccessToken": {"last_used_at"}}


def _columns(model):
    """Real columns, reading each translated field by language: with modeltranslation, the
    untranslated name reads whichever language happens to be active."""
    try:
        translated = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        translated = set()
    skipped = translated | BOOKKEEPING.get(model._meta.label, set())
    return [f.attname for f in model._meta.concrete_fields if f.name not in skipped]


def snapshot(models=None):
    models = models or [m for m in apps.get_models() if m._meta.app_label in APPS]
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list(*_columns(model)))
        for model in models
    }
