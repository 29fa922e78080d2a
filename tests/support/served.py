"""The portal as production runs it, in processes of its own on loopback ports: gunicorn app
servers with the production settings, on a database of their own (SQLite, or PostgreSQL when
the test run is on PostgreSQL) filled by the first-run commands, and a Redis server of their
own when a test wants a shared cache. Nothing is mocked: requests go over TCP."""

import atexit
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from . import second_factor, static_once
from .slow import require_slow

START_TIMEOUT = 60  # seconds for a server to answer its first request
COMMAND_TIMEOUT = 300


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url, static_root, **extra) -> dict:
    """The environment of a production app server, as docs/operations/deployment.md gives it, on plain
    HTTP on loopback (the TLS redirect is the reverse proxy's)."""
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL",)}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cea_portal.settings.production",
            "DJANGO_SECRET_KEY": "served-test-secret-key-" + "x" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": database_url,
            "DJANGO_STATIC_ROOT": str(static_root),
            "DOCUMENT_CACHE_DIR": str(Path(static_root).parent / "document-cache"),
            "PAGE_CACHE_DIR": str(Path(static_root).parent / "page-cache"),
            # Evidence files: one folder for every app server, as a shared volume would be.
            "MEDIA_ROOT": str(Path(static_root).parent / "media"),
            **extra,
        }
    )
    return env


# The static files are the same for every first run of a test run: collected (and compressed)
# by the first, or by another run with the same inputs (tests/support/static_once.py), then
# served, read only, by every later one's app servers.
_collected_static = None


# The database the first-run commands fill (migrate, load_programme), filled once per test run
# (some 40 s on PostgreSQL) and copied for each test that wants one (a second or less).
_programme_template = None


def _filled_template() -> dict:
    global _programme_template
    from . import databases

    if _programme_template is None:
        directory = Path(tempfile.mkdtemp(prefix="cea-programme-"))
        made = databases.own_database(directory, "programme-template")
        template = made.__enter__()
        atexit.register(made.__exit__, None, None, None)  # dropped when the test run ends
        env = production_env(template["url"], directory / "static")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_programme")
        _programme_template = template
    return _programme_template


@contextmanager
def programme_database(root, name):
    """A database of its own (of the test run's kind) as the first-run commands leave it: the
    programme loaded, no user, no round."""
    from . import databases

    with databases.own_database(root, name, copy_of=_filled_template()) as database:
        yield database


@contextmanager
def first_run(root, name, *scripts):
    """A database of its own (of the test run's kind), filled by the first-run commands (and
    `scripts`, run by the shell), and the collected static files: the environment of a
    production app server (docs/operations/deployment.md)."""
    global _collected_static

    with programme_database(root, name) as database:
        env = production_env(database["url"], root / "static")
        if _collected_static is None or not Path(_collected_static).is_dir():
            _collected_static = static_once.collected(env, manage)
        env["DJANGO_STATIC_ROOT"] = _collected_static
        for script in scripts:
            manage(env, "shell", "-c", script)
        yield env


def manage(env, *args) -> str:
    require_slow(f"a process of the portal (manage.py {args[0]})")
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
    )
    if result.returncode:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-4000:]}")
    return result.stdout


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes
    cookies: list = field(default_factory=list)

    def json(self):
        return json.loads(self.body)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to look at, not to follow


_opener = urllib.request.build_opener(_NoRedirects)


def multipart(data, files) -> tuple[bytes, str]:
    """A form with files as a browser posts it: the body and its Content-Type."""
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in data.items()
    ]
    parts += [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + b"\r\n"
        for name, (filename, content) in files.items()
    ]
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def get(url, headers=None, data=None, *, method=None, json_body=None, files=None) -> Answer:
    """GET `url` (POST when `data` is given, form-encoded, or multipart with `files`: {name:
    (file name, bytes)}; `method` with `json_body` for the API); redirects are not followed."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    headers = dict(headers or {})
    if files:
        body, headers["Content-Type"] = multipart(data or {}, files)
    if json_body is not None:
        body = json.dumps(json_body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with _opener.open(request, timeout=60) as response:
            return Answer(
                response.status,
                dict(response.headers),
                response.read(),
                response.headers.get_all("Set-Cookie") or [],
            )
    except urllib.error.HTTPError as error:
        return Answer(
            error.code, dict(error.headers), error.read(), error.headers.get_all("Set-Cookie") or []
        )


class Browser:
    """Cookies kept by name across app servers, as a browser keeps them for one site (the
    production cookies are Secure; on loopback HTTP they are sent by hand)."""

    def __init__(self):
        self.cookies = {}

    def request(self, url, data=None, files=None) -> Answer:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        answer = get(url, headers, data, files=files)
        for header in answer.cookies:
            name, _eq, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return answer

    def submit(self, url, fields) -> Answer:
        """Open the form at `url` and post `fields` with its CSRF token, as a browser would."""
        page = self.request(url).body.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request(url, {"csrfmiddlewaretoken": token, **fields})

    def log_in(self, base, username, password, key=None) -> Answer:
        """Log in; an account with a log-in code (staff) passes its authenticator app's `key`
        (hex, tests/support/second_factor.py's enrol_command): its code now is typed next."""
        answer = self.submit(base + "/en/accounts/login/", {"username": username, "password": password})
        if key is None or answer.status != 302:
            return answer
        return self.submit(base + "/en/accounts/code/", {"code": second_factor.code_for(key)})


def _gunicorn_command(port, workers) -> list:
    """gunicorn as docs/operations/deployment.md starts it (its config file), on `port`."""
    return [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "cea_portal.wsgi"] + [
        *("--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "60")
    ]


@contextmanager
def gunicorn(env, workers=2):
    """A gunicorn app server on a free loopback port; yields its base URL."""
    require_slow("a gunicorn app server")
    port = free_port()
    # Its log goes to a file, not a pipe nobody reads, which a long load would fill and block.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            _gunicorn_command(port, workers),
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_for(base, process, log)
            yield base
        finally:
            _stop(process)


def _stop(process, timeout=30):
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()


def _wait_for(base, process, log):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise AssertionError(f"gunicorn exited: {log.read().decode()[-4000:]}")
        try:
            get(base + "/healthz")
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.05)  # refused until it listens: asking costs nothing
    raise AssertionError(f"gunicorn did not answer within {START_TIMEOUT} s")


@contextmanager
def redis_server():
    """A Redis server of its own on a free loopback port, keeping nothing on disk; yields its URL."""
    require_slow("a Redis server")
    binary = shutil.which("redis-server")
    if binary is None:
        raise AssertionError("redis-server is not installed (requirements-system.txt: redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError("redis-server did not start") from None
                time.sleep(0.02)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        _stop(process)


@contextmanager
def celery_worker(env):
    """A Celery worker (one process) on the broker of `env`'s CELERY_BROKER_URL."""
    require_slow("a Celery worker")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cea_portal",
            "worker",
            "--concurrency",
            "1",
            "--loglevel",
            "INFO",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # its own process group, to kill the worker and its children
    try:
        yield process
    finally:
        _stop(process)


def wait_until(condition, timeout=START_TIMEOUT, what="the condition"):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout} s")
        time.sleep(0.2)


def kill_hard(process):
    """Kill a worker and its children at once (SIGKILL), as a machine that dies would."""
    import signal

    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=20)


def redis_keys(redis_url, pattern) -> list:
    import redis

    return redis.Redis.from_url(redis_url).keys(pattern)


@contextmanager
def gunicorn_logged(env, log_path, workers=2):
    """A gunicorn app server as gunicorn() starts it, its log (every worker's lines) written to
    `log_path` for the test to read; yields its base URL."""
    require_slow("a gunicorn app server")
    port = free_port()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            _gunicorn_command(port, workers),
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            with open(log_path, "rb") as reading:
                _wait_for(base, process, reading)
            yield base
        finally:
            _stop(process)


@contextmanager
def redis_server_at(port):
    """A Redis server of its own on `port`, keeping nothing on disk, as redis_server() starts
    one: for a Redis that a test stops (kill it: the process is yielded) and starts again where
    the app servers expect it."""
    require_slow("a Redis server")
    binary = shutil.which("redis-server")
    if binary is None:
        raise AssertionError("redis-server is not installed (requirements-system.txt: redis-server)")
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: process.poll() is not None or _answers(port), what="redis-server answering")
        if process.poll() is not None:
            raise AssertionError(f"redis-server did not start on port {port}")
        yield process
    finally:
        if process.poll() is None:
            _stop(process)


def _answers(port) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


@contextmanager
def celery_worker_with_beat(env, directory):
    """A Celery worker (one process) with Celery beat inside it, as one machine of a deployment
    runs it (`worker --beat`): beat's schedule file and the worker's log in `directory`."""
    require_slow("a Celery worker with beat")
    with open(Path(directory) / "worker.log", "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "cea_portal", "worker", "--concurrency", "1"]
            + ["--loglevel", "INFO", "--without-mingle", "--without-gossip"]
            + ["--beat", "--schedule", str(Path(directory) / "beat-schedule")],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield process
        finally:
            _stop(process)


@contextmanager
def celery_worker_logged(env, log_path):
    """A Celery worker as celery_worker() starts it, its log (the tasks it received, the lines
    the tasks log) written to `log_path` for the test to read; yields the process (for
    kill_hard)."""
    require_slow("a Celery worker")
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "cea_portal", "worker", "--concurrency", "1"]
            + ["--loglevel", "INFO", "--without-mingle", "--without-gossip"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # its own process group, to kill the worker and its children
        try:
            yield process
        finally:
            if process.poll() is None:
                _stop(process)
