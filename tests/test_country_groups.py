"""The groups a country takes part in (WorkingGroup.objects.of_country) are the same through every
door: its page, the API's groups and progress filtered by it, and the groups its users report for.
Mexico coordinates six groups of 2020-2021 and is also a member of one of them (IX): each once."""

import pytest

from reporting import policy

from .support.api_clients import ApiClient

pytestmark = pytest.mark.django_db

MEXICO = ["2020-2021/I", "2020-2021/IV", "2020-2021/VI", "2020-2021/VII", "2020-2021/IX", "2020-2021/X"]


def test_the_country_page_lists_each_group_once(client):
    rows = client.get("/en/countries/MEX/").context["rows"]
    assert [row.group.code for row in rows] == MEXICO


def test_the_api_filters_groups_and_progress_by_the_country_alike():
    api = ApiClient()
    groups = api.get("/api/v1/groups/?country=MEX&page_size=100").json()["results"]
    assert [group["key"] for group in groups] == MEXICO
    progress = api.get("/api/v1/progress/?country=MEX&page_size=500").json()
    assert sorted({row["group"] for row in progress["results"]}) == sorted(MEXICO)
    assert progress["count"] == len({row["activity"] for row in progress["results"]})


def test_a_member_country_s_users_report_for_its_groups(coordinator, member_user):
    assert sorted(group.code for group in policy.groups_of(coordinator)) == sorted(MEXICO)
    # Chile takes part in group IV only through the fixture's member role.
    assert "2020-2021/IV" in {group.code for group in policy.groups_of(member_user)}
