"""Log in and out, change or reset a password: Django's own views with the portal's templates;
and the user's personal access tokens for the API."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/tokens/", views.tokens, name="tokens"),
]
