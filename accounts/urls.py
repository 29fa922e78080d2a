"""Log in and out, change or reset a password: Django's own views with the portal's templates;
the second factor asked after the password (accounts/second_factor_views.py); and the user's
personal access tokens for the API."""

from django.urls import include, path

from . import second_factor_views, views

urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/code/", second_factor_views.code, name="second_factor_code"),
    path("accounts/code/enrol/", second_factor_views.enrol, name="second_factor_enrol"),
    path("accounts/two-step/", second_factor_views.account, name="second_factor"),
    path("accounts/tokens/", views.tokens, name="tokens"),
]
