"""How many render tasks one change queues while readers keep asking for the documents, as
production runs it: four gunicorn workers with the production settings, Redis for the caches
and as the broker, Celery workers, on a database of their own (PostgreSQL when the benchmark runs
on it, else SQLite) with the fixture data, loaded over loopback with wrk at 32 connections.

Every live PDF is rendered first; then one remark LC/CE.20/3 prints in English changes, and for
10 s readers ask for the four PDFs (LC/CE.20/3 and LC/CEA.10/5, English and Spanish) as programs,
as browsers and for the older copy a browser's page offers, with no worker running: the render
tasks then waiting on the broker's queue, per document and language (goal: at most one each).
Then a worker starts while the load goes on for 10 s more: the render tasks it received in all
(goal: no more than were queued), the renders it did (goal: one, the changed English report), and
how long after it started the fresh copy was served. Also run alone: `python -m benchmarks.render_tasks`."""

import json
import re
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

from benchmarks import wrk

SECONDS = 10
CONNECTIONS = 32
WORKERS = 4
SYMBOLS = ("LC/CE.20/3", "LC/CEA.10/5")
PDFS = [f"/{lang}/documents/{symbol}/{lang}.pdf" for symbol in SYMBOLS for lang in ("en", "es")]
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
LUA = """
asked = {%s}
counter = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) failed, pending = 0, 0 end
request = function()
  counter = counter + 1
  local one = asked[(counter %% #asked) + 1]
  return wrk.format("GET", one[1], one[2])
end
function response(status, headers, body)
  if status == 503 then pending = pending + 1 elseif status >= 400 then failed = failed + 1 end
end
function done(summary, latency, requests)
  local failures, told = 0, 0
  for _, thread in ipairs(threads) do
    failures, told = failures + thread:get("failed"), told + thread:get("pending")
  end
  io.write(string.format("Failed: %%d\\nPending: %%d\\n", failures, told))
end
"""
CHANGE = """
from django.contrib.auth import get_user_model
from reporting.models import ProgressEntry
from reporting.services import progress_admin_save
User = get_user_model()
clerk = User.objects.filter(username="clerk").first()
clerk = clerk or User.objects.create_superuser("clerk", "c@example.org", "pw")
entry = ProgressEntry.objects.filter(round__meeting__code="CE.20").order_by("pk").first()
entry.remarks_en = "Changed by the benchmark {stamp}"
progress_admin_save(entry=entry, user=clerk, seen_version=None, reason="A correction")
"""


def main():
    # Imported here: tests.support needs Django set up, which running this module alone does first.
    from django.db import connection

    from tests.support.served import first_run

    if not wrk.available():
        print("render tasks: wrk is not installed (requirements-system-test.txt); skipped")
        return
    root = Path(tempfile.mkdtemp(prefix="cea-render-tasks-"))
    with first_run(root, "bench_render") as env:
        figures = _measure(env, root)
    print(
        f"Render tasks for one change under load ({connection.vendor}, gunicorn {WORKERS} workers, "
        f"Redis, {CONNECTIONS} connections asking for {len(PDFS)} PDFs three ways):"
    )
    queued = figures["queued"]
    print(
        f"  {SECONDS} s with no worker: {figures['requests']} requests ({figures['pending']} told to "
        f"come back, {figures['errors']} errors: goal 0), "
        f"{sum(queued.values())} render tasks queued, at most {max(queued.values(), default=0)} per document "
        f"and language (goal <= 1): {dict(sorted(queued.items()))}; refreshes queued: {figures['refreshes']}"
    )
    print(
        f"  a worker started, {SECONDS} s more: {figures['received']} render tasks received in all "
        f"(goal: {sum(queued.values())}), {figures['renders']} renders (goal 1), the fresh copy served "
        f"{figures['fresh']:.1f} s after the worker started"
    )


def _measure(env, root) -> dict:
    from tests.support.pdf_reading import pdf_text
    from tests.support.served import celery_worker_logged, get, gunicorn, manage, redis_server, wait_until

    script = root / "pdfs.lua"
    asked = [(path, "nil") for path in PDFS] + [(path, f'{{["Accept"] = "{BROWSER}"}}') for path in PDFS]
    asked += [(path + "?copy=previous", "nil") for path in PDFS]
    script.write_text(LUA % ", ".join(f'{{"{path}", {headers}}}' for path, headers in asked))
    stamp = uuid.uuid4().hex[:8]
    with redis_server() as redis_url:
        env = {**env, "REDIS_URL": redis_url, "CELERY_BROKER_URL": redis_url}
        env["CELERY_QUEUE"] = f"bench-{stamp}"  # nothing left by another run
        with gunicorn(env, workers=WORKERS) as base:
            with celery_worker_logged(env, root / "first.log"):
                for path in PDFS:
                    wait_until(lambda url=base + path: get(url).status == 200, timeout=300, what=f"{path}")
            manage(env, "shell", "-c", CHANGE.format(stamp=stamp))
            load = _wrk(base + "/", script)
            tasks = _queued(redis_url, env["CELERY_QUEUE"])
            log = root / "after.log"
            more = threading.Thread(target=_wrk, args=(base + "/", script))
            with celery_worker_logged(env, log):
                started = time.monotonic()
                more.start()
                wait_until(
                    lambda: f"Changed by the benchmark {stamp}" in pdf_text(get(base + PDFS[0]).body),
                    timeout=300,
                    what="the fresh copy",
                )
                fresh = time.monotonic() - started
                more.join()
    text = log.read_text()
    return {
        "requests": load.requests,
        "errors": _errors(load),
        "pending": int(re.search(r"Pending: (\d+)", load.output).group(1)),
        "queued": {args: n for (task, args), n in tasks.items() if task == "reports.tasks.document_render"},
        "refreshes": tasks[("reports.tasks.documents_refresh", "()")],
        "received": len(re.findall(r"reports\.tasks\.document_render\[[-\w]+\] received", text)),
        "renders": text.count("Rendered the PDF of "),
        "fresh": fresh,
    }


def _queued(redis_url, queue) -> Counter:
    """(task, arguments) of each message waiting on the broker's queue."""
    import redis

    messages = redis.Redis.from_url(redis_url).lrange(queue, 0, -1)
    headers = [json.loads(message)["headers"] for message in messages]
    return Counter((header["task"], header["argsrepr"]) for header in headers)


def _errors(output: wrk.Run) -> int:
    """Answers other than a PDF or the "being prepared" page (503), counted by the script; and
    socket errors."""
    failed = int(re.search(r"Failed: (\d+)", output.output).group(1))
    return failed + sum(output.sockets)


def _wrk(url, script) -> wrk.Run:
    return wrk.run(url, seconds=SECONDS, connections=CONNECTIONS, timeout="10s", script=script)


if __name__ == "__main__":
    import os
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    tmp = tempfile.mkdtemp(prefix="cea-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cea_portal.settings.test")
    import django

    django.setup()
    main()
