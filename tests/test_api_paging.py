"""Every list of the API pages through its rows as api/pagination.py and the schema say: `count`
from the database, `next` and `previous`, page 2 holding the rows after page 1; a page past the
last is 404 saying how many pages there are, and a page or a page size that is not a whole
number in range is 400 naming the parameter, never a 500. A round's detail pages through its
groups the same way, and the secretariat's group reports (every group) come a page at a time."""

import pytest

from accounts.models import AccessToken
from activities.models import Activity
from groups.models import Country, Institution, Meeting, Programme, WorkingGroup
from reporting.models import ReportingRound
from reports.models import Document

from .support import factories, scaling
from .support.api_clients import ApiClient, token_for

pytestmark = pytest.mark.django_db

# (address, the key of a row, how many rows the database holds) for every public list.
LISTS = {
    "/api/v1/programmes/": ("period", lambda: Programme.objects.count()),
    "/api/v1/meetings/": ("code", lambda: Meeting.objects.count()),
    "/api/v1/countries/": ("iso3", lambda: Country.objects.count()),
    "/api/v1/institutions/": ("code", lambda: Institution.objects.count()),
    "/api/v1/groups/": ("key", lambda: WorkingGroup.objects.count()),
    "/api/v1/rounds/": ("code", lambda: ReportingRound.objects.count()),
    "/api/v1/progress/": ("activity", lambda: Activity.objects.count()),
    "/api/v1/documents/": ("symbol", lambda: Document.objects.count()),
}


def _keys(api, url, key, **query):
    params = "&".join(f"{name}={value}" for name, value in query.items())
    response = api.get(f"{url}?{params}")
    assert response.status_code == 200, (url, response.content[:300])
    return response.json(), [row[key] for row in response.json()["results"]]


@pytest.mark.parametrize("url", LISTS)
def test_each_list_pages_through_its_rows_counted_by_the_database(url):
    # A second programme and a second round: every list has two rows at least.
    factories.reporting_round(factories.programme())
    key, total = LISTS[url]
    api = ApiClient()
    whole, every = _keys(api, url, key, page_size=500)
    assert whole["count"] == len(every) and whole["next"] is None and whole["previous"] is None
    assert whole["count"] == total()
    assert len(every) >= 2, url
    first, one = _keys(api, url, key, page_size=1)
    second, two = _keys(api, url, key, page_size=1, page=2)
    assert first["count"] == second["count"] == whole["count"]
    assert one + two == every[:2]
    assert first["next"].endswith("page=2&page_size=1") or "page=2" in first["next"]
    assert second["previous"] is not None


@pytest.mark.parametrize("url", [*LISTS, "/api/v1/rounds/CE.20/"])
@pytest.mark.parametrize(
    "query, status, parameter",
    [
        ("page=9999", 404, None),
        ("page=0", 400, "page"),
        ("page=two", 400, "page"),
        ("page=-1", 400, "page"),
        ("page_size=0", 400, "page_size"),
        ("page_size=501", 400, "page_size"),
        ("page_size=1.5", 400, "page_size"),
    ],
)
def test_a_page_that_is_not_there_is_refused_as_the_schema_says(url, query, status, parameter):
    response = ApiClient(lang="es").get(f"{url}?{query}")
    assert response.status_code == status, (url, query, response.content[:300])
    body = response.json()
    if status == 404:
        assert "páginas" in body["detail"] or "página" in body["detail"]
    else:
        assert list(body) == [parameter]


def test_a_rounds_detail_pages_through_its_groups_at_ten_times_the_data():
    programme = Programme.objects.get(start_year=2020)
    scaling.multiply(programme)  # 110 groups
    api = ApiClient()
    first = api.get("/api/v1/rounds/CE.20/").json()
    assert first["group_count"] == 110 and len(first["groups"]) == 50 and first["previous"] is None
    assert [g["group"] for g in first["groups"][:2]] == ["2020-2021/I", "2020-2021/II"]
    last = api.get("/api/v1/rounds/CE.20/?page=3").json()
    assert len(last["groups"]) == 10 and last["next"] is None and last["previous"].endswith("/CE.20/?page=2")
    assert last["groups"][-1]["group"] == "2020-2021/CX"
    assert last["code"] == "CE.20" and last["previous_round"] == first["previous_round"]
    # The figures of a group are those of the page that shows it, whatever the page.
    iv_alone = api.get("/api/v1/rounds/CE.20/?page=4&page_size=1").json()["groups"]
    assert iv_alone == [first["groups"][3]]


def test_the_secretariats_group_reports_come_a_page_at_a_time(secretariat_user, open_round):
    programme = Programme.objects.get(start_year=2020)
    scaling.multiply(programme)
    api = ApiClient(token_for(secretariat_user))
    first = api.get("/api/v1/group-reports/").json()
    assert first["count"] == 110 and len(first["results"]) == 50
    assert {r["round"] for r in first["results"]} == {open_round.meeting.code}
    third = api.get("/api/v1/group-reports/?page=3").json()
    assert [r["group"] for r in third["results"]][-1] == "2020-2021/CX" and third["next"] is None
    assert api.get("/api/v1/group-reports/?page=4").status_code == 404
    assert api.get("/api/v1/group-reports/?page_size=x").status_code == 400
    assert AccessToken.objects.filter(user=secretariat_user).count() == 1
