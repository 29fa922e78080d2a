"""Anonymous clients are throttled per address; a token's user is not counted with them."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from .support.api_clients import ApiClient, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rate():
    cache.clear()
    with override_settings(API_ANONYMOUS_RATE="3/minute"):
        yield
    cache.clear()


@pytest.mark.parametrize(
    "lang, message",
    [
        ("en", "Request was throttled."),
        ("es", "Se han recibido demasiadas solicitudes. Vuelva a intentarlo dentro de"),
    ],
)
def test_an_anonymous_client_is_throttled_per_address(low_rate, coordinator, lang, message):
    api = ApiClient(lang=lang)
    answers = [api.get("/api/v1/groups/", REMOTE_ADDR="192.0.2.1").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = api.get("/api/v1/groups/", REMOTE_ADDR="192.0.2.1")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused.json()["detail"].startswith(message)
    # Another address, and a token from the same address, are not counted with it.
    assert api.get("/api/v1/groups/", REMOTE_ADDR="192.0.2.2").status_code == 200
    with_token = ApiClient(token_for(coordinator), lang=lang)
    assert with_token.get("/api/v1/groups/", REMOTE_ADDR="192.0.2.1").status_code == 200


def test_a_forwarded_header_does_not_make_a_new_client(low_rate):
    api = ApiClient()
    answers = [
        api.get(
            "/api/v1/rounds/", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        ).status_code
        for n in range(4)
    ]
    assert answers == [200, 200, 200, 429]
