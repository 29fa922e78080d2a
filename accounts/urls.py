"""Log in and out, change or reset a password: Django's own views with the portal's templates."""
from django.urls import include, path

urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
]
