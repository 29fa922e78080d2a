"""Logging users in as the portal asks them to: staff, the secretariat and anyone who set up a
log-in code give their code after the password (accounts/second_factor.py).

In the test client, `log_in(client, user)` signs in as Django's force_login does and, for a user
who must give a code, records in the session the device that verified it, as django-otp does
after a good code (the user gets a confirmed authenticator-app device if they have none): the
check is not turned off; the session is a verified one. Against a served portal (a real HTTP
client or a browser), `code_for(key)` computes the code an authenticator app would show now
from the device's key (django_otp.oath's TOTP), never one already used."""

import time
from binascii import unhexlify
from dataclasses import dataclass

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor

STEP = 30  # seconds a TOTP code lasts (TOTPDevice's default)


def device_for(user) -> TOTPDevice:
    """The user's confirmed authenticator-app device, set up now if they have none."""
    device = second_factor.app_device(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=second_factor.APP_NAME, confirmed=True)
    return device


def log_in(client, user):
    """Sign `user` in on the test client, with their second factor verified if they owe one."""
    client.force_login(user)
    if second_factor.required(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device_for(user).persistent_id
        session.save()
    return client


@dataclass(frozen=True)
class PasswordOnly:
    """A user signed in with the password alone: the session still owes its code."""

    user: object


def log_in_password_only(client, user):
    client.force_login(user)
    return client


# The last time step each key's code was given for: a code is accepted once, so the next log-in
# with the same key waits for the app's next code, as a person would.
_last_step: dict[str, int] = {}


def code_for(key_hex: str) -> str:
    """The code an app with this key (hex, as TOTPDevice.key) shows now, never one given before
    by this test run: waits up to 30 seconds for the next one when it must."""
    step = int(time.time()) // STEP
    if step <= _last_step.get(key_hex, -1):
        time.sleep((step + 1) * STEP - time.time() + 0.05)
        step = int(time.time()) // STEP
    _last_step[key_hex] = step
    app = TOTP(unhexlify(key_hex), step=STEP)
    app.time = step * STEP  # the code of that step, even if the clock turns meanwhile
    return f"{app.token():06d}"


def new_key() -> str:
    """A fresh key for an authenticator app, hex as TOTPDevice.key holds it."""
    from django_otp.util import random_hex

    return random_hex(20)


def enrol_command(username: str, key: str) -> str:
    """Python for `manage.py shell -c` on a served portal's database: `username` gets a
    confirmed authenticator-app device with `key`, as if they had enrolled it."""
    return (
        "from django.contrib.auth import get_user_model; "
        "from django_otp.plugins.otp_totp.models import TOTPDevice; "
        f"user = get_user_model().objects.get(username={username!r}); "
        "TOTPDevice.objects.filter(user=user).delete(); "
        f"TOTPDevice.objects.create(user=user, name={second_factor.APP_NAME!r}, key={key!r}, confirmed=True)"
    )


# The demo accounts the browser tests' portal enrols (tests/browser/conftest.py), with their keys.
DEMO_KEYS = {"secretariat": new_key()}
