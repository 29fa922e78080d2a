"""A group report's page costs what it shows: the focal point's report page, the secretariat's
review page and the API's group make the same SQL queries at the real size and at ten times
as many groups, activities, entries and documents (tests/support/scaling.py), since group I's
own records are the same. The workspace's lists that grow with the data (the round overview
and the secretariat's working groups: every group) come a page at a time, with counts by the
database, and a page that is not there shows a page and says so rather than failing."""

import re
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from groups.models import Programme, WorkingGroup
from reporting.models import GroupReport, ProgressEntry

from .support import factories, scaling
from .support.second_factor import log_in

pytestmark = pytest.mark.django_db


def _shape(sql):
    """A query with its literal values taken out (a list of them too: a page of ids is longer
    when there are more groups to fill it), to tell which queries repeat."""
    values = re.sub(r"\b\d+\b", "N", re.sub(r"'[^']*'", "S", sql))
    return re.sub(r"IN \((?:N, )*N\)", "IN (...)", values)


@pytest.fixture
def reporting(open_round, second_round, coordinator, secretariat_user):
    """Group I with a draft in the open round and group IX submitted (for the review page), as
    their values of CE.20; a focal point of INEGI (which coordinates both) and the secretariat."""
    for numeral, status in (("I", "draft"), ("IX", "submitted")):
        group = WorkingGroup.objects.by_code("2020-2021", numeral)
        for entry in ProgressEntry.objects.filter(round=second_round, activity__group=group):
            factories.entry(open_round, entry.activity, min(entry.percent + 5, 100))
        factories.group_report(open_round, group, status=status)
    code = open_round.meeting.code
    return {
        "focal point": log_in(Client(), coordinator),
        "secretariat": log_in(Client(), secretariat_user),
        "anonymous": Client(),
        "pages": {
            "report page": ("focal point", f"/en/rounds/{code}/2020-2021/I/"),
            "report page, closed round": ("focal point", "/en/rounds/CE.20/2020-2021/I/"),
            "correction": ("secretariat", f"/en/rounds/{code}/2020-2021/I/?correct"),
            "review page": ("secretariat", f"/en/rounds/{code}/2020-2021/IX/"),
            "API group": ("anonymous", "/api/v1/groups/2020-2021/I/"),
            "API group report": ("secretariat", f"/api/v1/group-reports/{code}/2020-2021/I/"),
            "round overview": ("secretariat", "/en/rounds/CE.20/"),
            "my groups": ("secretariat", "/en/my-groups/"),
            "my groups (focal point)": ("focal point", "/en/my-groups/"),
        },
    }


def _queries(reporting) -> dict:
    """page -> the shapes of the SQL it ran (the second time: caches warm)."""
    shapes = {}
    for name, (who, url) in reporting["pages"].items():
        client = reporting[who]
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        shapes[name] = Counter(_shape(q["sql"]) for q in queries)
    return shapes


def test_a_groups_pages_make_the_same_queries_at_ten_times_the_data(reporting):
    programme = Programme.objects.get(start_year=2020)
    scaling.previous_round(programme)
    small = _queries(reporting)
    scaling.multiply(programme)
    assert WorkingGroup.objects.filter(programme=programme).count() == 110
    large = _queries(reporting)
    grown = {
        name: [f"{n} more: {sql[:200]}" for sql, n in (large[name] - small[name]).most_common(3)]
        for name in small
        if sum(large[name].values()) != sum(small[name].values()) or large[name] - small[name]
    }
    assert not grown, grown


def test_the_round_overview_pages_through_every_group_with_counts_by_the_database(reporting):
    scaling.multiply(Programme.objects.get(start_year=2020))  # 110 groups
    secretariat = reporting["secretariat"]
    html = secretariat.get("/en/rounds/CE.20/").content.decode()
    assert html.count('<td class="numeral">') == 25 and ">I</td>" in html and ">XXVI<" not in html
    assert "1 to 25 of 110" in html
    # The counts are every group's, not the page's: CE.20's reports were copied with the groups.
    accepted = GroupReport.objects.filter(round__meeting__code="CE.20", status="accepted").count()
    assert accepted > 25 and f"Accepted: <strong>{accepted}</strong>" in html
    second = secretariat.get("/en/rounds/CE.20/?page=2").content.decode()
    assert ">XXVI</td>" in second and ">XXV</td>" not in second and "26 to 50 of 110" in second
    past = secretariat.get("/en/rounds/CE.20/?page=99")
    assert past.status_code == 200 and "There is no page 99: this is page 5 of 5." in past.content.decode()
    wrong = secretariat.get("/en/rounds/CE.20/?page=two")
    assert wrong.status_code == 200 and "not a page number: this is page 1 of 5" in wrong.content.decode()


def test_my_groups_pages_through_the_secretariats_groups(reporting):
    scaling.multiply(Programme.objects.get(start_year=2020))
    html = reporting["secretariat"].get("/en/my-groups/?page=5").content.decode()
    assert html.count('<td class="numeral">') == 10 and "101 to 110 of 110" in html
    assert ">CX</td>" in html and ">C</td>" not in html
    # A focal point of INEGI: the groups INEGI coordinates or Mexico is a member of, counted.
    focal = reporting["focal point"].get("/en/my-groups/").content.decode()
    assert "1 to 25 of " in focal and focal.count('<td class="numeral">') == 25


def test_a_report_page_names_a_few_of_the_rounds_documents_and_sends_to_the_register(reporting):
    scaling.multiply(Programme.objects.get(start_year=2020))  # LC/CE.20/3 and nine copies in CE.20
    html = reporting["focal point"].get("/en/rounds/CE.20/2020-2021/I/").content.decode()
    assert html.count("<dt>LC/CE.20/3") == 5 and "<dt>LC/CE.20/3</dt>" in html
    assert "More of the round's documents in the register" in html
    alone = reporting["focal point"].get(reporting["pages"]["report page"][1]).content.decode()
    assert "in the register" not in alone  # the open round has no document
