"""The demo accounts' way around the second factor is for development only: a configuration
with DEBUG off that names any account to skip it does not start."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def second_factor_skipped_only_in_development(app_configs, **kwargs):
    if getattr(settings, "SECOND_FACTOR_SKIPPED_FOR", ()) and not settings.DEBUG:
        return [
            Error(
                "SECOND_FACTOR_SKIPPED_FOR lets accounts log in without their second factor; "
                "it is for development (DEBUG on) only.",
                hint="Remove it from these settings: only cea_portal/settings/development.py sets it.",
                id="accounts.E001",
            )
        ]
    return []
