"""The parts of benchmarks/scale.py that run inside the portal, in `manage.py shell` with the app
servers' settings and database (benchmarks/floor_settings.py): the data at a size, the signed-in
reader's session, and each page's time computed without any cache and its SQL queries, read
with Django's test client. Each prints one line, MARKER and JSON, for scale.py to read."""

import json
import time

MARKER = "SCALE-PROBE "
ANONYMOUS, SIGNED_IN = "anonymous", "signed in"
BOTH = (ANONYMOUS, SIGNED_IN)
FLOOR = "/_floor/"
# (label, address, readers): every reading page, with a group whose own records stay the same
# at every size (I: tests/support/scaling.py copies it into new groups) and one that grows (IV).
PAGES = [
    ("home", "/en/", BOTH),
    ("group I", "/en/groups/2020-2021/I/", BOTH),
    ("group IV (grows)", "/en/groups/2020-2021/IV/", BOTH),
    ("country MEX", "/en/countries/MEX/", BOTH),
    ("round CE.20", "/en/progress/CE.20/", BOTH),
    ("search estadistica", "/es/search/?q=estadistica", BOTH),
    ("report of group I", "/en/rounds/CE.20/2020-2021/I/", (SIGNED_IN,)),
    ("API group I", "/api/v1/groups/2020-2021/I/", BOTH),
    ("API groups", "/api/v1/groups/", BOTH),
    ("programme.json", "/open-data/2020-2021/programme.json", BOTH),
    ("progress.csv", "/open-data/2020-2021/progress.csv", BOTH),
    ("/healthz", "/healthz", (ANONYMOUS,)),
]
FOCAL_POINT = "bench-focal"  # of INEGI (Mexico), which coordinates group I
INSTITUTION = "INEGI@MEX"
# Timed requests per page and reader, after one that warms the templates; the fastest counts
# (with two, one busy moment of the machine made a flat page look 1.6 times slower at 100x). A
# page that takes longer than SLOW seconds is timed once per reader, the warming one included.
RUNS, SLOW = 7, 1.0


def _say(value) -> None:
    print(MARKER + json.dumps(value))


def previous_round() -> None:
    """The 1x data: the fixtures with a closed round before CE.20, so that changes are computed."""
    from groups.models import Programme
    from tests.support import scaling

    scaling.previous_round(Programme.objects.get(start_year=2020))


def multiply(factor: int) -> None:
    from groups.models import Programme
    from tests.support import scaling

    scaling.multiply(Programme.objects.get(start_year=2020), factor)


def _client():
    from django.test import Client

    # The app servers' allowed hosts; the production cookies are Secure, which the client ignores.
    # A page that fails answers 500, shown in the table, rather than ending the benchmark.
    return Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)


def _focal_point_client():
    """A client signed in as a focal point of group I's coordinating institution (no second
    factor owed: not staff), made once per database."""
    from django.contrib.auth import get_user_model

    from accounts.models import Affiliation
    from groups.models import Institution

    user, made = get_user_model().objects.get_or_create(username=FOCAL_POINT, email="bench@example.org")
    if made:
        Affiliation.objects.create(user=user, institution=Institution.objects.get(code=INSTITUTION))
    client = _client()
    client.force_login(user)
    return client


def _forget() -> None:
    """Every cache emptied: what a page computes after a change, or for a reader no copy serves."""
    from django.conf import settings
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


def _timed(client, path) -> tuple[float, int, int, int]:
    """ms, SQL queries, status and bytes of one GET computed from an empty cache."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _forget()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        elapsed = (time.perf_counter() - start) * 1000
    return elapsed, len(queries), response.status_code, len(body)


def _size() -> dict:
    from activities.models import Activity
    from groups.models import Programme
    from reporting.models import ProgressEntry
    from reports.models import Document

    programme = Programme.objects.get(start_year=2020)
    return {
        "groups": programme.groups.count(),
        "activities": Activity.objects.filter(group__programme=programme).count(),
        "entries": ProgressEntry.objects.filter(round__programme=programme).count(),
        "documents": Document.objects.count(),
    }


def _page(clients, label, path, readers) -> dict:
    """One page's fastest of RUNS computed from an empty cache, its queries, status and size,
    for each of `readers`."""
    warm = _timed(clients[readers[0]], path)
    slow = warm[0] > SLOW * 1000  # the templates' first use is nothing beside it: it counts
    pages = {}
    for reader in readers:
        runs = [warm] if slow and reader == readers[0] else []
        runs += [_timed(clients[reader], path) for _ in range((1 if slow else RUNS) - len(runs))]
        ms, queries, status, size = min(runs)
        pages[f"{label}|{reader}"] = {"ms": ms, "queries": queries, "status": status, "bytes": size}
    return pages


def serve() -> None:
    """Measure the pages scale.py asks for, one line each on stdin (the page's label; an empty
    line ends), answering each with one line: so that the sizes' probes, one process per size,
    take turns page by page and a busy moment of the machine falls on every size alike. Last,
    the signed-in reader's session cookie for wrk and the data's size."""
    import sys

    from django.conf import settings

    clients = {ANONYMOUS: _client(), SIGNED_IN: _focal_point_client()}
    _say("ready")
    places = {label: (path, readers) for label, path, readers in PAGES}
    for line in sys.stdin:
        label = line.rstrip("\n")
        if not label:
            break
        _say(_page(clients, label, *places[label]))
    cookie = clients[SIGNED_IN].cookies[settings.SESSION_COOKIE_NAME]
    _say({"cookie": f"{cookie.key}={cookie.value}", "size": _size()})


def read(output: str):
    """What a probe said, from the shell's output (its first line of MARKER)."""
    line = next(line for line in output.splitlines() if line.startswith(MARKER))
    return json.loads(line[len(MARKER) :])
