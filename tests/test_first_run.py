"""What a first run shows besides the pages: e-mails that link to the server `make run` started
(cea_portal/settings/development.py), and an icon (static/favicon.*, /favicon.ico).
tests/test_makefile.py runs the Makefile; tests/test_first_run_served.py all of it for real."""

import importlib
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from cea_portal.settings.development import served_at


def development(monkeypatch, **env):
    """The development settings as a process with `env` reads them."""
    for name in ("PORTAL_HOST", "PORTAL_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return importlib.reload(importlib.import_module("cea_portal.settings.development"))


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("8123", "http://127.0.0.1:8123"),
        ("0.0.0.0:9000", "http://0.0.0.0:9000"),
        ("[::1]:8000", "http://[::1]:8000"),
    ],
)
def test_the_address_served_for_runservers_argument(host, url):
    assert served_at(host) == url


def test_development_emails_link_to_the_host_make_run_serves(monkeypatch):
    assert development(monkeypatch).PORTAL_URL == "http://127.0.0.1:8000"
    served = development(monkeypatch, PORTAL_HOST="192.0.2.7:8100")
    assert served.PORTAL_URL == "http://192.0.2.7:8100"
    assert "192.0.2.7" in served.ALLOWED_HOSTS  # the page the banner names answers
    chosen = development(monkeypatch, PORTAL_HOST="127.0.0.1:8100", PORTAL_URL="https://portal.example.org")
    assert chosen.PORTAL_URL == "https://portal.example.org"


@pytest.mark.django_db
def test_every_page_names_its_icon(client):
    page = client.get("/en/").content.decode()
    assert '<link rel="icon" href="/static/favicon.ico" sizes="32x32">' in page
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page


def test_favicon_ico_redirects_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (302, "/static/favicon.ico")


def test_the_icons_are_images():
    with Image.open(Path(finders.find("favicon.ico"))) as icon:
        assert icon.format == "ICO" and {(16, 16), (32, 32), (48, 48)} <= icon.info["sizes"]
    svg = Path(finders.find("favicon.svg")).read_text(encoding="utf-8")
    assert svg.startswith("<svg") and 'viewBox="0 0 32 32"' in svg
