"""The reading pages: median time and SQL queries of each, at the fixture size and at ten
times as many groups, activities, entries and documents (tests/support/scaling.py). Goal: the same
number of queries at both sizes; times are for information."""

import statistics
import time

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from activities.models import Activity
from groups.models import Programme
from pages.cache import refresh
from reporting.models import ProgressEntry
from reports.models import Document
from tests.support import scaling

PAGES = [
    "/en/",
    "/es/",
    "/en/groups/2020-2021/IV/",
    "/es/groups/2020-2021/VI/",
    "/en/countries/",
    "/es/countries/MEX/",
    "/en/progress/CE.20/",
    "/en/progress/CE.20/?sort=change&order=desc",
    "/en/documents/",
    "/es/search/?q=estadistica",
    "/en/search/?q=time+use",
]
RUNS = 10


def data_size(programme):
    return (
        f"{programme.groups.count()} groups, "
        f"{Activity.objects.filter(group__programme=programme).count()} activities, "
        f"{ProgressEntry.objects.filter(round__programme=programme).count()} entries, "
        f"{Document.objects.count()} documents"
    )


def _timed(client, url, fresh):
    """Median time and queries of RUNS GETs: each computed anew (`fresh`), or from the reading
    pages' cache (pages/cache.py) as an anonymous reader's repeat visit is."""
    times = []
    for _ in range(RUNS):
        if fresh:
            refresh()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000, len(queries)


def measure(client, url):
    client.get(url)  # warm caches (templates, translations)
    computed, queries = _timed(client, url, fresh=True)
    cached, _queries = _timed(client, url, fresh=False)
    return computed, queries, cached


def main():
    # Rolled back at the end: the other benchmarks measure the real programme.
    with transaction.atomic():
        _measure_both_sizes()
        transaction.set_rollback(True)


def _measure_both_sizes():
    client = Client()
    programme = Programme.objects.get(start_year=2020)
    scaling.previous_round(programme)  # so that the change since the previous round is computed
    small = {url: measure(client, url) for url in PAGES}
    sizes = [data_size(programme)]
    scaling.multiply(programme)
    large = {url: measure(client, url) for url in PAGES}
    sizes.append(data_size(programme))
    print("Reading pages at the fixture size ({}) and at ten times it ({}):".format(*sizes))
    for url in PAGES:
        (t1, q1, c1), (t10, q10, c10) = small[url], large[url]
        verdict = "same" if q1 == q10 else "GROWS"
        print(
            f"  GET {url}: {t1:.1f} ms, {q1} queries; x10: {t10:.1f} ms, {q10} queries ({verdict}); "
            f"from the cache: {c1:.1f} ms; x10: {c10:.1f} ms"
        )
