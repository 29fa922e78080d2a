"""Production serving, proven with real processes on loopback ports (tests/support/served.py): gunicorn
app servers with the production settings serve the static files themselves (WhiteNoise:
hashed, compressed, cached for a year), answer /healthz with the state of their services,
share sessions and lock-outs through the database and, given REDIS_URL, rendered PDFs through
Redis; Celery workers deliver the e-mail the servers queue and render in the background what a
change made out of date, a render killed with its worker being done by the next one."""

import os
import re
import socket
import uuid

import pytest

from .support.served import (
    Browser,
    celery_worker,
    first_run,
    get,
    gunicorn,
    kill_hard,
    manage,
    redis_keys,
    redis_server,
    wait_until,
)

pytestmark = pytest.mark.slow  # gunicorn app servers, Redis servers and Celery workers

SYMBOL_PDF = "/en/documents/LC/CE.20/3/en.pdf"
PROGRAMME_PDF = "/en/documents/LC/CEA.10/5/en.pdf"
# A change to a remark LC/CE.20/3 prints, as the secretariat makes it in the admin.
CHANGE_A_REMARK = """
from django.contrib.auth import get_user_model
from reporting.models import ProgressEntry
from reporting.services import progress_admin_save
User = get_user_model()
clerk = User.objects.filter(username="clerk").first()
clerk = clerk or User.objects.create_superuser("clerk", "c@example.org", "pw")
entry = ProgressEntry.objects.filter(round__meeting__code="CE.20").order_by("pk").first()
entry.remarks_en = {remark!r}
progress_admin_save(entry=entry, user=clerk, seen_version=None, reason="A correction")
"""


def change_a_remark(env, remark):
    """In a process of its own, through the services, as an app server's admin page would."""
    manage(env, "shell", "-c", CHANGE_A_REMARK.format(remark=remark))


def rendered_before(env, symbol):
    """The copy readers get before a change, rendered by the command line (with a broker, a
    reader's first request leaves it to the worker, which these tests start later)."""
    manage(env, "render_document", symbol, "--lang", "en", "--output", os.devnull)


PASSWORD = "a reader's password"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with first_run(
        tmp_path_factory.mktemp("served"),
        "served",
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_user('reader', 'reader@example.org', {PASSWORD!r})",
    ) as env:
        yield env


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


def test_no_answer_names_the_server_software(served):
    """gunicorn writes `Server: gunicorn` on every answer unless its gunicorn.conf.py (read as
    the deployment guide starts it) leaves it out; its own 400 to a malformed request included."""
    with gunicorn(served, workers=1) as base:
        answers = [
            get(base + path)
            for path in ("/en/", "/healthz", "/api/v1/", "/en/nothing/", "/static/css/portal.css")
        ]
        with socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1])), timeout=10) as raw:
            raw.sendall(b"NOT HTTP\r\n\r\n")
            malformed = raw.recv(4096)
    assert [answer.status for answer in answers] == [200, 200, 200, 404, 200]
    assert all("server" not in {name.lower() for name in answer.headers} for answer in answers)
    assert malformed.startswith(b"HTTP/1.1 400") and b"\r\nserver:" not in malformed.lower()


def test_healthz_answers_200_when_the_database_and_the_cache_answer(served):
    with gunicorn(served, workers=1) as base:
        health = get(base + "/healthz")
    assert (health.status, health.json()) == (200, {"status": "ok", "database": "ok", "cache": "ok"})


def test_healthz_answers_503_naming_what_does_not_answer(served, tmp_path):
    closed = f"postgres://postgres@127.0.0.1:{_closed_port()}/nothing"
    cases = [
        ({"DATABASE_URL": closed}, "database"),
        ({"REDIS_URL": f"redis://127.0.0.1:{_closed_port()}/0"}, "cache"),
        ({"CELERY_BROKER_URL": f"redis://127.0.0.1:{_closed_port()}/0"}, "broker"),
    ]
    for extra, broken in cases:
        with gunicorn({**served, **extra}, workers=1) as base:
            health = get(base + "/healthz")
        assert health.status == 503, (broken, health.status)
        assert health.json()[broken] == "unavailable" and health.json()["status"] == "unavailable"


def test_healthz_names_the_broker_when_one_is_configured(served):
    with redis_server() as redis_url, gunicorn({**served, "CELERY_BROKER_URL": redis_url}, workers=1) as base:
        health = get(base + "/healthz")
    assert (health.status, health.json()["broker"]) == (200, "ok")


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


# The machine's RabbitMQ (a service of this kind of machine, as PostgreSQL is), on its own
# virtual host's default queue; Redis of the test's own.
RABBITMQ = "amqp://guest:guest@127.0.0.1:5672//"


@pytest.mark.parametrize("broker", ["redis", "rabbitmq"])
def test_a_worker_delivers_the_mail_an_app_server_queued(served, tmp_path, broker):
    """A password reset asked of an app server is queued on the broker (Redis, or RabbitMQ), not
    sent in the request; it waits there until a worker runs, which then delivers it."""
    outbox = tmp_path / "outbox"
    if broker == "rabbitmq":
        _rabbitmq_listens()
    with redis_server() as redis_url:
        env = {
            **served,
            "CELERY_BROKER_URL": redis_url if broker == "redis" else RABBITMQ,
            "CELERY_QUEUE": f"cea-test-{uuid.uuid4().hex}",  # nothing left by another run
            "REDIS_URL": redis_url,
            "EMAIL_FILE_PATH": str(outbox),
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        }
        with gunicorn(env, workers=1) as base:
            asked = Browser().submit(base + "/en/accounts/password_reset/", {"email": "reader@example.org"})
            assert asked.status == 302
        assert not outbox.exists() or not any(outbox.iterdir())  # queued: no worker yet
        with celery_worker(env):
            wait_until(lambda: outbox.exists() and any(outbox.iterdir()), what="the delivery")
    [message] = list(outbox.iterdir())
    text = message.read_text()
    assert "To: reader@example.org" in text and "/en/accounts/reset/" in text


def test_concurrent_first_requests_for_a_document_render_it_once(served):
    """Six readers at once, on two app servers, ask for a document never rendered: one renders
    it (holding a lock in Redis); the others are told at once that it is being prepared (503,
    Retry-After), or get that copy if it was done, instead of waiting for it or rendering it too.
    (16 readers and a worker: tests/test_render_once_served.py.)"""
    from concurrent.futures import ThreadPoolExecutor

    with redis_server() as redis_url:
        env = {**served, "REDIS_URL": redis_url}
        with gunicorn(env, workers=3) as a, gunicorn(env, workers=3) as b, ThreadPoolExecutor(6) as pool:
            answers = list(pool.map(get, [base + PROGRAMME_PDF for base in (a, b) * 3]))
            later = [get(a + PROGRAMME_PDF), get(b + PROGRAMME_PDF)]
    served_copies = [answer for answer in answers if answer.status == 200]
    sources = sorted(answer.headers["X-Document-Source"] for answer in served_copies)
    assert sources == ["cache"] * (len(sources) - 1) + ["rendered"]
    assert all(a.status == 503 and a.headers["Retry-After"] for a in answers if a.status != 200)
    assert [answer.headers["X-Document-Source"] for answer in later] == ["cache", "cache"]
    assert len({answer.body for answer in served_copies + later}) == 1


def test_a_change_is_rendered_by_the_worker_and_served_by_every_app_server(served):
    """A change to a value LC/CE.20/3 shows, committed by another process through the services,
    queues the refresh on the broker; the worker renders the new copy, which app server B then
    serves from Redis, while in the meantime readers got the previous copy at once."""
    with redis_server() as redis_url:
        env = {**served, "REDIS_URL": redis_url, "CELERY_BROKER_URL": redis_url}
        with gunicorn(env, workers=1) as a, gunicorn(env, workers=1) as b:
            rendered_before(env, "LC/CE.20/3")
            assert get(a + SYMBOL_PDF).headers["X-Document-Source"] == "cache"
            change_a_remark(env, "Changed while server B waited")
            with celery_worker(env):
                wait_until(
                    lambda: _current_shows(b, "Changed while server B waited"),
                    what="the new copy on server B",
                )


# An open round of the 2020-2021 programme, its report on the implementation in the register,
# and INEGI's focal point (INEGI coordinates group IV).
OPEN_A_ROUND = """
import datetime
from django.contrib.auth import get_user_model
from accounts.models import Affiliation
from groups.models import Institution, Meeting, Programme
from reporting.models import ReportingRound
from reports.models import Document

programme = Programme.objects.get(start_year=2020)
meeting = Meeting.objects.create(body="committee", number=41, is_virtual=True,
                                 start_date=datetime.date(2031, 4, 1), end_date=datetime.date(2031, 4, 2))
# Published on submission (new rounds wait for acceptance): what is tested here is the render.
round_ = ReportingRound.objects.create(programme=programme, meeting=meeting, number=3, status="open",
                                       opens_on=datetime.date(2031, 2, 1), deadline=datetime.date(2031, 3, 1),
                                       publish_on="submission")
Document.objects.create(symbol="LC/CE.41/3", kind="progress_report", meeting=meeting, round=round_,
                        title_en="Third report", title_es="Tercer informe",
                        date_en=datetime.date(2031, 3, 20), date_es=datetime.date(2031, 3, 20))
focal = get_user_model().objects.create_user("focal", "focal@example.org", "a focal point's password")
Affiliation.objects.create(user=focal, institution=Institution.objects.get(code="INEGI@MEX"))
"""
SUBMITTED = "Submitted on server A"


def _submitted_form(page: str) -> dict:
    """The progress form's fields as the page has them, every percentage 60 and one remark."""
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page))
    fields.update(dict.fromkeys(re.findall(r'<textarea[^>]*name="([^"]+)"', page), ""))
    for name in re.findall(r'<input[^>]*name="(a\d+-percent)"', page):
        fields[name] = "60"
    first_remark = re.search(r'<textarea[^>]*name="(a\d+-remarks_en)"', page).group(1)
    return {**fields, first_remark: SUBMITTED, "action": "submit"}


@pytest.fixture(scope="module")
def round_41(served):
    """Round CE.41, open, and a focal point of INEGI (which coordinates groups IV and VII)."""
    manage(served, "shell", "-c", OPEN_A_ROUND)


def test_progress_submitted_on_one_server_is_rendered_by_the_worker_and_served_by_another(served, round_41):
    manage(served, "axes_reset")  # the lock-out test above locked this address out
    pdf = "/en/documents/LC/CE.41/3/en.pdf"
    form = "/en/rounds/CE.41/2020-2021/IV/"
    with redis_server() as redis_url:
        env = {**served, "REDIS_URL": redis_url, "CELERY_BROKER_URL": redis_url}
        with gunicorn(env, workers=1) as a, gunicorn(env, workers=1) as b, celery_worker(env):
            wait_until(lambda: get(b + pdf).status == 200, what="the first copy, by the worker")
            focal = Browser()
            assert focal.log_in(a, "focal", "a focal point's password").status == 302
            page = focal.request(a + form).body.decode()
            assert focal.request(a + form, _submitted_form(page)).status == 302
            wait_until(lambda: _current_shows(b, SUBMITTED, pdf), what="the new copy on server B")


def test_a_render_killed_with_its_worker_is_done_by_the_next_worker(served):
    """The worker dies in the middle of the refresh: readers keep getting the previous copy,
    and the task, never acknowledged, is run again by the worker started after it."""
    with redis_server() as redis_url:
        env = {
            **served,
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            "CELERY_VISIBILITY_TIMEOUT": "5",
            "PDF_RENDER_LOCK_SECONDS": "10",
        }
        with gunicorn(env, workers=1) as a:
            rendered_before(env, "LC/CE.20/3")
            first = get(a + SYMBOL_PDF)
            change_a_remark(env, "Changed while the worker died")
            with celery_worker(env) as worker:
                wait_until(lambda: redis_keys(redis_url, "*pdf-rendering*"), what="the worker's render")
                kill_hard(worker)
            meanwhile = get(a + SYMBOL_PDF)
            assert meanwhile.headers["X-Document-Source"] == "previous"
            assert meanwhile.headers["X-Document-Refreshing"] == "yes" and meanwhile.body == first.body
            with celery_worker(env):
                wait_until(
                    lambda: _current_shows(a, "Changed while the worker died"),
                    timeout=90,
                    what="the render by the next worker",
                )


def _current_shows(base, text, path=SYMBOL_PDF) -> bool:
    """Whether the server hands out the current copy (not the previous one), showing `text`."""
    from .support.pdf_reading import pdf_text

    answer = get(base + path)
    return answer.headers["X-Document-Source"] == "cache" and text in pdf_text(answer.body)


def _rabbitmq_listens():
    import socket

    try:
        socket.create_connection(("127.0.0.1", 5672), timeout=3).close()
    except OSError:
        pytest.fail(
            "RabbitMQ does not listen on 127.0.0.1:5672: start it (rabbitmq-server "
            "-detached; .ci/run does) for the test of e-mail through RabbitMQ.",
            pytrace=False,
        )


def _closed_port() -> int:
    from .support.served import free_port

    return free_port()  # nothing listens there once the probing socket is closed


def test_evidence_attached_on_one_server_is_downloaded_from_another(served, round_41):
    """The file goes through the storage (MEDIA_ROOT, one folder for every app server, as a
    shared volume would be); readers who may not see it yet get 404 from either server."""
    manage(served, "axes_reset")
    form = "/en/rounds/CE.41/2020-2021/VII/"
    with gunicorn(served, workers=1) as a, gunicorn(served, workers=1) as b:
        focal = Browser()
        assert focal.log_in(a, "focal", "a focal point's password").status == 302
        page = focal.request(a + form).body.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        about = re.search(r'<option value="(activity-\d+)"', page).group(1)
        content = b"%PDF-1.4\n% evidence served " + uuid.uuid4().hex.encode() + b"\n%%EOF\n"
        answer = focal.request(
            a + form + "evidence/",
            {
                "csrfmiddlewaretoken": token,
                "about": about,
                "title_en": "Minutes",
                "title_es": "Acta",
                "url": "",
            },
            files={"file": ("minutes.pdf", content)},
        )
        assert answer.status == 302, answer.body[:500]
        link = re.search(r'href="(/en/evidence/\d+/)"', focal.request(b + form).body.decode()).group(1)
        download = focal.request(b + link)
        assert download.status == 200 and download.body == content
        assert download.headers["Content-Type"] == "application/pdf"
        assert get(b + link).status == 404 and get(a + link).status == 404  # a draft's, not the public's
