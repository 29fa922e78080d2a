"""The portal's URLs and /_floor/, a trivial Django view, for benchmarks/scale.py only (selected by
benchmarks/floor_settings.py, never by the portal's own settings): the floor every page's
requests per second are compared with, served by the same gunicorn, settings and middleware."""

from django.http import HttpResponse
from django.urls import path

from cea_portal import urls as portal_urls


def floor(request):
    """A short answer, computed from nothing: no database, no cache."""
    return HttpResponse("floor", content_type="text/plain")


urlpatterns = [path("_floor/", floor, name="floor"), *portal_urls.urlpatterns]

handler400 = portal_urls.handler400
handler500 = portal_urls.handler500
