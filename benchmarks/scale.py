"""Scale and floors: every reading page at one, ten and a hundred times the data, against a
trivial Django view served by the same app server (issue 28). Part of `make bench`; alone:
`python -m benchmarks.scale`.

Production as docs/operations/deployment.md runs it: gunicorn (two workers) with the production
settings, Redis for the caches and as the broker, PostgreSQL (the test run's server when the
benchmark runs on PostgreSQL, else SCALE_DATABASE_URL's, by default postgres@127.0.0.1:5432). The
settings are benchmarks/floor_settings.py, the production ones with /_floor/ added to the URLs
(benchmarks/floor_urls.py): the floor, a short answer from no database and no cache, through the
same middleware.

The data: the fixtures with a closed round before CE.20 (1x), and copies of that database
(PostgreSQL's CREATE DATABASE ... TEMPLATE) multiplied ten and a hundred times
(tests/support/scaling.multiply). For each size, each page of benchmarks/scale_probe.PAGES,
anonymous and signed in as a focal point of group I: requests per second with wrk (SECONDS at
CONNECTIONS), their ratio to the floor's, p50 and p99; the time of the page computed from empty
caches and its SQL queries (the test client in `manage.py shell`, on the same database; one
process per size, the sizes taking turns page by page, so that a busy spell of the machine weighs
on every size alike). Then the 100x/1x ratios and a verdict per goal of the issue
(benchmarks/scale_report.py)."""

import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from benchmarks import scale_probe, scale_report, wrk
from benchmarks.scale_probe import ANONYMOUS, FLOOR, PAGES, SIGNED_IN

# SCALE_SIZES=1,10 and SCALE_SECONDS=1 make a quicker trial run (the verdicts want 10x).
SIZES = tuple(int(size) for size in os.environ.get("SCALE_SIZES", "1,10,100").split(","))
SECONDS = int(os.environ.get("SCALE_SECONDS", "3"))
# Two requests per worker: each always has the next one waiting, and a slow page leaves no more
# than that queued when wrk stops.
CONNECTIONS = 4
WORKERS = 2
TIMEOUT = "30s"  # wrk's default, 2 s, would count a signed-in page at 100x as an error
COMMAND_TIMEOUT = 30 * 60
# Commands that rebuild what the services keep up to date, after the bulk writes of
# tests/support/scaling.py; each runs when the portal has it (`manage.py help --commands`).
REBUILDS = ("rebuild_search_index",)
ROOT = Path(__file__).resolve().parent.parent


def main():
    if not wrk.available():
        print("scale: wrk is not installed (requirements-system-test.txt); skipped")
        return
    server = _postgres_server()
    if not _answers(server):
        print(f"scale: no PostgreSQL at {server['HOST']}:{server['PORT']} (SCALE_DATABASE_URL); skipped")
        return
    started, load = time.monotonic(), os.getloadavg()[0]
    root = Path(tempfile.mkdtemp(prefix="cea-scale-"))
    with ExitStack() as stack:
        envs = _databases(stack, server, root)
        envs = {factor: _with_redis(stack, env) for factor, env in envs.items()}
        probes = _probes(envs)
        results = {
            factor: {"probe": probes[factor], "runs": _load(env, probes[factor])}
            for factor, env in envs.items()
        }
    scale_report.report(
        results,
        header=(
            f"Scale and floors (PostgreSQL, gunicorn {WORKERS} workers with the production settings, "
            f"Redis; wrk {SECONDS} s at {CONNECTIONS} connections per page; load average "
            f"{load:.1f} before, {os.getloadavg()[0]:.1f} after; {time.monotonic() - started:.0f} s in all):"
        ),
    )


def _postgres_server() -> dict:
    """The PostgreSQL server's settings: the benchmark's own when it runs on PostgreSQL."""
    import dj_database_url
    from django.db import connection

    if connection.vendor == "postgresql":
        return connection.settings_dict
    url = os.environ.get("SCALE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cea_bench")
    return dj_database_url.parse(url)


def _answers(server) -> bool:
    import psycopg2

    try:
        params = {key.lower(): server[key] for key in ("HOST", "PORT", "USER", "PASSWORD") if server.get(key)}
        psycopg2.connect(dbname="postgres", connect_timeout=5, **params).close()
        return True
    except psycopg2.OperationalError:
        return False


def manage(env, *args) -> str:
    """A manage.py command in the app servers' environment (time enough for 100x)."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-4000:]}")
    return done.stdout


def _probe(env, call) -> str:
    return manage(env, "shell", "-c", f"from benchmarks import scale_probe; scale_probe.{call}")


def _databases(stack, server, root) -> dict:
    """A database per size, each dropped when `stack` closes; the app servers' environment of each."""
    from tests.support import databases
    from tests.support.served import production_env

    def made(purpose, template=None):
        database = databases.postgres_database(server, purpose, template=template)
        stack.callback(databases.postgres_drop, database)
        # The anonymous API's throttle (120 a minute and address by default) would answer wrk's
        # requests 429: a deployment sets its rate (API_ANONYMOUS_RATE), and so does the benchmark.
        env = production_env(database["url"], root / "static", API_ANONYMOUS_RATE="1000000/minute")
        return database, {**env, "DJANGO_SETTINGS_MODULE": "benchmarks.floor_settings"}

    first, env = made("scale1x")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_programme")
    manage(env, "collectstatic", "--noinput", "-v0")
    _probe(env, "previous_round()")
    envs = {1: env}
    for factor in SIZES[1:]:
        # A copy of the 1x database, then multiplied: 100x is multiply(programme, 100) on the 1x data.
        _database, envs[factor] = made(f"scale{factor}x", template=first["name"])
        _probe(envs[factor], f"multiply({factor})")
    present = manage(env, "help", "--commands").split()
    for each in envs.values():
        for command in REBUILDS:
            if command in present:
                manage(each, command)
    return envs


def _with_redis(stack, env) -> dict:
    """The size's environment with a Redis of its own (caches, sessions, broker): the generation
    tokens of one database's pages would serve another's."""
    from tests.support.served import redis_server

    redis_url = stack.enter_context(redis_server())
    return {**env, "REDIS_URL": redis_url, "CELERY_BROKER_URL": redis_url}


class _Shell:
    """A probe of one size (benchmarks/scale_probe.serve in `manage.py shell`), asked page by page."""

    def __init__(self, env, log):
        command = [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from benchmarks import scale_probe; scale_probe.serve()",
        ]
        self.log = log
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True
        )
        self._answer()  # "ready": the clients made, before any size is timed

    def _answer(self):
        for line in self.process.stdout:
            if line.startswith(scale_probe.MARKER):
                return scale_probe.read(line)
        self.log.seek(0)
        raise RuntimeError(f"the probe ended:\n{self.log.read()[-4000:]}")

    def ask(self, label: str):
        self.process.stdin.write(label + "\n")
        self.process.stdin.flush()
        return self._answer()

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=COMMAND_TIMEOUT)


def _probes(envs) -> dict:
    """Every page's time computed from empty caches and its queries, at every size: one probe
    process per size, the sizes taking turns page by page, so that a busy spell of the machine
    weighs on the sizes alike instead of on the one measured then (the ratios 100x/1x)."""
    with ExitStack() as stack:
        shells = {}
        for factor, env in envs.items():
            log = stack.enter_context(tempfile.TemporaryFile("w+"))
            shells[factor] = _Shell(env, log)
            stack.callback(shells[factor].process.kill)
        pages = {factor: {} for factor in envs}
        for label, _path, _readers in PAGES:
            for factor, shell in shells.items():
                pages[factor].update(shell.ask(label))
        probes = {factor: {"pages": pages[factor], **shell.ask("")} for factor, shell in shells.items()}
        for shell in shells.values():
            shell.close()
        return probes


def _load(env, probe) -> dict:
    """One size under load: every page with wrk, against the floor, under gunicorn."""
    from tests.support.served import get, gunicorn

    cookie = f"Cookie: {probe['cookie']}"
    with gunicorn(env, workers=WORKERS) as base:
        _warm(base, get, cookie)
        runs = {"floor": _wrk(base, FLOOR)}
        for label, path, readers in PAGES:
            for reader in readers:
                headers = (cookie,) if reader == SIGNED_IN else ()
                runs[f"{label}|{reader}"] = _wrk(base, path, headers)
    return runs


def _warm(base, get, cookie) -> None:
    """Each anonymous page once (into the pages' cache; a page that fails shows in the table as
    wrk's errors), and the signed-in session checked: wrk counts a redirect to the log-in page as
    an answer."""
    for _label, path, readers in PAGES:
        if ANONYMOUS in readers:
            get(base + path)
    report = next(path for _label, path, readers in PAGES if readers == (SIGNED_IN,))
    answer = get(base + report, {"Cookie": cookie.split(": ", 1)[1]})
    assert answer.status == 200, ("the signed-in reader's session", report, answer.status)
    for _ in range(4):
        get(base + FLOOR)


def _wrk(base, path, headers=()) -> wrk.Run:
    run = wrk.run(base + path, seconds=SECONDS, connections=CONNECTIONS, timeout=TIMEOUT, headers=headers)
    _settle(base)
    return run


def _settle(base) -> None:
    """Wait for the requests wrk left queued when it stopped (up to CONNECTIONS, which the
    workers still compute), so that the next page's run does not pay for them: the floor asked
    for once more than there are workers, each answer coming after every request queued before it."""
    from tests.support.served import get

    for _ in range(WORKERS + 1):
        for _attempt in range(5):
            try:
                get(base + FLOOR)
                break
            except OSError:  # a timeout (60 s) behind a slow page's queue
                continue


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='cea-bench-')}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cea_portal.settings.test")
    import django

    django.setup()
    main()
