"""What operations need (issue 18): every request has an id, in its response's X-Request-ID and
in every log line written for it, on stderr; a server error is logged there with its traceback
and mailed to ADMINS; readers get error pages in both languages naming the request (500, 400,
and a form sent without its CSRF token); every page says what it may do (Content-Security-
Policy, Permissions-Policy)."""

import re

import pytest
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db

BOTH_500 = ("Something went wrong on our side", "Algo falló de nuestro lado")


@pytest.mark.urls("tests.support.failing_urls")
def test_a_server_error_is_logged_with_its_request_id_mailed_and_shown_in_both_languages(capfd, settings):
    settings.ADMINS = [("Operations", "ops@example.org")]
    response = Client(raise_request_exception=False).get("/fails/")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    page = response.content.decode()
    assert all(text in page for text in BOTH_500) and request_id in page
    logged = capfd.readouterr().err
    line = next(line for line in logged.splitlines() if f"[{request_id}]" in line)
    assert "ERROR" in line and "django.request" in line and "RuntimeError: a failure for the test" in logged
    assert [m.to for m in mail.outbox] == [["ops@example.org"]] and "RuntimeError" in mail.outbox[0].body


def test_a_bad_request_gets_a_page_in_both_languages(client):
    response = client.get("/es/", HTTP_HOST="not-our-host.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Solicitud incorrecta" in page and "Bad request" in page and response["X-Request-ID"] in page
    assert page.index("Solicitud incorrecta") < page.index("Bad request")  # the reader's language first


def test_a_form_sent_without_its_csrf_token_gets_a_page_in_both_languages():
    response = Client(enforce_csrf_checks=True).post(
        "/es/accounts/login/", {"username": "a", "password": "b"}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Este formulario caducó" in page and "This form has expired" in page


def test_a_request_id_comes_from_a_trusted_proxy_only(client, settings):
    assert (
        client.get("/en/", HTTP_X_REQUEST_ID="from-the-client-1234")["X-Request-ID"] != "from-the-client-1234"
    )
    settings.PORTAL_TRUSTED_PROXIES = 1
    assert (
        client.get("/en/", HTTP_X_REQUEST_ID="from-the-proxy-1234")["X-Request-ID"] == "from-the-proxy-1234"
    )
    assert client.get("/en/", HTTP_X_REQUEST_ID="bad id\n")["X-Request-ID"] != "bad id\n"


@pytest.mark.parametrize(
    "address", ["/en/", "/es/groups/2020-2021/IV/", "/en/admin/login/", "/api/docs/", "/api/v1/"]
)
def test_every_page_says_what_it_may_do(client, address):
    response = client.get(address)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-eval" not in policy
    )
    assert "script-src 'self' 'unsafe-inline'" not in policy
    assert (
        "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    )


def test_a_pdf_is_left_to_the_browsers_viewer(client):
    response = client.get("/en/documents/LC/CE.20/3/en.pdf")
    assert response.status_code == 200 and "Content-Security-Policy" not in response
    assert "Permissions-Policy" in response
