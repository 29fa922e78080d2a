"""/favicon.ico: browsers ask for it wherever a page names no icon (the admin, a PDF, the API's
JSON). It redirects to the icon among the static files (templates/base.html names it), whose
name in production carries its hash: not a permanent redirect, for a new icon gets a new name."""

from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@require_safe
def favicon(request):
    return redirect(static("favicon.ico"))
