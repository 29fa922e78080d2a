"""Rendering reads the project's static files and nothing else: markup typed into the data
stays text, the URL fetcher refuses every other URL, and no file outside the static files is
opened nor any connection attempted (watched with Python's audit hooks while rendering)."""

import contextlib
import logging
import os
import sys
import tempfile

import django
import pytest
import weasyprint
from django.conf import settings

from reports.delivery import document_pdf
from reports.fetcher import STATIC_BASE_URL, StaticFilesFetcher, static_file_for
from reports.rendering import html_to_pdf

from .support import factories
from .support.pdf_reading import pdf_text

pytestmark = pytest.mark.django_db

_watching = []


def _audit(event, args):
    if _watching and event in ("open", "socket.connect", "socket.getaddrinfo", "urllib.Request"):
        _watching[-1].append((event, args))


sys.addaudithook(_audit)  # hooks can't be removed; it records only inside watch()


@contextlib.contextmanager
def watch():
    events = []
    _watching.append(events)
    try:
        yield events
    finally:
        _watching.pop()


# What rendering may legitimately open: the project itself (its code, templates, catalogues
# and static files) and the installed Python packages (Django's and WeasyPrint's own code and
# data, such as the user-agent stylesheet). The secret file and /etc/passwd are outside them.
ALLOWED_ROOTS = [
    str(settings.BASE_DIR),
    sys.prefix,
    sys.base_prefix,
    os.path.dirname(os.path.dirname(django.__file__)),
    os.path.dirname(os.path.dirname(weasyprint.__file__)),
    # WeasyPrint's copies of the fonts it was served, for fontconfig to load.
    os.path.join(tempfile.gettempdir(), "weasyprint-"),
]


def opened_paths(events):
    return [str(args[0]) for event, args in events if event == "open" and isinstance(args[0], (str, bytes))]


def connections(events):
    return [args for event, args in events if event != "open"]


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.png"
    path.write_bytes(b"not for the renderer")
    return path


def test_markup_in_the_data_appears_as_text_and_fetches_nothing(secret_file, caplog):
    image = f'<img src="file://{secret_file}">'
    link = '<a href="http://127.0.0.1:9/">see</a><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
    document, activity = factories.small_report(activity_text_en=image, remarks_en=link)
    caplog.set_level(logging.DEBUG, logger="reports.fetcher")
    with watch() as events:
        pdf = document_pdf(document, "en")
    # Long URLs wrap inside their cell: compare without white space.
    text = pdf_text(pdf.content).replace(" ", "")
    assert image.replace(" ", "") in text
    assert '<ahref="http://127.0.0.1:9/">see</a>' in text
    assert connections(events) == []
    paths = opened_paths(events)
    assert str(secret_file) not in paths
    assert [p for p in paths if not any(p.startswith(root) for root in ALLOWED_ROOTS)] == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and r.name == "reports.fetcher"]
    served = [r.getMessage() for r in caplog.records if r.name == "reports.fetcher"]
    assert served and all(m.startswith("Serving ") for m in served)


def test_the_fetcher_refuses_anything_but_static_files(secret_file, caplog):
    # Markup that did reach WeasyPrint (the templates' own, say) still cannot fetch.
    html = (
        f'<html lang="en"><head><title>t</title>'
        f'<link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head><body>'
        f'<img src="file://{secret_file}"><img src="file:///etc/passwd">'
        f'<img src="https://example.org/x.png"><img src="data:image/png;base64,iVBORw0KGgo=">'
        f'<img src="reports/fonts/../../../etc/passwd"><p>Body</p></body></html>'
    )
    with watch() as events:
        pdf = html_to_pdf(html)
    assert "Body" in pdf_text(pdf)
    assert connections(events) == []
    assert str(secret_file) not in opened_paths(events) and "/etc/passwd" not in opened_paths(events)
    refused = " ".join(r.getMessage() for r in caplog.records if r.name == "reports.fetcher")
    for url in (
        "http://127.0.0.1:9/x.css",
        f"file://{secret_file}",
        "file:///etc/passwd",
        "https://example.org/x.png",
        "data:image/png",
    ):
        assert url in refused, url


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/",
        "https://example.org/reports/pdf.css",
        f"{STATIC_BASE_URL}../etc/passwd",
        f"{STATIC_BASE_URL}reports/%2e%2e/%2e%2e/settings.py",
        f"{STATIC_BASE_URL}reports/missing.css",
        f"{STATIC_BASE_URL}reports/fonts",
    ],
)
def test_urls_outside_the_static_files_name_no_file(url):
    assert static_file_for(url) is None
    with pytest.raises(ValueError):
        StaticFilesFetcher().fetch(url)


def test_the_stylesheet_is_served():
    response = StaticFilesFetcher().fetch(f"{STATIC_BASE_URL}reports/pdf.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"
