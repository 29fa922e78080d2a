"""Users' personal access tokens in the admin: superusers list them (never their secrets) and
revoke a leaked one; nobody makes one there; the secretariat's clerks, who manage users but not
their API tokens, do not see them."""

import pytest
from django.contrib.auth import get_user_model

from accounts.models import AccessToken

from .support.api_clients import ApiClient, token_for
from .support.second_factor import log_in

pytestmark = pytest.mark.django_db
LIST = "/en/admin/accounts/accesstoken/"


@pytest.fixture
def superuser_client(client):
    log_in(client, get_user_model().objects.create_superuser("root", "root@example.org", "pw"))
    return client


def test_superusers_list_tokens_without_their_secrets(superuser_client, coordinator):
    secret = token_for(coordinator, "Monitoring system")
    token = AccessToken.objects.get(user=coordinator)
    page = superuser_client.get(LIST).content.decode()
    assert "Monitoring system" in page and "focal-inegi" in page and token.hint in page
    assert secret not in page and token.digest not in page
    change = superuser_client.get(f"{LIST}{token.pk}/change/").content.decode()
    assert secret not in change and token.digest not in change
    assert superuser_client.get(f"{LIST}add/").status_code == 403


@pytest.mark.parametrize("lang, message", [("en", "1 token was revoked."), ("es", "Se revocó 1 token.")])
def test_a_superuser_revokes_a_leaked_token(superuser_client, coordinator, lang, message):
    secret = token_for(coordinator)
    api = ApiClient(secret)
    assert api.get("/api/v1/group-reports/").status_code == 200
    token = AccessToken.objects.get(user=coordinator)
    response = superuser_client.post(
        f"/{lang}/admin/accounts/accesstoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )
    assert message in response.content.decode()
    assert api.get("/api/v1/group-reports/").status_code == 401


def test_the_secretariats_clerks_do_not_see_users_tokens(secretariat_client, coordinator):
    token_for(coordinator)
    assert secretariat_client.get(LIST).status_code == 403
