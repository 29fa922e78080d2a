"""The admin and the secretariat's actions need a session that gave its log-in code, for every
role; the secretariat sets a user's institution and resets a lost second factor, recorded in
the user's history (the admin's log)."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor as mechanism
from accounts.models import Affiliation
from groups.models import Institution
from reporting import policy
from reporting.models import GroupReport, ReportingRound

from .support import factories
from .support.db_state import snapshot
from .support.second_factor import device_for, log_in, log_in_password_only

pytestmark = pytest.mark.django_db
CODE, ENROL = "/en/accounts/code/", "/en/accounts/code/enrol/"


@pytest.fixture
def people(secretariat_user, coordinator):
    """Every kind of visitor: (user or None, whether their session gave its code)."""
    users = get_user_model().objects
    staff = users.create_user("staff", password="pw", is_staff=True)
    root = users.create_superuser("root", "root@example.org", "pw")
    careful = factories.person("focal-careful", "INEGI@MEX")
    device_for(careful)
    return {
        "anonymous": (None, False),
        "focal point": (coordinator, True),
        "focal point with a code, verified": (careful, True),
        "focal point with a code, password only": (careful, False),
        "secretariat, verified": (secretariat_user, True),
        "secretariat, password only": (secretariat_user, False),
        "other staff, verified": (staff, True),
        "other staff, password only": (staff, False),
        "superuser, verified": (root, True),
        "superuser, password only": (root, False),
    }


def client_of(user, verified):
    client = Client()
    if user is not None:
        (log_in if verified else log_in_password_only)(client, user)
    return client


def test_a_session_that_owes_its_code_holds_no_power(people, open_round, group_iv):
    for role, (user, verified) in people.items():
        if user is None:
            continue
        client = client_of(user, verified)
        user = client.get("/en/accounts/two-step/").wsgi_request.user
        owes = role.endswith("password only")
        assert mechanism.owed(user) is owes, role
        if owes:
            assert not policy.can_review(user) and not policy.can_change_in_admin(user), role
            assert not policy.can_open_or_close_rounds(user) and not policy.can_issue(user), role
            assert policy.relation(user, group_iv) is policy.Relation.NONE, role
            assert not policy.can_manage_people(user), role


ADMIN_PAGES = ("/en/admin/", "/en/admin/reporting/reportinground/", "/en/admin/auth/user/")


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_the_admin_needs_a_verified_staff_session(people, page):
    for role, (user, verified) in people.items():
        response = client_of(user, verified).get(page)
        if role.endswith("password only"):
            assert response.status_code == 302 and response["Location"].startswith(CODE), role
        elif role in ("secretariat, verified", "superuser, verified"):
            assert response.status_code == 200, role
        elif role == "other staff, verified" and page == "/en/admin/":
            assert response.status_code == 200, role  # an empty index: staff with no permission
        elif role == "other staff, verified":
            assert response.status_code == 403, role
        else:
            assert response.status_code == 302 and "/admin/login/" in response["Location"], role


def test_the_secretariats_actions_need_a_verified_session(people, open_round, group_iv):
    report = factories.group_report(open_round, group_iv, status=GroupReport.Status.SUBMITTED)
    review = f"/en/rounds/{open_round.meeting.code}/2020-2021/IV/"
    close = {"action": "close_round", "_selected_action": [open_round.pk]}
    for role, (user, verified) in people.items():
        if not role.endswith("password only"):
            continue
        client = client_of(user, verified)
        before = snapshot()
        for response in (
            client.post(review, {"action": "accept"}),
            client.post("/en/admin/reporting/reportinground/", close),
            client.get(f"/en/rounds/{open_round.meeting.code}/"),
        ):
            assert response.status_code == 302 and response["Location"].startswith(CODE), role
        assert snapshot() == before, role
    assert GroupReport.objects.get(pk=report.pk).status == GroupReport.Status.SUBMITTED
    secretariat = client_of(*people["secretariat, verified"])
    assert secretariat.post(review, {"action": "accept"}).status_code == 302
    assert GroupReport.objects.get(pk=report.pk).status == GroupReport.Status.ACCEPTED
    assert ReportingRound.objects.filter(pk=open_round.pk, status="open").exists()


def test_the_secretariat_sets_a_users_institution(secretariat_client):
    person = factories.person("newcomer")
    url = f"/en/admin/auth/user/{person.pk}/change/"
    page = secretariat_client.get(url)
    assert page.status_code == 200 and 'name="affiliation-0-institution"' in page.content.decode()
    from .support.admin_forms import post_data_from

    data = post_data_from(page)
    inegi = Institution.objects.get(code="INEGI@MEX")
    data.update({"affiliation-0-institution": inegi.pk, "is_superuser": "on"})
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Affiliation.objects.get(user=person).institution == inegi
    person.refresh_from_db()
    assert not person.is_superuser  # only a superuser makes one


def test_the_secretariat_cannot_change_a_superusers_account(secretariat_client):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    url = f"/en/admin/auth/user/{root.pk}/change/"
    assert 'name="email"' not in secretariat_client.get(url).content.decode()
    assert secretariat_client.post(url, {"username": "root", "email": "mine@example.org"}).status_code == 403
    assert secretariat_client.post(f"/en/admin/auth/user/{root.pk}/second-factor/reset/").status_code == 403
    remove = {"action": "delete_selected", "_selected_action": [root.pk], "post": "yes"}
    assert secretariat_client.post("/en/admin/auth/user/", remove).status_code == 403
    assert get_user_model().objects.filter(pk=root.pk).exists()


@pytest.mark.parametrize(
    "lang, message", [("en", "Reset the log-in code"), ("es", "Se restableció el código")]
)
def test_a_lost_phone_is_reset_by_the_secretariat_and_recorded(
    secretariat_client, secretariat_user, lang, message
):
    person = factories.person("colleague", is_staff=True)
    device_for(person)
    mechanism.recovery_codes_new(user=person)
    theirs = client_of(person, True)
    assert theirs.get("/en/admin/").status_code == 200
    page = secretariat_client.get(f"/{lang}/admin/auth/user/{person.pk}/change/").content.decode()
    assert f'formaction="/{lang}/admin/auth/user/{person.pk}/second-factor/reset/"' in page
    response = secretariat_client.post(f"/{lang}/admin/auth/user/{person.pk}/second-factor/reset/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert not StaticDevice.objects.filter(user=person).exists()
    entry = LogEntry.objects.get(object_id=str(person.pk), action_flag=CHANGE)
    assert entry.user == secretariat_user and message in entry.get_change_message()
    # Their session verified with the lost device owes a code again: they enrol anew.
    assert theirs.get("/en/admin/")["Location"].startswith(ENROL)


def test_the_reset_action_spares_ones_own_code(secretariat_client, secretariat_user):
    others = [factories.person(f"staff-{n}", is_staff=True) for n in range(2)]
    for user in [*others, secretariat_user]:
        device_for(user)
    response = secretariat_client.post(
        "/en/admin/auth/user/",
        {"action": "reset_second_factor", "_selected_action": [u.pk for u in [*others, secretariat_user]]},
        follow=True,
    )
    html = response.content.decode()
    assert "2 users set up a new log-in code at the next log-in." in html and "Your own log-in code" in html
    assert list(TOTPDevice.objects.values_list("user__username", flat=True)) == ["clerk"]
    assert LogEntry.objects.filter(action_flag=CHANGE, object_id__in=[str(u.pk) for u in others]).count() == 2
