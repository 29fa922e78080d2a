"""The pages of the second factor (accounts/second_factor.py): the code asked after the
password, the enrolment of an authenticator app with its recovery codes, and the user's own
page to turn it on or off and to make new recovery codes.

A wrong code counts as a wrong password does: it is reported to django-axes as a failed
log-in of the account, so wrong passwords and wrong codes together lock it out from the
address (AXES_FAILURE_LIMIT); and each device slows down after wrong codes (django-otp's
throttling), which the password's success does not undo."""

import math

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.times import zoned

from . import second_factor
from .forms import AppCodeForm, CodeForm
from .views import locked_out


def _next(request, default=settings.LOGIN_REDIRECT_URL) -> str:
    """Where to go once the code is given: the page asked for, if it is the portal's."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, require_https=request.is_secure()):
        return wanted
    return resolve_url(default)


def _wait(until) -> str:
    """After wrong codes, how long before a code is checked again (django-otp's throttling)."""
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    if seconds > 120:
        return _("Too many wrong codes: try again after %(time)s, with the code the app shows then.") % {
            "time": zoned(until)
        }
    return ngettext(
        "Too many wrong codes: wait %(count)d second, then type the code the app shows then.",
        "Too many wrong codes: wait %(count)d seconds, then type the code the app shows then.",
        seconds,
    ) % {"count": seconds}


def _credentials(request) -> dict:
    return {"username": request.user.get_username()}


def _locked(request):
    """The lock-out page, once wrong passwords and codes have locked the account out from here;
    the session that owed its code ends with it."""
    credentials = _credentials(request)
    if not AxesProxyHandler.is_locked(request, credentials):
        return None
    if second_factor.owed(request.user):
        logout(request)
    return locked_out(request, credentials=credentials)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def code(request):
    """The one-time code asked after the password."""
    if not second_factor.owed(request.user):
        return redirect(_next(request))
    if not second_factor.is_enrolled(request.user):
        return redirect("second_factor_enrol")
    if refusal := _locked(request):
        return refusal
    status, form = 200, CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        check = second_factor.code_check(user=request.user, code=form.cleaned_data["code"])
        if check.device is not None:
            second_factor.session_verified(request, check.device)
            return redirect(_next(request))
        if not check.checked:
            status = 429
            form.add_error("code", _wait(check.wait_until))
        else:
            status = 400
            form.add_error(
                "code", _("That code is not right, or was already used. Type the one the app shows now.")
            )
            user_login_failed.send(sender=__name__, credentials=_credentials(request), request=request)
            if getattr(request, "axes_locked_out", False):
                logout(request)
    elif request.method == "POST":
        status = 400
    return render(
        request, "accounts/second_factor_code.html", {"form": form, "next": _next(request)}, status=status
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def enrol(request):
    """Add an authenticator app: scan the code (or type the key), confirm with a code from the
    app; then the recovery codes, shown on this answer only."""
    if second_factor.is_enrolled(request.user):
        return redirect("second_factor_code" if second_factor.owed(request.user) else "second_factor")
    required = second_factor.required_by_role(request.user)
    # A focal point who turns it on from their page goes back there.
    after = _next(request, settings.LOGIN_REDIRECT_URL if required else "second_factor")
    device = second_factor.enrolment_start(user=request.user)
    status, form = 200, AppCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.enrolment_confirm(
            user=request.user, device=device, code=form.cleaned_data["code"]
        )
        if codes is not None:
            second_factor.session_verified(request, device)
            return _recovery_codes(request, codes, after=after)
        form.add_error(
            "code",
            _("That is not the code the app shows for this account. Check its clock, and type the newest."),
        )
    if request.method == "POST":
        status = 400
    context = {
        "form": form,
        "next": after,
        "qr_svg": second_factor.qr_svg(device),
        "secret": second_factor.secret_text(device),
        "required": required,
    }
    return render(request, "accounts/second_factor_enrol.html", context, status=status)


def _recovery_codes(request, codes, after=None):
    """The codes, on this answer only; `after`: where to go next, just after an enrolment."""
    context = {"codes": codes, "enrolled": after is not None, "next": after}
    return render(request, "accounts/second_factor_recovery_codes.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def account(request):
    """The user's own page: whether their log-in asks for a code, how many recovery codes are
    left; new recovery codes; turning it off, for whoever's role does not require it."""
    user = request.user
    required = second_factor.required_by_role(user)
    action = request.POST.get("action", "") if request.method == "POST" else None
    if action == "recovery_codes" and second_factor.is_enrolled(user):
        return _recovery_codes(request, second_factor.recovery_codes_new(user=user))
    if action == "turn_off" and second_factor.is_enrolled(user) and not required:
        second_factor.reset(user=user)
        messages.success(
            request, _("Your log-in no longer asks for a code; your recovery codes no longer work.")
        )
        return redirect("second_factor")
    if action is not None:
        messages.error(
            request, _("Nothing was changed: that is not something this page does for your account.")
        )
        return redirect("second_factor")
    context = {
        "enrolled": second_factor.is_enrolled(user),
        "required": required,
        "codes_left": second_factor.recovery_codes_left(user),
    }
    return render(request, "accounts/second_factor.html", context)
