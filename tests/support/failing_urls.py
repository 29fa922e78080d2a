"""The portal's addresses and one that fails, to see what a reader and the operator get from a
server error (tests/test_operations.py): the portal's own error handlers, its logging."""

from django.urls import path

from cea_portal.urls import handler400, handler500  # noqa: F401
from cea_portal.urls import urlpatterns as portal


def fails(request):
    raise RuntimeError("a failure for the test")


urlpatterns = [path("fails/", fails), *portal]
