"""Every page lives under a language prefix: /en/... and /es/... . A request without one is
redirected by LocaleMiddleware to the visitor's language. The health check, for machines, has
no language."""
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from .health import healthz

urlpatterns = [path("healthz", healthz, name="healthz")] + i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("workspace.urls")),
    path("", include("spreadsheets.urls")),
    path("", include("reports.urls")),
    path("", include("pages.urls")),
    prefix_default_language=True,
)
