"""The API (api/): Django REST framework and the schema drf-spectacular serves."""

import os

# The API (api/, docs/developer/api.md): JSON only, read by anyone, written with a personal access token
# (or a signed-in session, whose writes need the CSRF token); anonymous clients throttled per
# address in the default cache (Redis in production: every app server counts together).
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.BoundedJSONParser"],  # bounded in size and depth
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousThrottle"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    # The client's address is REMOTE_ADDR, set by core.proxies behind trusted proxies; never a
    # forwarded header a client could write itself.
    "NUM_PROXIES": 0,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",  # one refusal DRF words in English
}
API_ANONYMOUS_RATE = os.environ.get("API_ANONYMOUS_RATE", "120/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "Working groups of the Statistical Conference of the Americas: API",
    "DESCRIPTION": "The programme of the working groups of the Statistical Conference of the "
    "Americas of ECLAC and their published progress; and, with a personal access "
    "token, the group reports, for the groups' focal points and the secretariat. "
    'Texts come in English and Spanish ({"en": ..., "es": ...}); messages in the '
    "language of the request's Accept-Language.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The documentation page's scripts and styles come from the portal (drf-spectacular-sidecar).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "COMPONENT_SPLIT_PATCH": False,  # a PATCH needs its version: no "Patched" copy requiring nothing
    # Several records have a `status`: each choice set gets a name of its own in the schema.
    "ENUM_NAME_OVERRIDES": {
        "ProgrammeStatusEnum": "groups.models.Programme.Status",
        "RoundStatusEnum": "reporting.models.ReportingRound.Status",
        "GroupReportStatusEnum": "reporting.models.GroupReport.Status",
    },
}
