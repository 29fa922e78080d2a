import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .forms import TokenForm
from .lockout import lockout_context
from .models import AccessToken
from .tokens import token_create, token_revoke


def locked_out(request, original_response=None, credentials=None):
    """What django-axes answers a locked-out username from an address: a page in the visitor's
    language that says which account is paused, from where and for how long."""
    return render(request, "registration/locked_out.html", lockout_context(request, credentials), status=429)


FORM_KEYS = "token_form_keys"  # in the session: the keys of the forms shown and not yet sent


def _issue_key(request) -> str:
    key = secrets.token_urlsafe(16)
    request.session[FORM_KEYS] = [*request.session.get(FORM_KEYS, [])[-9:], key]
    return key


def _new_form(request) -> TokenForm:
    return TokenForm(initial={"key": _issue_key(request)})


def _sent_once(request, key) -> bool:
    """Whether `key` is of a form shown and not yet sent; it is used up either way."""
    keys = request.session.get(FORM_KEYS, [])
    if key not in keys:
        return False
    request.session[FORM_KEYS] = [k for k in keys if k != key]
    return True


@never_cache  # the page that shows a new token's secret is kept by no cache
@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def tokens(request):
    """The user's personal access tokens for the API: make one (its secret shown on this answer
    only), see when each was last used, revoke one."""
    secret, status = None, 200
    if request.method == "POST" and "revoke" in request.POST:
        try:
            token = token_revoke(user=request.user, token_id=int(request.POST["revoke"]))
        except (ValueError, OverflowError, AccessToken.DoesNotExist):
            messages.error(request, _("No such token of yours; nothing was revoked."))
        else:
            messages.success(
                request, _("The token “%(name)s” was revoked: it no longer works.") % {"name": token.name}
            )
        return redirect("tokens")
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            if not _sent_once(request, form.cleaned_data["key"]):
                messages.info(
                    request,
                    _(
                        "That form had already been sent, so no other token was made. Its secret "
                        "was shown once, then; if you did not copy it, revoke that token and make a "
                        "new one."
                    ),
                )
                return redirect("tokens")
            try:
                _token, secret = token_create(user=request.user, name=form.cleaned_data["name"])
            except ValidationError as error:
                form.add_error("name", error.message_dict["name"])
        if secret:
            form = _new_form(request)
        else:
            form, status = _keep_key(request, form), 400
    else:
        form = _new_form(request)
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": AccessToken.objects.of(request.user),
            "api_url": request.build_absolute_uri("/api/v1/"),
        },
        status=status,
    )


def _keep_key(request, form) -> TokenForm:
    """The refused form as sent, with a key that may still be used (the one sent, or a new one)."""
    key = form.data.get("key", "")
    if key not in request.session.get(FORM_KEYS, []):
        key = _issue_key(request)
    form.data = form.data.copy()
    form.data["key"] = key
    return form
