"""The secretariat's pages for the drafting of the next programme (issue 30): opening it, and the
drafting's page, which lists the groups' proposals and publishes the draft, begins a new group's
proposal and records the Conference's approval. What may be done is asked of reporting.policy,
and every change goes through reporting.services, whose refusals are shown next to the fields."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from groups.models import Programme
from reporting import policy, services
from reporting.models import Drafting

from .drafting_forms import ApproveForm, DraftingOpenForm, NewGroupForm, errors_to_form
from .drafting_page import drafting_context

OPEN_FIELDS = ("start_year", "end_year", "meeting", "deadline")


def _secretariat_only(request):
    if not policy.can_manage_drafting(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def drafting_open(request):
    """The form that opens the drafting of the next programme; the focal points are e-mailed."""
    _secretariat_only(request)
    form = DraftingOpenForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            drafting = services.drafting_open(
                **{f: form.cleaned_data[f] for f in OPEN_FIELDS}, user=request.user
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("The drafting of the %(period)s programme is open; its focal points are e-mailed.")
                % {"period": drafting.programme.period},
            )
            return redirect("workspace:drafting", drafting.programme.period)
    context = {
        "form": form,
        "current": Programme.objects.current(),
        "open_drafting": Drafting.objects.filter(status=Drafting.Status.OPEN)
        .select_related("programme")
        .first(),
    }
    return render(request, "workspace/drafting/open.html", context, status=400 if form.errors else 200)


def _drafting_or_404(period) -> Drafting:
    try:
        programme = Programme.objects.by_period(period)
    except Programme.DoesNotExist:
        raise Http404 from None
    try:
        return Drafting.objects.select_related("programme", "meeting").get(programme=programme)
    except Drafting.DoesNotExist:
        raise Http404 from None


def _publish(request, drafting, forms):
    if not drafting.is_open:
        raise ValidationError(_("The drafting of this programme is closed."))
    services.drafting_publish(drafting=drafting, user=request.user)
    return _(
        "The draft programme is published: the reading pages, documents and API show it, marked as a draft."
    )


def _new_group(request, drafting, forms):
    form = forms["new_group_form"] = NewGroupForm(request.POST)
    if not form.is_valid():
        return None
    try:
        proposal = services.proposal_new_group(drafting=drafting, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        errors_to_form(form, error)
        return None
    return _("The proposal of the new group %(numeral)s is begun.") % {"numeral": proposal.group.numeral}


def _approve(request, drafting, forms):
    form = forms["approve_form"] = ApproveForm(request.POST)
    if not form.is_valid():
        return None
    try:
        services.drafting_approve(drafting=drafting, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        errors_to_form(form, error)
        return None
    return _("The approval is recorded: the %(period)s programme is in force.") % {
        "period": drafting.programme.period
    }


ACTIONS = {"publish": _publish, "new_group": _new_group, "approve": _approve}


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def drafting(request, period):
    """The drafting's page: its proposals, and the secretariat's actions on it."""
    _secretariat_only(request)
    drafting = _drafting_or_404(period)
    forms = {
        "new_group_form": NewGroupForm(),
        "approve_form": ApproveForm(initial={"meeting": drafting.meeting}),
    }
    refused = None
    if request.method == "POST":
        action = ACTIONS.get(request.POST.get("action", ""))
        try:
            done = action(request, drafting, forms) if action else None
        except ValidationError as error:
            done, refused = None, " ".join(error.messages)
        if done:
            messages.success(request, done)
            return redirect("workspace:drafting", drafting.programme.period)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "workspace/drafting/page.html",
        {**drafting_context(drafting), **forms, "refused": refused},
        status=status,
    )
