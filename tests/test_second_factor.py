"""Staff log in with a password and a one-time code (accounts/second_factor.py): enrolment of an
authenticator app with its recovery codes, the code after the password, a code used once,
wrong codes counted as wrong passwords are, a focal point's choice to turn it on, and the demo
accounts' way around it in development only."""

import datetime
import os
import re
import subprocess
import sys
from binascii import unhexlify

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor as mechanism
from accounts.checks import second_factor_skipped_only_in_development

from .support import factories
from .support.second_factor import device_for

pytestmark = pytest.mark.django_db
LOGIN, ADMIN = "/en/accounts/login/", "/en/admin/"
CODE, ENROL = "/en/accounts/code/", "/en/accounts/code/enrol/"


def code_at(device, when=None) -> str:
    """What the device's app shows at `when` (now by default)."""
    app = TOTP(unhexlify(device.key), step=device.step)
    app.time = (when or timezone.now()).timestamp()
    return f"{app.token():06d}"


def password_step(client, username, password="pw", next_page=ADMIN):
    """The log-in page, then the page asked for: where the portal sends the user."""
    response = client.post(f"{LOGIN}?next={next_page}", {"username": username, "password": password})
    assert response.status_code == 302, response.status_code
    return client.get(response["Location"])


@pytest.fixture
def clerk(secretariat_user):
    return secretariat_user


def test_a_staff_user_without_a_device_enrols_then_keeps_recovery_codes(client, clerk):
    answer = password_step(client, "clerk")
    assert answer.status_code == 302 and answer["Location"] == f"{ENROL}?next=%2Fen%2Fadmin%2F"
    page = client.get(answer["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "<script" not in html.split("<main", 1)[-1]
    device = TOTPDevice.objects.get(user=clerk, confirmed=False)
    secret = re.search(r"data-secret>([A-Z2-7 ]+)<", html).group(1)
    assert secret.replace(" ", "") == mechanism.secret_text(device).replace(" ", "")
    wrong = client.post(ENROL, {"code": "000000" if code_at(device) != "000000" else "111111", "next": ADMIN})
    assert wrong.status_code == 400 and "That is not the code the app shows" in wrong.content.decode()
    assert client.get(ADMIN).status_code == 302  # still owes it
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5), tick=False):
        done = client.post(ENROL, {"code": code_at(device), "next": ADMIN})
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert done.status_code == 200 and len(codes) == 10 and f'href="{ADMIN}"' in done.content.decode()
    assert set(StaticToken.objects.filter(device__user=clerk).values_list("token", flat=True)) == set(codes)
    assert TOTPDevice.objects.get(user=clerk).confirmed
    assert client.get(ADMIN).status_code == 200


def test_the_code_step_lets_a_good_code_in_once(clerk):
    device = device_for(clerk)
    first, second = Client(), Client()
    answer = password_step(first, "clerk")
    assert answer["Location"] == f"{CODE}?next=%2Fen%2Fadmin%2F"
    code = code_at(device)
    response = first.post(CODE, {"code": code, "next": ADMIN})
    assert response.status_code == 302 and response["Location"] == ADMIN
    assert first.get(ADMIN).status_code == 200
    # The same code again, from another session: already used.
    password_step(second, "clerk")
    again = second.post(CODE, {"code": code, "next": ADMIN})
    assert again.status_code == 400 and "already used" in again.content.decode()
    assert second.get(ADMIN)["Location"].startswith(CODE)


def test_a_recovery_code_works_once(client, clerk):
    device_for(clerk)
    code = mechanism.recovery_codes_new(user=clerk)[0]
    password_step(client, "clerk")
    assert client.post(CODE, {"code": code.upper(), "next": ADMIN}).status_code == 302
    assert client.get(ADMIN).status_code == 200
    assert mechanism.recovery_codes_left(clerk) == 9
    other = Client()
    password_step(other, "clerk")
    assert other.post(CODE, {"code": code, "next": ADMIN}).status_code == 400


def test_a_wrong_code_is_answered_in_spanish_and_slows_the_next_try(client, clerk):
    device = device_for(clerk)
    password_step(client, "clerk")
    good = code_at(device)
    wrong = client.post(CODE.replace("/en/", "/es/"), {"code": f"{(int(good) + 1) % 10**6:06d}"})
    assert wrong.status_code == 400 and "Ese código no es correcto" in wrong.content.decode()
    # At once, even the right code waits: the device is throttled after a wrong one.
    throttled = client.post(CODE, {"code": good})
    assert (
        throttled.status_code == 429 and "Too many wrong codes: wait 1 second," in throttled.content.decode()
    )
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=31), tick=False):
        assert client.post(CODE, {"code": code_at(device), "next": ADMIN}).status_code == 302


def test_wrong_codes_count_as_wrong_passwords_and_lock_the_account_out(client, clerk):
    device = device_for(clerk)
    password_step(client, "clerk")
    start = timezone.now()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # Each try after the throttle's wait (1, 2, 4, 8 seconds): only axes stops them.
        with time_machine.travel(start + datetime.timedelta(seconds=20 * attempt), tick=False):
            wrong = f"{(int(code_at(device)) + 1) % 10**6:06d}"
            response = client.post(CODE, {"code": wrong})
    assert AccessAttempt.objects.get(username="clerk").failures_since_start == settings.AXES_FAILURE_LIMIT
    assert response.status_code == 429 and "Too many failed log-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session  # the half-open session ended
    with time_machine.travel(start + datetime.timedelta(seconds=100), tick=False):
        assert client.post(LOGIN, {"username": "clerk", "password": "pw"}).status_code == 429


def test_an_unverified_staff_session_is_sent_to_the_code_page_everywhere(client, clerk):
    device_for(clerk)
    client.force_login(clerk)
    for url in (ADMIN, "/en/admin/auth/user/", "/es/my-groups/", "/en/", "/en/accounts/tokens/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].split("?")[0] in (
            CODE,
            CODE.replace("en", "es"),
        )
    assert client.post("/en/admin/auth/user/", {"action": "delete_selected"}).status_code == 302
    assert client.get("/healthz").status_code in (200, 503)
    assert client.get(CODE).status_code == 200


def test_a_focal_point_turns_it_on_then_logs_in_with_it(client, coordinator):
    client.force_login(coordinator)
    assert "Set up a log-in code" in client.get("/en/accounts/two-step/").content.decode()
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=coordinator)
    client.post(ENROL, {"code": code_at(device)})
    assert mechanism.is_enrolled(coordinator)
    page = client.get("/en/accounts/two-step/").content.decode()
    assert "You have 10 recovery codes left." in page and 'value="turn_off"' in page
    fresh = Client()
    assert password_step(fresh, "focal-inegi", next_page="/en/my-groups/")["Location"].startswith(CODE)
    # Turned off again from the page: the password alone opens the account.
    assert client.post("/en/accounts/two-step/", {"action": "turn_off"}).status_code == 302
    assert not mechanism.is_enrolled(coordinator)
    assert password_step(Client(), "focal-inegi", next_page="/en/my-groups/").status_code == 200


def test_staff_cannot_turn_it_off(client, clerk):
    from .support.second_factor import log_in

    log_in(client, clerk)
    page = client.get("/en/accounts/two-step/").content.decode()
    assert 'value="turn_off"' not in page
    client.post("/en/accounts/two-step/", {"action": "turn_off"})
    assert mechanism.is_enrolled(clerk)


DEMO = {"DEBUG": True, "SECOND_FACTOR_SKIPPED_FOR": ("secretariat",)}


def test_the_demo_secretariat_skips_it_in_development_only(client):
    from core.roles import secretariat_group

    demo = factories.person("secretariat", is_staff=True)
    demo.groups.add(secretariat_group())
    with override_settings(**DEMO):
        assert password_step(client, "secretariat").status_code == 200
        assert not mechanism.required(demo)
        device_for(demo)  # once it enrols, the demo account gives its code too
        assert mechanism.required(demo)
    TOTPDevice.objects.filter(user=demo).delete()
    with override_settings(**{**DEMO, "DEBUG": False}):
        assert mechanism.required(demo)
        assert [e.id for e in second_factor_skipped_only_in_development(None)] == ["accounts.E001"]
    assert not second_factor_skipped_only_in_development(None)


def test_production_settings_skip_nobody():
    """(Their deploy check stays clean: tests/test_commands.py.)"""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cea_portal.settings.production",
        "DJANGO_SECRET_KEY": "a-production-like-secret-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "portal.example.org",
    }
    probe = (
        "from django.conf import settings; print(repr(getattr(settings, 'SECOND_FACTOR_SKIPPED_FOR', ())))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {probe}"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip() == "()"
    assert getattr(settings, "SECOND_FACTOR_SKIPPED_FOR", ()) == ()  # nor the tests' settings


def test_the_operator_resets_a_code_when_nobody_can_in_the_admin(client):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.core.management.base import CommandError

    root = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    device_for(root)
    call_command("reset_second_factor", "root")
    assert not mechanism.is_enrolled(root)
    assert password_step(client, "root")["Location"].startswith(ENROL)
    with pytest.raises(CommandError):
        call_command("reset_second_factor", "nobody")
