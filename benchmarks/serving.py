"""The portal under load as production runs it, in one run so that the figures compare as
ratios: two gunicorn workers with the production settings, Redis for the caches, a Celery
worker, on a database of its own (PostgreSQL when the benchmark runs on it, else SQLite) at
ten times the fixture data (tests/support/scaling.py), loaded over loopback with wrk.

- requests per second of the home page and of a group page, against the trivial /healthz
  (goal: at least half);
- the time of a PDF asked for right after a change to what it shows, against a cached one
  (goal: within 1.5 times: the reader gets the previous copy while the worker renders);
- 60 s at 32 connections over a mix of pages and PDFs: errors (goal 0), p50 and p99."""

import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from django.db import connection

from tests.support import databases
from tests.support.served import (
    celery_worker,
    get,
    gunicorn,
    manage,
    production_env,
    redis_server,
    wait_until,
)

SCALE = """
from groups.models import Programme
from tests.support import scaling
programme = Programme.objects.get(start_year=2020)
scaling.previous_round(programme)
scaling.multiply(programme)
"""
CHANGE = """
from django.contrib.auth import get_user_model
from reporting.models import ProgressEntry
from reporting.services import progress_admin_save
User = get_user_model()
clerk = User.objects.filter(username="clerk").first()
clerk = clerk or User.objects.create_superuser("clerk", "c@example.org", "pw")
entry = ProgressEntry.objects.filter(round__meeting__code="CE.20").order_by("pk").first()
entry.remarks_en = "Changed by the benchmark at {stamp}"
progress_admin_save(entry=entry, user=clerk, seen_version=None)
"""
PDF = "/en/documents/LC/CE.20/3/en.pdf"
MIX = [
    "/en/",
    "/es/groups/2020-2021/IV/",
    "/en/countries/MEX/",
    "/en/progress/CE.20/",
    "/en/documents/",
    "/es/search/?q=estadistica",
    PDF,
    "/es/documents/LC/CEA.10/5/es.pdf",
]
LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def _wrk(url, seconds, connections, script=None) -> str:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script:
        command[1:1] = ["-s", script]
    return subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout


def _per_second(output) -> float:
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def _percentile(output, which) -> str:
    return re.search(rf"\s{which}%\s+([\d.]+\w+)", output).group(1)


def _errors(output) -> int:
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return (int(failed.group(1)) if failed else 0) + (sum(map(int, sockets.groups())) if sockets else 0)


def _timed(url) -> tuple[float, dict]:
    start = time.perf_counter()
    answer = get(url)
    assert answer.status == 200, (url, answer.status)
    return time.perf_counter() - start, answer.headers


def main():
    if shutil.which("wrk") is None:
        print("serving: wrk is not installed (requirements-system.txt); skipped")
        return
    root = Path(tempfile.mkdtemp(prefix="cea-serving-"))
    with databases.own_database(root, "bench") as database:
        _measure(production_env(database["url"], root / "static"))


def _measure(env):
    for command in (
        ("migrate", "--noinput", "-v0"),
        ("load_programme",),
        ("collectstatic", "--noinput", "-v0"),
    ):
        manage(env, *command)
    manage(env, "shell", "-c", SCALE)
    with redis_server() as redis_url:
        env = {**env, "REDIS_URL": redis_url, "CELERY_BROKER_URL": redis_url}
        with gunicorn(env, workers=2) as base, celery_worker(env):
            for path in MIX:
                # Warm: every page and PDF rendered once. A PDF too long for a reader's request
                # (PDF_INLINE_MAX_CHARS; LC/CE.20/3 at ten times the data) answers 503 until the
                # worker has rendered it.
                wait_until(
                    lambda url=base + path: get(url).status == 200, timeout=300, what=f"{path} rendered"
                )
            rates = {
                path: _per_second(_wrk(base + path, 10, 8))
                for path in ("/healthz", "/en/", "/en/groups/2020-2021/IV/")
            }
            cached = statistics.median(_timed(base + PDF)[0] for _ in range(5))
            manage(env, "shell", "-c", CHANGE.format(stamp=time.time()))
            # The readers right after the change, while the worker renders the new copy.
            answers = [_timed(base + PDF) for _ in range(5)]
            after, headers = statistics.median(t for t, _h in answers), answers[0][1]
            mix = _wrk(base + "/", 60, 32, _mix_script())
    trivial = rates["/healthz"]
    print(f"Serving ({connection.vendor}, gunicorn 2 workers, Redis, a Celery worker, ten times the data):")
    for path in ("/en/", "/en/groups/2020-2021/IV/"):
        print(
            f"  {path}: {rates[path]:.0f} requests/s, {rates[path] / trivial:.2f} of /healthz's "
            f"{trivial:.0f} (goal >= 0.5)"
        )
    print(
        f"  PDF right after a change (median of 5, the first {headers.get('X-Document-Source')}): "
        f"{after * 1000:.0f} ms, cached {cached * 1000:.0f} ms: ratio {after / cached:.2f} (goal <= 1.5)"
    )
    print(
        f"  60 s at 32 connections over {len(MIX)} pages and PDFs: {_per_second(mix):.0f} requests/s, "
        f"{_errors(mix)} errors (goal 0), p50 {_percentile(mix, 50)}, p99 {_percentile(mix, 99)}"
    )


def _mix_script() -> str:
    """A wrk script asking for the MIX paths in turn."""
    path = Path(tempfile.mkdtemp(prefix="cea-wrk-")) / "mix.lua"
    path.write_text(LUA % ", ".join(f'"{p}"' for p in MIX))
    return str(path)
