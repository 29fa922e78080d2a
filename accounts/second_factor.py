"""The second factor at log-in: after the password, a one-time code from an authenticator app
(django-otp's TOTP device), or one of ten recovery codes (its static device), each usable once.

Who must give one: staff accounts and the secretariat, always; anyone else who turned it on
(a focal point, from their page). reporting/policy.py withholds the secretariat's and the
admin's powers from a session that owes its code, and accounts/middleware.py sends such a
session to the code page. In development only, the demo accounts named in the setting
SECOND_FACTOR_SKIPPED_FOR need none until they enrol (cea_portal/settings/development.py)."""

import re
from base64 import b32encode
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import SystemActor, is_secretariat

APP_NAME = "authenticator app"  # the devices' names, as the admin's history shows them
RECOVERY_NAME = "recovery codes"
RECOVERY_CODES = 10


def required_by_role(user) -> bool:
    """Staff and the secretariat sign in with a second factor, whatever they chose."""
    return bool(user.is_staff or user.is_superuser or is_secretariat(user))


def skipped_in_development(user) -> bool:
    """A demo account let through without a device: only with DEBUG on, only for the names
    development.py lists, and only until it enrols one (accounts.checks refuses the setting
    in any other configuration)."""
    return bool(settings.DEBUG and user.get_username() in getattr(settings, "SECOND_FACTOR_SKIPPED_FOR", ()))


def app_device(user, confirmed=True):
    return TOTPDevice.objects.devices_for_user(user, confirmed=confirmed).first()


def is_enrolled(user) -> bool:
    return app_device(user) is not None


def required(user) -> bool:
    """Whether the user's log-in asks for a second factor."""
    if isinstance(user, SystemActor) or not user.is_authenticated:
        return False
    if is_enrolled(user):
        return True
    return required_by_role(user) and not skipped_in_development(user)


def owed(user) -> bool:
    """A session signed in with the password alone that must still give its code. A user that
    came with no session (an API token's, a command's) carries no such state: the token is a
    credential of its own, made in a session that gave its code."""
    is_verified = getattr(user, "is_verified", None)
    if is_verified is None or not user.is_authenticated:
        return False
    if not hasattr(user, "_second_factor_owed"):
        user._second_factor_owed = not is_verified() and required(user)
    return user._second_factor_owed


def _grouped(text: str) -> str:
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def secret_text(device) -> str:
    """The key as an authenticator app takes it typed: base32, in groups of four."""
    return _grouped(b32encode(device.bin_key).decode())


def qr_svg(device) -> str:
    """The key as a QR code for the app to scan: an inline SVG element."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode").split("?>", 1)[-1].strip()


def enrolment_start(*, user) -> TOTPDevice:
    """The user's unconfirmed app device: made once, then shown again until confirmed."""
    device = app_device(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)
    return device


def recovery_codes_new(*, user) -> list[str]:
    """Ten new recovery codes; the earlier ones stop working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@dataclass(frozen=True)
class Check:
    """The outcome of a code: the device that accepted it, or why none did."""

    device: object = None
    wait_until: object = None  # too many wrong codes: no code is checked before then

    @property
    def checked(self) -> bool:
        return self.wait_until is None


def normalised(code: str) -> str:
    return re.sub(r"[\s-]+", "", code or "").lower()


def _verify(device, code) -> Check:
    with transaction.atomic():
        # Under the row's lock: two requests with one code cannot both use it.
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, why = device.verify_is_allowed()
        if not allowed:
            return Check(wait_until=why.get("locked_until") or timezone.now())
        return Check(device=device if device.verify_token(code) else None)


def code_check(*, user, code: str) -> Check:
    """Check a code against the user's app (six digits) or their recovery codes (the rest).
    A used code is spent: the app's for its 30 seconds and before, a recovery code for good.
    Each device slows down after wrong codes (django-otp's throttling: 1, 2, 4... seconds)."""
    code = normalised(code)
    app = app_device(user)
    if app is not None and code.isdigit() and len(code) == app.digits:
        return _verify(app, code)
    recovery = StaticDevice.objects.devices_for_user(user).first()
    if recovery is None or not code:
        return Check()
    return _verify(recovery, code)


def enrolment_confirm(*, user, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a code it shows: then it is the user's device, and the answer is
    their recovery codes; None for a wrong code."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if not device.verify_token(normalised(code)):
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return recovery_codes_new(user=user)


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def reset(*, user) -> int:
    """Forget every device of the user (a lost phone): their next log-in enrols again, and a
    session they verified with one of them owes its code again. The number forgotten."""
    count = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        count += 1
    return count


def session_verified(request, device) -> None:
    """Record in the session that it gave its code with `device`, as django_otp.login does,
    under a new session key: a key known before the code is worth nothing after it."""
    request.session.cycle_key()
    request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    request.user.otp_device = device
    request.user._second_factor_owed = False
