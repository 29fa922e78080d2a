from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .forms import TokenForm
from .models import AccessToken
from .tokens import token_create, token_revoke


def locked_out(request, original_response=None, credentials=None):
    """What django-axes answers a locked-out address: a page in the visitor's language."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)


@never_cache  # the page that shows a new token's secret is kept by no cache
@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def tokens(request):
    """The user's personal access tokens for the API: make one (its secret shown on this answer
    only), see when each was last used, revoke one."""
    form, secret, status = TokenForm(), None, 200
    if request.method == "POST" and "revoke" in request.POST:
        try:
            token = token_revoke(user=request.user, token_id=int(request.POST["revoke"]))
        except (ValueError, AccessToken.DoesNotExist):
            messages.error(request, _("No such token of yours; nothing was revoked."))
        else:
            messages.success(request, _("The token “%(name)s” was revoked: it no longer works.")
                             % {"name": token.name})
        return redirect("tokens")
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                token, secret = token_create(user=request.user, name=form.cleaned_data["name"])
            except ValidationError as error:
                form.add_error("name", error.message_dict["name"])
            else:
                form = TokenForm()
        status = 200 if secret else 400
    return render(request, "accounts/tokens.html", {
        "form": form, "secret": secret, "tokens": AccessToken.objects.of(request.user),
        "api_url": request.build_absolute_uri("/api/v1/"),
    }, status=status)
