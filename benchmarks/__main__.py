"""Loads the fixtures into a throw-away SQLite database (or DATABASE_URL) and measures the
loader, the reading pages, the documents (benchmarks/documents.py) and spreadsheet imports
(benchmarks/imports.py): wall time and SQL queries."""
import os
import statistics
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
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from activities.loading import load_programme

    setup_test_environment()
    call_command("migrate", verbosity=0)
    for label in ("first load (creates everything)", "second load (changes nothing)"):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            counts = load_programme()
            elapsed = time.perf_counter() - start
        changed = sum(v for k, v in counts.items() if not k.endswith("unchanged"))
        print(f"{label}: {elapsed:.2f} s, {len(queries)} queries, {changed} records written")

    client = Client()
    for url in ("/en/", "/es/", "/en/groups/2020-2021/VI/", "/es/groups/2020-2021/I/"):
        client.get(url)  # warm caches (templates, translations)
        times = []
        for _ in range(10):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
            assert response.status_code == 200, url
        print(f"GET {url}: median {statistics.median(times) * 1000:.1f} ms, {len(queries)} queries")

    from benchmarks import documents, imports

    documents.main()
    imports.main()


if __name__ == "__main__":
    main()
