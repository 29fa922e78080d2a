"""The API and a draft programme (issue 30): each programme's `status` (draft or approved) with
its approval; a draft not yet published is given to no one but the secretariat (its groups to
their proposal's side, by token), once published to everyone, marked as a draft; a proposal's
group at /api/v1/groups/<period>/<numeral>/ like any group, naming for each carried activity
the programme and activity it continues."""

import pytest

from .support import factories, read_side
from .support.api_clients import ApiClient, token_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

GROUP = "/api/v1/groups/2022-2023/IV/"


def _programmes(api) -> dict:
    response = api.get("/api/v1/programmes/")
    assert response.status_code == 200
    return {p["period"]: p for p in response.json()["results"]}


def test_the_api_lists_2020_2021_as_approved_with_its_approval():
    listed = _programmes(ApiClient())["2020-2021"]
    assert listed["status"] == "approved"
    assert listed["status_label"] == {"en": "approved", "es": "aprobado"}
    assert listed["approved_at"] and listed["published_at"] is None
    assert set(listed) >= {"approved_on", "resolution", "follows"}
    assert ApiClient().get("/api/v1/programmes/2020-2021/").json() == listed


def test_an_unpublished_draft_is_given_to_no_one_but_its_side(coordinator, other_focal, secretariat_user):
    draft = read_side.drafted()
    anonymous = ApiClient()
    assert "2022-2023" not in _programmes(anonymous)
    assert anonymous.get("/api/v1/programmes/2022-2023/").status_code == 404
    assert anonymous.get(GROUP).status_code == 404
    assert anonymous.get("/api/v1/groups/?programme=2022-2023").status_code == 400
    groups = anonymous.get("/api/v1/groups/?page_size=500").json()["results"]
    assert not [g for g in groups if g["programme"] == "2022-2023"]
    progress = anonymous.get("/api/v1/progress/?page_size=500").json()["results"]
    assert not [a for a in progress if a["activity"].startswith("2022-2023/")]
    assert ApiClient(token_for(other_focal)).get(GROUP).status_code == 404

    secretariat = ApiClient(token_for(secretariat_user))
    seen = _programmes(secretariat)["2022-2023"]
    assert seen["status"] == "draft" and seen["published_at"] is None and seen["follows"] == "2020-2021"
    assert secretariat.get("/api/v1/programmes/").get("ETag") != anonymous.get("/api/v1/programmes/").get(
        "ETag"
    ), "a client given more is not tagged as everyone else"
    mine = ApiClient(token_for(coordinator)).get(GROUP)
    assert mine.status_code == 200 and mine.json()["programme_status"] == "draft"
    assert [a["continues"]["order"] for a in mine.json()["activities"]] == [draft.old.order]

    # A round on it (written past the model's rule: a round reports on an approved programme).
    code = factories.reporting_round(draft.programme, number=1, status="closed").meeting.code
    assert anonymous.get(f"/api/v1/rounds/{code}/").status_code == 404
    rounds = anonymous.get("/api/v1/rounds/?page_size=500").json()["results"]
    assert code not in [r["code"] for r in rounds]
    assert secretariat.get(f"/api/v1/rounds/{code}/").status_code == 200


def test_a_published_draft_is_listed_as_a_draft_and_its_group_names_what_it_continues():
    draft = read_side.published(read_side.drafted())
    api = ApiClient()
    listed = _programmes(api)["2022-2023"]
    assert listed["status"] == "draft" and listed["published_at"] and listed["approved_at"] is None
    assert listed["follows"] == "2020-2021" and listed["url"].endswith("/api/v1/programmes/2022-2023/")
    assert _programmes(api)["2020-2021"]["status"] == "approved"

    group = api.get(GROUP).json()
    assert group["programme"] == "2022-2023" and group["programme_status"] == "draft"
    assert group["continues"]["programme"] == "2020-2021" and group["continues"]["group"] == "IV"
    assert group["continues"]["url"].endswith("/api/v1/groups/2020-2021/IV/")
    [carried] = group["activities"]
    assert carried["key"] == f"2022-2023/IV/{draft.carried.order}"
    assert carried["continues"]["programme"] == "2020-2021"
    assert carried["continues"]["group"] == "IV"
    assert carried["continues"]["order"] == draft.old.order
    assert carried["continues"]["key"] == f"2020-2021/IV/{draft.old.order}"
    assert carried["continues"]["url"].endswith("/api/v1/groups/2020-2021/IV/")
    # The activity it continues is there, unchanged, and continues nothing itself.
    old = api.get("/api/v1/groups/2020-2021/IV/").json()
    assert old["programme_status"] == "approved" and old["continues"] is None
    assert next(a for a in old["activities"] if a["order"] == draft.old.order)["continues"] is None
    assert api.get("/api/v1/groups/?programme=2022-2023").json()["count"] >= 1


def test_an_approved_draft_gives_its_approval():
    read_side.approved(read_side.drafted())
    listed = _programmes(ApiClient())["2022-2023"]
    assert listed["status"] == "approved"
    assert listed["approved_at"] == read_side.conference().code
    assert listed["approved_on"] == "2021-11-19"
    assert listed["resolution"] == {"en": "12(XI)", "es": "12(XI)"}
