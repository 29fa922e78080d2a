"""The JSON API (api/) and the open-data files: median time and SQL queries of each list, of a
group's detail and of the files, at the fixture size and at ten times as many groups,
activities, entries and documents (tests/support/scaling.py); a secretariat token's own group
reports; and a conditional GET, which should answer 304 without a query. Goal: the same number
of queries at both sizes; times are for information. (The reading pages, the API's group and
list and the open data at 1x, 10x and 100x under load are benchmarks/scale.py's.)

API responses are not cached, so each GET is computed anew; the anonymous throttle counts them,
at the very high rate of the settings the benchmark runs with (cea_portal.settings.test)."""

import datetime
import statistics
import time

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.tokens import token_create
from activities.models import Activity
from core.roles import secretariat_group
from groups.models import Meeting, Programme
from reporting.models import ProgressEntry, ReportingRound
from reports.models import Document
from tests.support import scaling

# (address, language): every list of /api/v1/, a group's detail, and the open-data files.
PUBLIC = [
    ("/api/v1/programmes/", "en"),
    ("/api/v1/meetings/", "en"),
    ("/api/v1/groups/", "en"),
    ("/api/v1/groups/?programme=2020-2021", "en"),
    ("/api/v1/rounds/", "en"),
    ("/api/v1/progress/", "en"),
    ("/api/v1/progress/?flagged=true", "en"),
    ("/api/v1/progress/?round=CE.20", "en"),
    ("/api/v1/documents/", "en"),
    ("/api/v1/groups/2020-2021/IV/", "en"),
    ("/api/v1/groups/2020-2021/VI/", "es"),
    ("/open-data/2020-2021/programme.json", "en"),
    ("/open-data/2020-2021/progress.csv", "en"),
]
GROUP_REPORTS = "/api/v1/group-reports/"  # with the secretariat's token
CONDITIONAL = ["/api/v1/progress/", "/open-data/2020-2021/progress.csv"]  # with If-None-Match
RUNS = 10


def data_size(programme):
    return (
        f"{programme.groups.count()} groups, "
        f"{Activity.objects.filter(group__programme=programme).count()} activities, "
        f"{ProgressEntry.objects.filter(round__programme=programme).count()} entries, "
        f"{Document.objects.count()} documents"
    )


def _items(response) -> str:
    """What the answer holds: a list's count (its first page, 50 items, is what is measured)."""
    if response.status_code != 200:
        return ""
    if response["Content-Type"].startswith("text/csv"):
        return f"{response.content.decode('utf-8-sig').count(chr(10)) - 1} rows"
    data = response.json()
    if isinstance(data, list):
        return f"{len(data)} items"
    if "count" in data:
        return f"count {data['count']}, {len(data['results'])} on the page"
    if "groups" in data:
        return f"{len(data['groups'])} groups"
    if "activities" in data:
        return f"{len(data['activities'])} activities"
    return "one record"


def _timed(client, url, status=200, **headers):
    """Median time and queries of RUNS GETs, and the last answer."""
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url, **headers)
            times.append(time.perf_counter() - start)
        assert response.status_code == status, (url, response.status_code)
    return statistics.median(times) * 1000, len(queries), response


def measure(client, url, **headers):
    client.get(url, **headers)  # warm caches (translations; a token's last use is written)
    elapsed, queries, response = _timed(client, url, **headers)
    return elapsed, queries, _items(response)


def measure_conditional(client, url, **headers):
    """A client polling with the ETag of the answer it has: 304, with no query."""
    tag = client.get(url, **headers)["ETag"]
    elapsed, queries, _response = _timed(client, url, status=304, HTTP_IF_NONE_MATCH=tag, **headers)
    return elapsed, queries, "304"


def main():
    # Rolled back at the end: the other benchmarks measure the real programme.
    with transaction.atomic():
        _measure_both_sizes()
        transaction.set_rollback(True)


def _open_round(programme) -> ReportingRound:
    """A third round of the programme, open for reporting and with nothing reported yet (the
    fixtures' rounds are closed), so that a token's group reports are the programme's groups."""
    year = programme.end_year
    meeting = Meeting.objects.create(
        body=Meeting.Body.EXECUTIVE_COMMITTEE,
        number=scaling.free_committee_number(),
        is_virtual=True,
        start_date=datetime.date(year, 11, 1),
        end_date=datetime.date(year, 11, 2),
    )
    return ReportingRound.objects.create(
        programme=programme,
        meeting=meeting,
        number=3,
        status=ReportingRound.Status.OPEN,
        opens_on=datetime.date(year, 9, 1),
        deadline=datetime.date(year, 10, 1),
    )


def _secretariat_token() -> str:
    user = get_user_model().objects.create_user("bench-secretariat", email="bench@example.org")
    user.groups.add(secretariat_group())
    _token, secret = token_create(user=user, name="bench")
    return secret


def _cases(secret):
    """(label, measuring function, address, headers) of each measured GET."""
    cases = [(f"GET {url} [{lang}]", measure, url, {"HTTP_ACCEPT_LANGUAGE": lang}) for url, lang in PUBLIC]
    cases.append(
        (
            f"GET {GROUP_REPORTS} [en, secretariat token]",
            measure,
            GROUP_REPORTS,
            {"HTTP_ACCEPT_LANGUAGE": "en", "HTTP_AUTHORIZATION": f"Bearer {secret}"},
        )
    )
    cases += [
        (f"GET {url} [en] with If-None-Match", measure_conditional, url, {"HTTP_ACCEPT_LANGUAGE": "en"})
        for url in CONDITIONAL
    ]
    return cases


def _measure_both_sizes():
    client = Client()
    programme = Programme.objects.get(start_year=2020)
    scaling.previous_round(programme)  # so that the change since the previous round is computed
    _open_round(programme)
    cases = _cases(_secretariat_token())
    small = [how(client, url, **headers) for _label, how, url, headers in cases]
    sizes = [data_size(programme)]
    scaling.multiply(programme)
    large = [how(client, url, **headers) for _label, how, url, headers in cases]
    sizes.append(data_size(programme))
    print("API and open data at the fixture size ({}) and at ten times it ({}):".format(*sizes))
    for (label, *_case), (t1, q1, n1), (t10, q10, n10) in zip(cases, small, large, strict=True):
        verdict = "same" if q1 == q10 else "GROWS"
        print(
            f"  {label}: {t1:.1f} ms, {q1} queries; x10: {t10:.1f} ms, {q10} queries ({verdict}); "
            f"{n1}; x10: {n10}"
        )
