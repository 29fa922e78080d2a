"""Every page lives under a language prefix: /en/... and /es/... . A request without one is
redirected by LocaleMiddleware to the visitor's language. What is for machines has no
language prefix: the health check, the API (texts in both languages, messages in the request's)
and the open-data files."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from api import urls as api_urls

from .favicon import favicon
from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("api/v1/", include((api_urls.v1, "api"))),
    path("api/", include(api_urls.schema)),
    path("open-data/", include((api_urls.opendata_patterns, "opendata"))),
] + i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("workspace.urls")),
    path("", include("spreadsheets.urls")),
    path("", include("reports.urls")),
    path("", include("pages.urls")),
    prefix_default_language=True,
)

# Error pages in both languages, with the request's id (cea_portal/errors.py).
handler400 = "cea_portal.errors.bad_request"
handler500 = "cea_portal.errors.server_error"
