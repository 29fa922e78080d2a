"""Browser tests: the portal runs as a real, separate process (`manage.py runserver`), set up
exactly as a new user's first run (`make run`), and Playwright drives Debian's Chromium
(/usr/bin/chromium, from requirements-system.txt; no browser is ever downloaded).

The server has a database of its own, of the same engine as the suite's, and never touches
pytest's test database. The Playwright sync API runs an asyncio loop in this thread, so these
tests must not use the Django ORM: they observe the portal only over HTTP and the browser.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..support.second_factor import DEMO_KEYS, enrol_command
from ..support.slow import require_slow

ROOT = Path(__file__).resolve().parents[2]
MANAGE = ROOT / "manage.py"
# TEST_ARTIFACTS_DIR gives a run a folder of its own (.ci/run runs two suites side by side).
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS_DIR", ROOT / "test-artifacts")) / "browser"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root in a container: Chromium's sandbox refuses root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",  # no network but the loopback here
    "--no-first-run",
]
SERVER_START_TIMEOUT = 60  # seconds
BROWSER_DIR = Path(__file__).resolve().parent


# --- marking -------------------------------------------------------------------------------


def pytest_collection_modifyitems(config, items):
    """Every test under tests/browser is marked `browser` and `slow` (`-m "not browser"` or
    `-m "not slow"` leaves them out), and `engine_independent` (pytest.ini): what they prove is
    what the browser does with the pages (scripts, layout, the CSP, accessibility, the forms as
    typed in); the views and services behind those pages are the test client's tests' subject,
    on both engines. CI runs them in one of its two suites."""
    for item in items:
        if BROWSER_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.engine_independent)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item (rep_setup, rep_call, rep_teardown), so the `page`
    fixture can tell at teardown whether its test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# --- the portal as a separate process ------------------------------------------------------


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path, lines=60):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError as error:
        return f"(no log: {error})"


class _PostgresDatabase:
    """A database of its own on the suite's PostgreSQL server, dropped and created afresh."""

    def __init__(self, settings_db):
        self.params = {
            "host": settings_db.get("HOST") or None,
            "port": settings_db.get("PORT") or None,
            "user": settings_db.get("USER") or None,
            "password": settings_db.get("PASSWORD") or None,
        }
        # Once pytest-django has created its test database, NAME already is its name.
        name = settings_db["NAME"]
        test_name = (settings_db.get("TEST") or {}).get("NAME") or (
            name if name.startswith("test_") else f"test_{name}"
        )
        self.name = f"{test_name}_browser"

    def _admin(self, sql):
        import psycopg2
        from psycopg2 import sql as pgsql

        conn = psycopg2.connect(dbname="postgres", **{k: v for k, v in self.params.items() if v})
        try:
            conn.autocommit = True
            with conn.cursor() as cursor:
                cursor.execute(pgsql.SQL(sql).format(pgsql.Identifier(self.name)))
        finally:
            conn.close()

    def create(self):
        self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        self._admin("CREATE DATABASE {}")

    def drop(self):
        self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")

    @property
    def url(self):
        from urllib.parse import quote

        user = quote(self.params["user"] or "", safe="")
        password = f":{quote(self.params['password'], safe='')}" if self.params["password"] else ""
        auth = f"{user}{password}@" if user else ""
        host = self.params["host"] or ""
        port = f":{self.params['port']}" if self.params["port"] else ""
        return f"postgres://{auth}{host}{port}/{self.name}"


@dataclass
class PortalServer:
    url: str
    env: dict
    log_path: Path

    def manage(self, *args):
        """Run another manage.py command against the server's database."""
        return _manage(self.env, *args)


def _manage(env, *args):
    return subprocess.run(
        [sys.executable, str(MANAGE), *map(str, args)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def _wait_until_up(url, process, log_path):
    # The loopback only: no proxy from the environment.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    last_error = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"runserver exited with {process.returncode} before answering; "
                f"its log ({log_path}) ends:\n{_tail(log_path)}"
            )
        try:
            with opener.open(url, timeout=5) as response:
                if response.status == 200:
                    return
                last_error = f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            last_error = f"HTTP {error.code}"
        except (TimeoutError, urllib.error.URLError, ConnectionError) as error:
            last_error = repr(error)
        time.sleep(0.25)
    pytest.fail(
        f"The portal did not answer 200 at {url} within {SERVER_START_TIMEOUT} s "
        f"(last: {last_error}); its log ({log_path}) ends:\n{_tail(log_path)}"
    )


@pytest.fixture(scope="session")
def portal_server(tmp_path_factory):
    """The portal as a new user first runs it (`make run`): migrate, load_programme,
    create_demo_users, then runserver on a free port, with development settings, on a database
    of its own (same engine as the suite's), empty caches and a folder of its own for files."""
    from django.conf import settings

    require_slow("a runserver")
    workdir = tmp_path_factory.mktemp("portal_server")
    default_db = settings.DATABASES["default"]
    postgres = None
    if "postgresql" in default_db["ENGINE"]:
        postgres = _PostgresDatabase(default_db)
        postgres.create()
        database_url = postgres.url
    elif "sqlite" in default_db["ENGINE"]:
        database_url = f"sqlite:///{workdir / 'portal.sqlite3'}"
    else:
        pytest.fail(f"The browser tests know no database engine {default_db['ENGINE']!r}")

    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cea_portal.settings.development",
            "DATABASE_URL": database_url,
            # Caches and files of its own: a developer's `make run` in the same checkout shares
            # var/ otherwise, and would serve this server's pages (and it theirs).
            "DOCUMENT_CACHE_DIR": str(workdir / "document-cache"),
            "PAGE_CACHE_DIR": str(workdir / "page-cache"),
            "MEDIA_ROOT": str(workdir / "media"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = workdir / "runserver.log"
    process = None
    try:
        # The demo secretariat sets up its log-in code, as staff do, and gives it at each log-in
        # (tests/browser/test_progress_flow.py's log_in): the browser tests type real codes.
        enrolments = [["shell", "-c", enrol_command(name, key)] for name, key in DEMO_KEYS.items()]
        for command in (["migrate", "--noinput"], ["load_programme"], ["create_demo_users"], *enrolments):
            try:
                _manage(env, *command)
            except subprocess.CalledProcessError as error:
                pytest.fail(
                    f"manage.py {' '.join(command)} failed ({error.returncode}):\n"
                    f"{error.stdout}\n{error.stderr}"
                )
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                [sys.executable, str(MANAGE), "runserver", f"127.0.0.1:{port}", "--noreload"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        _wait_until_up(f"{url}/en/", process, log_path)
        yield PortalServer(url=url, env=env, log_path=log_path)
    finally:
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if postgres is not None:
            postgres.drop()


# --- the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="package")
def browser():
    """Debian's Chromium, headless, started once for the tests of this folder. Missing Chromium
    is a failure, never a skip: `make system` installs it (requirements-system.txt).

    Package scope, not session: while Playwright's sync API is started, its asyncio loop makes
    Django refuse the ORM in this thread (SynchronousOnlyOperation), so it must be stopped as
    soon as the last browser test is done, before any other folder's tests run."""
    require_slow("Chromium")
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium. Install "
            "it with `make system` (or `apt-get install chromium`); never run "
            "`playwright install`."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
        )
        try:
            yield chromium
        finally:
            chromium.close()


def _safe_name(name):
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "screenshot"


def save_screenshot(page, name):
    """Save a full-page screenshot as test-artifacts/browser/<name>.png and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{_safe_name(name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def screenshot():
    """`screenshot(page, name)`: keep a full-page screenshot as test-artifacts/browser/<name>.png."""
    return save_screenshot


@pytest.fixture
def page(browser, request):
    """A fresh context (en-US, 1280x900) and page per test; a failed test leaves a full-page
    screenshot at test-artifacts/browser/<test name>.png."""
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        yield page
    finally:
        failed = any(
            getattr(getattr(request.node, f"rep_{when}", None), "failed", False) for when in ("setup", "call")
        )
        if failed:
            try:
                path = save_screenshot(page, request.node.name)
                sys.stderr.write(f"\nscreenshot of the failure: {path}\n")
            except Exception as error:  # the screenshot must not hide the test's own failure
                sys.stderr.write(f"\nno screenshot of the failure: {error!r}\n")
        context.close()
