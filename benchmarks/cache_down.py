"""The anonymous pages under load with Redis up, with Redis down, and with Redis back (empty),
as production runs them: two gunicorn workers with the production settings and a Redis of their
own (killed, then started again on its port), on a database of their own (PostgreSQL when the
benchmark runs on it, else SQLite) with the real data (the fixtures: what a page computes
without the cache is what it computes for the portal's own size), loaded over loopback with wrk
at 32 connections. For each: requests per second, p50, p99 and errors (goal: 0 errors in all
three: without Redis the pages are computed, only slower); and the lines the server logged
about the cache (goal: one per worker and minute, no traceback). Also run alone:
`python -m benchmarks.cache_down`."""

import os
import re
import signal
import tempfile
from pathlib import Path

from benchmarks import wrk

PAGES = [
    "/en/",
    "/es/groups/2020-2021/IV/",
    "/en/countries/",
    "/es/countries/MEX/",
    "/en/progress/CE.20/",
    "/en/documents/",
]
SECONDS = 30
CONNECTIONS = 32
WORKERS = 2
# wrk's own default (2 s) would count a slow answer as an error: without Redis every page is
# computed, and 32 connections queue for two workers.
TIMEOUT = "10s"


def main():
    # Imported here: tests.support needs Django set up, which running this module alone does first.
    from django.db import connection

    from tests.support import databases
    from tests.support.served import manage, production_env

    if not wrk.available():
        print("cache down: wrk is not installed (requirements-system-test.txt); skipped")
        return
    root = Path(tempfile.mkdtemp(prefix="cea-cache-down-"))
    with databases.own_database(root, "bench_cache") as database:
        env = production_env(database["url"], root / "static")
        for command in (
            ("migrate", "--noinput", "-v0"),
            ("load_programme",),
            ("collectstatic", "--noinput", "-v0"),
        ):
            manage(env, *command)
        load = os.getloadavg()[0]
        runs, log = _measure(env, root)
    print(
        f"Redis up, down and back ({connection.vendor}, gunicorn {WORKERS} workers, the real data, "
        f"{SECONDS} s at {CONNECTIONS} connections over {len(PAGES)} anonymous pages; load average "
        f"{load:.1f} before, {os.getloadavg()[0]:.1f} after):"
    )
    for label, output in runs.items():
        failed, timeouts = _failures(output)
        print(
            f"  {label}: {output.per_second:.0f} requests/s, p50 {output.percentile(50)}, "
            f"p99 {output.percentile(99)}, {failed} errors (goal 0), {timeouts} later than {TIMEOUT}"
        )
    cache_lines = len(re.findall(r"core\.cache: The cache '\w+' does not answer", log))
    print(
        f"  the server's log: {cache_lines} line(s) about the cache (goal <= {WORKERS}), "
        f"{log.count('Traceback')} tracebacks (goal 0)"
    )


def _measure(env, root) -> tuple[dict, str]:
    from tests.support.served import free_port, get, gunicorn_logged, redis_server_at, wait_until

    port, log_path = free_port(), root / "gunicorn.log"
    env = {**env, "REDIS_URL": f"redis://127.0.0.1:{port}/0"}
    script = wrk.paths_script(PAGES, root)
    runs = {}
    with redis_server_at(port) as redis, gunicorn_logged(env, log_path, workers=WORKERS) as base:
        for page in PAGES:
            wait_until(lambda url=base + page: get(url).status == 200, what=f"{page} served")
        runs["Redis up"] = _wrk(base + "/", script)
        redis.send_signal(signal.SIGKILL)
        redis.wait(timeout=10)
        assert get(base + "/healthz").status == 503
        runs["Redis down"] = _wrk(base + "/", script)
        with redis_server_at(port):
            wait_until(lambda: get(base + "/healthz").status == 200, what="/healthz answering 200")
            runs["Redis back (empty)"] = _wrk(base + "/", script)
            log = log_path.read_text()  # before Redis and the server stop
    return runs, log


def _failures(output: wrk.Run) -> tuple[int, int]:
    """Answers that were not 2xx or 3xx, or no answer (refused, reset); and answers slower than
    TIMEOUT, which wrk stops waiting for."""
    connect, read, write, timeouts = output.sockets
    return output.non_2xx + connect + read + write, timeouts


def _wrk(url, script) -> wrk.Run:
    return wrk.run(url, seconds=SECONDS, connections=CONNECTIONS, timeout=TIMEOUT, script=script)


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    tmp = tempfile.mkdtemp(prefix="cea-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cea_portal.settings.test")
    import django

    django.setup()
    main()
