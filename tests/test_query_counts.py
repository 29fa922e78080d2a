"""Each reading page issues the same number of SQL queries at the fixture's size and at ten
times it (tests/support/scaling.py): 110 groups in the programme, group IV with 180 activities, two
rounds with progress (so the change since the previous round is computed at both sizes) and
ten times as many documents."""

import re
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from activities.models import Activity
from groups.models import GroupRole, Programme, WorkingGroup
from pages.cache import refresh
from reporting.models import ProgressEntry
from reports.models import Document

from .support import scaling
from .support.second_factor import log_in

pytestmark = pytest.mark.django_db

PAGES = {
    "home": "/en/",
    "group": "/en/groups/2020-2021/IV/",
    "countries": "/en/countries/",
    "country": "/en/countries/MEX/",
    "round": "/en/progress/CE.20/",
    "round sorted": "/es/progress/CE.20/?sort=change&order=desc",
    "documents": "/en/documents/",
    "search": "/es/search/?q=estadistica",
}


def _shape(sql):
    """A query with its literal values taken out, to tell which queries repeat."""
    return re.sub(r"\b\d+\b", "N", re.sub(r"'[^']*'", "S", sql))


def measure(client, secretariat):
    """page name -> (number of queries, response size, the queries' SQL); the group page also
    as the secretariat, who is shown the group's reports round by round."""
    result = {}
    for name, url in [*PAGES.items(), ("group (secretariat)", PAGES["group"])]:
        visitor = secretariat if name.endswith("(secretariat)") else client
        assert visitor.get(url).status_code == 200, url  # warm up caches
        refresh()  # the page computed anew, not the anonymous reader's copy (pages/cache.py)
        with CaptureQueriesContext(connection) as queries:
            response = visitor.get(url)
        assert response.status_code == 200, url
        result[name] = (len(queries), len(response.content), [q["sql"] for q in queries])
    return result


def test_reading_pages_issue_the_same_queries_at_ten_times_the_data(client, secretariat_user):
    secretariat = Client()
    log_in(secretariat, secretariat_user)
    programme = Programme.objects.get(start_year=2020)
    scaling.previous_round(programme)
    small = measure(client, secretariat)

    scaled = scaling.multiply(programme)
    assert WorkingGroup.objects.filter(programme=programme).count() == 110
    assert Activity.objects.filter(group__programme=programme, group__number=4).count() == 180
    assert Activity.objects.filter(group__programme=programme).count() == 10 * 146 + 9 * 18
    assert (
        ProgressEntry.objects.filter(round__number=2, round__programme=programme).count() == 10 * 85 + 9 * 10
    )
    assert (
        GroupRole.objects.filter(group__programme=programme, country__iso3="MEX", role="coordinating").count()
        == 60
    )
    assert Document.objects.count() == 10 * 2
    large = measure(client, secretariat)

    names = list(small)
    print(f"\n{'page':<20} {'1x':>4} {'10x':>4}   bytes 1x -> 10x   ({scaled}, {connection.vendor})")
    for name in names:
        print(
            f"{name:<20} {small[name][0]:>4} {large[name][0]:>4}   "
            f"{small[name][1]:>8,} -> {large[name][1]:>9,}"
        )

    problems = {}
    for name in names:
        if small[name][0] != large[name][0]:
            grown = Counter(map(_shape, large[name][2])) - Counter(map(_shape, small[name][2]))
            problems[name] = (
                small[name][0],
                large[name][0],
                [f"{n} more: {sql[:300]}" for sql, n in grown.most_common(5)],
            )
    assert not problems, problems
    # The pages did read the larger data: group IV's ten times its activities, and the lists'
    # further pages (they show one page of it: tests/test_page_paging.py; search its first hits).
    for name in ("group", "group (secretariat)", "country", "documents"):
        assert large[name][1] > small[name][1] * 2, name
    for name in ("home", "round"):  # 20 groups of 110 instead of 11
        assert large[name][1] > small[name][1] * 1.4, name
