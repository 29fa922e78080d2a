"""Focal points save and submit progress through the API with a personal access token: the same
policy, services and version check as the progress form; refused calls write nothing; every
change is in the group's history with the source "API"."""

import pytest

from reporting.models import GroupReport, ProgressChange, ProgressEntry
from reporting.services import EntryValues, progress_save

from .support.api_clients import ApiClient, group_report_url, token_for
from .support.db_state import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def focal(coordinator):
    return ApiClient(token_for(coordinator))


@pytest.fixture
def url(open_round, group_iv):
    return group_report_url(open_round, group_iv)


def _entry(open_round, group_iv, order):
    return ProgressEntry.objects.filter(
        round=open_round, activity__group=group_iv, activity__order=order
    ).first()


def test_a_focal_point_reads_its_draft(focal, url, coordinator, open_round, group_iv):
    activity = group_iv.activities.get(order=2)
    progress_save(
        group=group_iv,
        reporting_round=open_round,
        user=coordinator,
        entries={activity.pk: EntryValues(35, "A draft", "Un borrador")},
        notes={},
        seen_version=0,
        submit=False,
    )
    body = focal.get(url).json()
    assert (body["status"], body["version"], body["editable"]) == ("draft", 1, True)
    row = next(e for e in body["entries"] if e["activity"] == 2)
    assert row == {
        "activity": 2,
        "key": "2020-2021/IV/2",
        "text": row["text"],
        "percent": 35,
        "remarks": {"en": "A draft", "es": "Un borrador"},
    }
    assert len(body["entries"]) == group_iv.activities.count()


def test_a_draft_saved_through_the_api_is_in_the_history_as_api(
    focal, url, coordinator, open_round, group_iv
):
    response = focal.patch(
        url,
        {
            "version": 0,
            "entries": {"3": {"percent": 55, "remarks": {"en": "Sent", "es": "Enviado"}}},
            "notes": {"obstacles": {"es": "Ninguno"}},
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 1 and response.json()["status"] == "draft"
    entry = _entry(open_round, group_iv, 3)
    assert (entry.percent, entry.remarks_en, entry.remarks_es) == (55, "Sent", "Enviado")
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    assert (report.obstacles_es, report.obstacles_en or "") == ("Ninguno", "")
    changes = list(ProgressChange.objects.filter(report=report))
    assert {c.field for c in changes} == {"percent", "remarks_en", "remarks_es", "obstacles_es", "status"}
    assert {c.source for c in changes} == {"api"} and {c.changed_by for c in changes} == {coordinator}


def test_a_language_left_out_keeps_its_remarks(focal, url, open_round, group_iv):
    focal.patch(url, {"version": 0, "entries": {"3": {"percent": 20, "remarks": {"en": "E", "es": "S"}}}})
    response = focal.patch(url, {"version": 1, "entries": {"3": {"percent": 30, "remarks": {"en": "E2"}}}})
    assert response.status_code == 200
    entry = _entry(open_round, group_iv, 3)
    assert (entry.percent, entry.remarks_en, entry.remarks_es) == (30, "E2", "S")


def test_submitting_needs_every_percentage_then_submits(focal, url, open_round, group_iv):
    first = focal.patch(url, {"version": 0, "submit": True, "entries": {"1": {"percent": 100}}})
    assert first.status_code == 400
    missing = first.json()["entries"]
    assert "1" not in missing and set(missing) == {str(a.order) for a in group_iv.activities.all()} - {"1"}
    assert missing["2"] == {"percent": ["Give a percentage for every activity before submitting."]}
    assert not ProgressEntry.objects.filter(round=open_round).exists()
    values = {str(a.order): {"percent": 50} for a in group_iv.activities.all()}
    done = focal.patch(url, {"version": 0, "submit": True, "entries": values})
    assert done.status_code == 200 and done.json()["status"] == "submitted"
    assert done.json()["editable"] is False
    again = focal.patch(url, {"version": 1, "entries": {"1": {"percent": 10}}})
    assert again.status_code == 403


def test_a_stale_version_gets_409_with_the_other_values(focal, url, coordinator, open_round, group_iv):
    other = ApiClient(token_for(coordinator, "another tool"))
    assert other.patch(url, {"version": 0, "entries": {"3": {"percent": 40}}}).status_code == 200
    before = snapshot()
    response = focal.patch(url, {"version": 0, "entries": {"3": {"percent": 70}}})
    assert response.status_code == 409
    body = response.json()
    assert "You saved this group report in another window or program" in body["detail"]  # same person
    assert body["group_report"]["version"] == 1
    assert next(e for e in body["group_report"]["entries"] if e["activity"] == 3)["percent"] == 40
    assert {(c["activity"], c["field"], c["new_value"], c["source"]) for c in body["changes"]} >= {
        (3, "percent", "40", "api")
    }
    assert snapshot() == before


@pytest.mark.parametrize(
    "lang, says",
    [
        ("en", "You saved this group report in another window or program after you opened it here"),
        ("es", "Usted guardó este informe de grupo en otra ventana o programa después de abrirlo aquí"),
    ],
)
def test_a_stale_version_saved_by_oneself_says_so(coordinator, url, lang, says):
    """The same person's other program (another token of theirs) saved in between: the 409 says
    it was them, with the time and its zone, not "someone else"."""
    one = ApiClient(token_for(coordinator, "one tool"), lang=lang)
    two = ApiClient(token_for(coordinator, "another tool"), lang=lang)
    assert one.patch(url, {"version": 0, "entries": {"3": {"percent": 40}}}).status_code == 200
    response = two.patch(url, {"version": 0, "entries": {"3": {"percent": 70}}})
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert detail.startswith(says) and ("Santiago" in detail) and "Someone else" not in detail


@pytest.mark.parametrize(
    "lang, message",
    [
        ("en", "Ensure this value is less than or equal to 100."),
        ("es", "Asegúrese de que este valor es menor o igual a 100."),
    ],
)
def test_bad_values_get_400_with_a_message_per_field_in_the_language(coordinator, url, lang, message):
    client = ApiClient(token_for(coordinator), lang=lang)
    before = snapshot()
    response = client.patch(url, {"version": 0, "entries": {"3": {"percent": 101}, "4": {"percent": "lots"}}})
    assert response.status_code == 400
    errors = response.json()["entries"]
    assert errors["3"] == {"percent": [message]}
    assert list(errors["4"]) == ["percent"] and "4" in errors
    assert response["Content-Language"] == lang
    assert snapshot() == before


@pytest.mark.parametrize(
    "lang, message",
    [("en", "The group's plan has no activity 99."), ("es", "El plan del grupo no tiene la actividad 99.")],
)
def test_an_unknown_activity_is_refused_by_name(coordinator, url, lang, message):
    client = ApiClient(token_for(coordinator), lang=lang)
    before = snapshot()
    response = client.patch(url, {"version": 0, "entries": {"99": {"percent": 5}, "3": {"percent": 5}}})
    assert response.status_code == 400 and response.json() == {"entries": {"99": [message]}}
    assert snapshot() == before


def test_remarks_without_a_percentage_are_refused_next_to_the_activity(focal, url):
    before = snapshot()
    response = focal.patch(
        url, {"version": 0, "entries": {"3": {"percent": None, "remarks": {"en": "Why?"}}}}
    )
    assert response.status_code == 400
    assert response.json() == {"entries": {"3": {"percent": ["Give the percentage these remarks go with."]}}}
    assert snapshot() == before


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"entries": {"3": {"percent": 5}}},
        {"version": -1},
        {"version": 0, "entries": ["not", "a", "mapping"]},
    ],
)
def test_a_body_without_a_version_or_of_the_wrong_shape_is_refused(focal, url, body):
    before = snapshot()
    response = focal.patch(url, body)
    assert response.status_code == 400
    assert snapshot() == before


def test_a_body_that_is_not_json_is_refused(coordinator, url):
    client = ApiClient(token_for(coordinator))
    before = snapshot()
    response = client.client.patch(
        url, data="percent=5", content_type="application/x-www-form-urlencoded", **client.headers
    )
    assert response.status_code == 415
    assert snapshot() == before


def test_refused_writers_write_nothing(
    url, member_user, other_focal, reviewer, second_round, group_iv, coordinator
):
    for user in (member_user, other_focal, reviewer):
        client = ApiClient(token_for(user))
        before = snapshot()
        assert client.patch(url, {"version": 0, "entries": {"3": {"percent": 5}}}).status_code == 403
        assert snapshot() == before
    closed = group_report_url(second_round, group_iv)
    client = ApiClient(token_for(coordinator, "closed"))
    version = GroupReport.objects.get(round=second_round, group=group_iv).version
    before = snapshot()
    response = client.patch(closed, {"version": version, "entries": {"3": {"percent": 5}}})
    assert response.status_code == 403 and "round is not open" in response.json()["detail"]
    assert snapshot() == before


def test_the_secretariat_saves_for_any_group(secretariat_user, url, open_round, group_iv):
    client = ApiClient(token_for(secretariat_user))
    assert client.patch(url, {"version": 0, "entries": {"1": {"percent": 15}}}).status_code == 200
    assert _entry(open_round, group_iv, 1).percent == 15


def test_a_signed_in_session_needs_the_csrf_token_to_write(coordinator, url):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(coordinator)
    session = ApiClient(client=browser)
    assert session.get(url).status_code == 200
    before = snapshot()
    response = session.patch(url, {"version": 0, "entries": {"3": {"percent": 5}}})
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert snapshot() == before


def test_my_group_reports_lists_the_groups_of_the_token(focal, open_round, coordinator, member_user):
    """INEGI's focal point may change the reports of the groups INEGI coordinates; a member
    country's user reads them only."""
    from reporting import policy

    rows = focal.get("/api/v1/group-reports/").json()["results"]
    expected = [g.code for g in policy.groups_of(coordinator).order_by("number")]
    assert [r["group"] for r in rows] == expected and len(expected) > 1
    coordinated = {
        g.code
        for g in policy.groups_of(coordinator).with_roles()
        if policy.relation(coordinator, g) is policy.Relation.COORDINATOR
    }
    assert "2020-2021/IV" in coordinated
    assert {r["group"] for r in rows if r["editable"]} == coordinated
    assert {(r["round"], r["status"]) for r in rows} == {(open_round.meeting.code, "not_started")}
    iv = next(r for r in rows if r["group"] == "2020-2021/IV")
    assert iv["url"].endswith(f"/api/v1/group-reports/{open_round.meeting.code}/2020-2021/IV/")
    member_rows = ApiClient(token_for(member_user)).get("/api/v1/group-reports/").json()["results"]
    assert ("2020-2021/IV", False) in [(r["group"], r["editable"]) for r in member_rows]
