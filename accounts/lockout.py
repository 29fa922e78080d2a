"""Who django-axes locks out after wrong passwords, and what the lock-out page tells them.

Two locks, both in the database (every app server sees them; they keep working without Redis):

- **A username from one address** (axes itself, AXES_LOCKOUT_PARAMETERS): AXES_FAILURE_LIMIT
  wrong passwords lock that account out from that address for AXES_COOLOFF_TIME. A colleague
  behind the same address, or the same person on another connection, is not locked.
- **A username from every address together** (LockoutHandler): a client with many addresses
  got AXES_FAILURE_LIMIT guesses at each. Now AXES_USERNAME_FAILURE_LIMIT wrong passwords at one
  account within AXES_COOLOFF_TIME, from anywhere, pause it from every address it has not
  logged in from within AXES_KNOWN_ADDRESS_DAYS. So that nobody can lock a user out for longer:
  a try refused by this pause checks no password and is not counted, so the pause lifts itself
  at most AXES_COOLOFF_TIME after the wrong password that started it, whoever keeps trying; and
  the addresses the user logged in from (their office, their home) are not paused by it, each
  still with its own AXES_FAILURE_LIMIT. Someone who keeps guessing gets at most
  AXES_USERNAME_FAILURE_LIMIT guesses in any AXES_COOLOFF_TIME, however many addresses they have.

The wrong passwords counted for the second lock are axes' AccessFailureLog, written here for
the checks that really failed (never for a try a lock refused), and listed in the admin."""

import datetime
import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from core.proxies import client_address

FAILURES_KEPT = 1000  # per username, the newest: the admin's record of them, bounded


def username_locked_until(request, credentials=None) -> datetime.datetime | None:
    """When the pause of the username (every address together) lifts, if it applies to this
    request's address; None when it does not."""
    username = get_client_username(request, credentials)
    limit = settings.AXES_USERNAME_FAILURE_LIMIT
    if not username or not limit:
        return None
    now = getattr(request, "axes_attempt_time", None) or timezone.now()
    window = settings.AXES_COOLOFF_TIME
    latest = list(
        AccessFailureLog.objects.filter(username=username, attempt_time__gt=now - window)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)[:limit]
    )
    if len(latest) < limit or _known_address(username, _address(request), now):
        return None
    return latest[-1] + window  # the oldest of the last `limit` leaves the window then


def _known_address(username, address, now) -> bool:
    """Whether the account logged in from this address lately (axes' AccessLog)."""
    since = now - datetime.timedelta(days=settings.AXES_KNOWN_ADDRESS_DAYS)
    return AccessLog.objects.filter(username=username, ip_address=address, attempt_time__gte=since).exists()


def _address(request) -> str:
    return getattr(request, "axes_ip_address", None) or client_address(request.META)


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler, with the username's pause across addresses (module docstring).
    `request.portal_lock` says which lock refused the request, if one did: "address" (axes')
    or "username"."""

    def is_locked(self, request, credentials=None) -> bool:
        request.portal_lock = None
        if super().is_locked(request, credentials):
            request.portal_lock = "address"
        elif username_locked_until(request, credentials):
            request.portal_lock = "username"
        return request.portal_lock is not None

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        lock = getattr(request, "portal_lock", None)
        if request is not None and lock == "username":
            # No password was checked, and the try is not counted: counting it would let
            # anyone keep the pause going. Answered with the lock-out page all the same.
            self._locked_out(request, credentials)
            return
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or lock == "address":
            return  # refused by axes' own lock: no password was checked either
        _record_failure(request, credentials)
        if not request.axes_locked_out and username_locked_until(request, credentials):
            self._locked_out(request, credentials)  # this wrong password started the pause

    @staticmethod
    def _locked_out(request, credentials):
        request.portal_lock = "username"
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes",
            request=request,
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )


def _record_failure(request, credentials) -> None:
    username = get_client_username(request, credentials)
    AccessFailureLog.objects.create(
        username=username,
        ip_address=request.axes_ip_address,
        user_agent=request.axes_user_agent,
        http_accept=request.axes_http_accept,
        path_info=request.axes_path_info,
        locked_out=request.axes_locked_out,
    )
    stale = (
        AccessFailureLog.objects.filter(username=username)
        .order_by("-attempt_time", "-pk")
        .values_list("pk", flat=True)[FAILURES_KEPT:]
    )
    AccessFailureLog.objects.filter(pk__in=list(stale)).delete()


def lockout_context(request, credentials=None) -> dict:
    """The account, the address, the wrong passwords counted, the minutes left, whether a try
    during the pause starts it again, and whether it is the username's pause across addresses
    (`by_username`), which no try starts again."""
    username = str((credentials or {}).get("username") or request.POST.get("username", "")).strip()
    address = _address(request)
    cooloff = settings.AXES_COOLOFF_TIME
    last = AccessAttempt.objects.filter(username=username, ip_address=address).aggregate(
        last=Max("attempt_time")
    )["last"]
    # Axes counts the pause from the last attempt it recorded: by default every attempt, so
    # each try during the pause starts it again (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT).
    lifts = last + cooloff if last else None
    by_username = getattr(request, "portal_lock", None) == "username"
    if by_username:
        lifts = username_locked_until(request, credentials) or lifts
    left = (lifts - timezone.now()) if lifts else cooloff
    return {
        "username": username[:150],
        "address": address,
        "failures": settings.AXES_FAILURE_LIMIT,
        "minutes": max(1, math.ceil(left.total_seconds() / 60)),
        "tries_restart_it": settings.AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT and not by_username,
        "by_username": by_username,
        "known_days": settings.AXES_KNOWN_ADDRESS_DAYS,
    }
