"""Production serving, proven with real processes on loopback ports: gunicorn app servers with
the production settings serve the static files themselves (WhiteNoise: hashed, compressed,
cached for a year), answer /healthz with the state of their services, share sessions and
lock-outs through the database and, given REDIS_URL, rendered PDFs through Redis, so a PDF
rendered by one server is served by another from the cache."""
import re

import pytest
from django.db import connection

from . import databases
from .served import Browser, celery_worker, get, gunicorn, manage, production_env, redis_server, wait_until

SYMBOL_PDF = "/en/documents/LC/CE.20/3/en.pdf"
PASSWORD = "a reader's password"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A database of its own, filled by the first-run commands, and the collected static files:
    the environment of a production app server (README, "Deployment")."""
    root = tmp_path_factory.mktemp("served")
    if connection.vendor == "postgresql":
        database = databases.postgres_database(connection.settings_dict, "served")
    else:
        database = databases.sqlite_database(root / "portal.sqlite3")
    env = production_env(database["url"], root / "static")
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_programme")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "shell", "-c", "from django.contrib.auth import get_user_model; "
               f"get_user_model().objects.create_user('reader', 'reader@example.org', {PASSWORD!r})")
        yield env
    finally:
        if database["vendor"] == "postgresql":
            databases.postgres_drop(database)


def test_static_files_are_served_by_the_app_server_hashed_and_compressed(served):
    with gunicorn(served) as base:
        page = get(base + "/en/")
        assert page.status == 200
        stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', page.body.decode())
        assert stylesheet, "the page does not link the stylesheet by its hashed name"
        css = get(base + stylesheet.group(1), {"Accept-Encoding": "gzip"})
        assert css.status == 200
        assert css.headers.get("Content-Encoding") == "gzip"
        assert "max-age=315360000" in css.headers.get("Cache-Control", "")
        assert get(base + "/static/css/portal.css").status == 200  # the plain name too


def test_healthz_answers_200_when_the_database_and_the_cache_answer(served):
    with gunicorn(served, workers=1) as base:
        health = get(base + "/healthz")
    assert (health.status, health.json()) == (200, {"status": "ok", "database": "ok", "cache": "ok"})


def test_healthz_answers_503_naming_what_does_not_answer(served, tmp_path):
    closed = f"postgres://postgres@127.0.0.1:{_closed_port()}/nothing"
    cases = [({"DATABASE_URL": closed}, "database"),
             ({"REDIS_URL": f"redis://127.0.0.1:{_closed_port()}/0"}, "cache")]
    for extra, broken in cases:
        with gunicorn({**served, **extra}, workers=1) as base:
            health = get(base + "/healthz")
        assert health.status == 503, (broken, health.status)
        assert health.json()[broken] == "unavailable" and health.json()["status"] == "unavailable"


def test_a_pdf_rendered_by_one_app_server_is_served_by_another_from_redis(served):
    with redis_server() as redis_url:
        env = {**served, "REDIS_URL": redis_url}
        with gunicorn(env, workers=1) as a, gunicorn(env, workers=1) as b:
            first = get(a + SYMBOL_PDF)
            second = get(b + SYMBOL_PDF)
    assert first.status == second.status == 200
    assert (first.headers["X-Document-Source"], second.headers["X-Document-Source"]) == ("rendered", "cache")
    assert first.body == second.body and first.body.startswith(b"%PDF")


def test_app_servers_share_sessions_and_lock_outs(served):
    """What a log-in leaves (the session) and what failed log-ins leave (django-axes' count)
    are in the database, so any app server honours them."""
    with gunicorn(served, workers=1) as a, gunicorn(served, workers=1) as b:
        reader = Browser()
        assert reader.log_in(a, "reader", PASSWORD).status == 302
        assert reader.request(b + "/en/my-groups/").status == 200  # not sent to log in
        guesser = Browser()
        for _ in range(5):  # AXES_FAILURE_LIMIT
            assert guesser.log_in(a, "reader", "a wrong guess").status in (200, 429)
        assert guesser.log_in(b, "reader", PASSWORD).status == 429


def test_a_worker_delivers_the_mail_an_app_server_queued(served, tmp_path):
    """A password reset asked of an app server is queued on the broker, not sent in the request;
    it waits there until a worker runs, which then delivers it."""
    outbox = tmp_path / "outbox"
    with redis_server() as redis_url:
        env = {**served, "CELERY_BROKER_URL": redis_url, "REDIS_URL": redis_url, "EMAIL_FILE_PATH": str(outbox),
               "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}
        with gunicorn(env, workers=1) as base:
            asked = Browser().submit(base + "/en/accounts/password_reset/", {"email": "reader@example.org"})
            assert asked.status == 302
        assert not outbox.exists() or not any(outbox.iterdir())  # queued: no worker yet
        with celery_worker(env):
            wait_until(lambda: outbox.exists() and any(outbox.iterdir()), what="the delivery")
    [message] = list(outbox.iterdir())
    text = message.read_text()
    assert "To: reader@example.org" in text and "/en/accounts/reset/" in text


def _closed_port() -> int:
    from .served import free_port

    return free_port()  # nothing listens there once the probing socket is closed
