"""The portal under load as production runs it: two gunicorn workers with the production
settings, Redis for the caches, a Celery worker, on a database of its own (PostgreSQL when the
benchmark runs on it, else SQLite) at ten times the fixture data (tests/support/scaling.py),
loaded over loopback with wrk. (Each reading page's requests per second against a trivial view,
at one, ten and a hundred times the data, are benchmarks/scale.py's.)

- the time of a PDF asked for right after a change to what it shows, against a cached one
  (goal: within 1.5 times: the reader gets the previous copy while the worker renders);
- 60 s at 32 connections over a mix of pages and PDFs: errors (goal 0), p50 and p99."""

import statistics
import tempfile
import time
from pathlib import Path

from django.db import connection

from benchmarks import wrk
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
progress_admin_save(entry=entry, user=clerk, seen_version=None, reason="A correction")
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


def _timed(url) -> tuple[float, dict]:
    start = time.perf_counter()
    answer = get(url)
    assert answer.status == 200, (url, answer.status)
    return time.perf_counter() - start, answer.headers


def main():
    if not wrk.available():
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
            cached = statistics.median(_timed(base + PDF)[0] for _ in range(5))
            manage(env, "shell", "-c", CHANGE.format(stamp=time.time()))
            # The readers right after the change, while the worker renders the new copy.
            answers = [_timed(base + PDF) for _ in range(5)]
            after, headers = statistics.median(t for t, _h in answers), answers[0][1]
            script = wrk.paths_script(MIX, tempfile.mkdtemp(prefix="cea-wrk-"))
            mix = wrk.run(base + "/", seconds=60, connections=32, script=script)
    print(f"Serving ({connection.vendor}, gunicorn 2 workers, Redis, a Celery worker, ten times the data):")
    print(
        f"  PDF right after a change (median of 5, the first {headers.get('X-Document-Source')}): "
        f"{after * 1000:.0f} ms, cached {cached * 1000:.0f} ms: ratio {after / cached:.2f} (goal <= 1.5)"
    )
    print(
        f"  60 s at 32 connections over {len(MIX)} pages and PDFs: {mix.per_second:.0f} requests/s, "
        f"{mix.errors} errors (goal 0), p50 {mix.percentile(50)}, p99 {mix.percentile(99)}"
    )
