"""Loads the fixtures into a throw-away SQLite database (or DATABASE_URL) and measures the
loader, the documents (benchmarks/documents.py), spreadsheet imports (benchmarks/imports.py),
entering a group's report by workbook or admin (benchmarks/entry.py), the drafting of the next
programme (benchmarks/drafting.py), the input limits (benchmarks/limits.py), the API at one and
ten times the data (benchmarks/api.py): wall time and
SQL queries; and the portal under load as production runs it: every reading page at one, ten and
a hundred times the data against a trivial view (benchmarks/scale.py, on PostgreSQL), a mix of
pages and PDFs (benchmarks/serving.py), with Redis up, down and back (benchmarks/cache_down.py),
and the render tasks one change queues under load (benchmarks/render_tasks.py)."""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    tmp = tempfile.mkdtemp(prefix="cea-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cea_portal.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from firstrun.loading import load_programme

    setup_test_environment()
    call_command("migrate", verbosity=0)
    for label in ("first load (creates everything)", "second load (changes nothing)"):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            counts = load_programme()
            elapsed = time.perf_counter() - start
        changed = sum(v for k, v in counts.items() if k.endswith((" new", " update")))
        print(f"{label}: {elapsed:.2f} s, {len(queries)} queries, {changed} records written")

    from benchmarks import (
        api,
        cache_down,
        documents,
        drafting,
        entry,
        imports,
        limits,
        render_tasks,
        scale,
        serving,
    )

    api.main()
    documents.main()
    imports.main()
    entry.main()
    drafting.main()
    limits.main()
    scale.main()
    serving.main()
    cache_down.main()
    render_tasks.main()


if __name__ == "__main__":
    main()
