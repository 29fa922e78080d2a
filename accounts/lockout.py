"""What the lock-out page tells a visitor django-axes refused: which account is paused, from
which address, after how many wrong passwords and for how many more minutes. Axes locks a
username from one address (AXES_LOCKOUT_PARAMETERS), so the page names both: a colleague
behind the same address, or the same person on another connection, is not locked."""

import math

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from core.proxies import client_address


def lockout_context(request, credentials=None) -> dict:
    """The account, the address, the wrong passwords counted, the minutes left, and whether a
    try during the pause starts it again."""
    username = str((credentials or {}).get("username") or request.POST.get("username", "")).strip()
    address = getattr(request, "axes_ip_address", None) or client_address(request.META)
    cooloff = settings.AXES_COOLOFF_TIME
    last = AccessAttempt.objects.filter(username=username, ip_address=address).aggregate(
        last=Max("attempt_time")
    )["last"]
    # Axes counts the pause from the last attempt it recorded: by default every attempt, so
    # each try during the pause starts it again (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT).
    left = (last + cooloff - timezone.now()) if last else cooloff
    return {
        "username": username[:150],
        "address": address,
        "failures": settings.AXES_FAILURE_LIMIT,
        "minutes": max(1, math.ceil(left.total_seconds() / 60)),
        "tries_restart_it": settings.AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT,
    }
