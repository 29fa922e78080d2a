"""What the proposal page's forms do (the POSTs of workspace:proposal, told apart by their
button's `action`): carry activities forward, propose to end, submit, and the secretariat's
accept or return. Each asks reporting.policy first and the service does the change; a refusal
(a stale version, a finished activity, a missing reason) draws the page again with the message
next to its form and nothing written; a change redirects to the page (POST-redirect-GET)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reporting import policy
from reporting.services.proposals import (
    ProposalConflict,
    proposal_carry,
    proposal_end,
    proposal_review,
    proposal_submit,
)

from .proposal_page import proposal_page
from .proposal_page_forms import CarryForm, EndForm, ProposalReviewForm, VersionForm


def _refused(request, proposal, name, form, error):
    """The page again, with the service's refusal on the form `name`: 409 for a proposal that
    moved on, 400 for what was typed."""
    if isinstance(error, ProposalConflict):
        form.add_error(None, str(error))
        status = 409
    else:
        known = getattr(error, "error_dict", {})
        if known and all(field in form.fields for field in known):
            form.add_error(None, error)
        else:
            form.add_error(None, error.messages)
        status = 400
    return proposal_page(request, proposal, forms={name: form}, status=status)


def carry(request, proposal):
    if not policy.can_edit_proposal(request.user, proposal):
        raise PermissionDenied
    form = CarryForm(proposal, request.POST)
    if not form.is_valid():
        return proposal_page(request, proposal, forms={"carry": form}, status=400)
    try:
        carried = proposal_carry(
            proposal=proposal,
            activities=list(form.cleaned_data["activities"]),
            user=request.user,
            version=form.cleaned_data["version"],
        )
    except (ProposalConflict, ValidationError) as error:
        return _refused(request, proposal, "carry", form, error)
    messages.success(
        request,
        ngettext(
            "%(count)d activity was carried forward into the proposal.",
            "%(count)d activities were carried forward into the proposal.",
            len(carried),
        )
        % {"count": len(carried)},
    )
    return redirect(request.path + "#activities")


def end(request, proposal):
    if not policy.can_edit_proposal(request.user, proposal) or proposal.is_new_group:
        raise PermissionDenied
    form = EndForm(request.POST)
    if not form.is_valid():
        return proposal_page(request, proposal, forms={"end": form}, status=400)
    data = form.cleaned_data
    try:
        proposal_end(
            proposal=proposal,
            user=request.user,
            ends=data["ends"],
            reason_en=data["end_reason_en"],
            reason_es=data["end_reason_es"],
            version=data["version"],
        )
    except (ProposalConflict, ValidationError) as error:
        return _refused(request, proposal, "end", form, error)
    messages.success(
        request,
        _("The group's proposal to end was saved.")
        if data["ends"]
        else _("The group does not propose to end: its proposal goes on."),
    )
    return redirect(request.path)


def submit(request, proposal):
    if not policy.can_submit_proposal(request.user, proposal):
        raise PermissionDenied
    form = VersionForm(request.POST)
    if not form.is_valid():
        return proposal_page(request, proposal, forms={"submit": form}, status=400)
    try:
        proposal_submit(proposal=proposal, user=request.user, version=form.cleaned_data["version"])
    except (ProposalConflict, ValidationError) as error:
        return _refused(request, proposal, "submit", form, error)
    messages.success(request, _("Your proposal was submitted to the secretariat. Thank you."))
    return redirect(request.path)


def review(request, proposal):
    """Accept (action "accept") or return (action "return") a submitted proposal."""
    if not policy.can_review_proposal(request.user, proposal):
        raise PermissionDenied
    form = ProposalReviewForm(request.POST)
    if not form.is_valid():  # a comment too long: nothing decided
        return proposal_page(request, proposal, forms={"review": form}, status=400)
    accept = request.POST.get("action") == "accept"
    try:
        proposal_review(
            proposal=proposal,
            user=request.user,
            accept=accept,
            comment=form.cleaned_data["comment"],
            language=request.LANGUAGE_CODE,
        )
    except ValidationError as error:
        return _refused(request, proposal, "review", form, error)
    messages.success(
        request,
        _("The proposal was accepted.") if accept else _("The proposal was returned to the group."),
    )
    return redirect(request.path)


ACTIONS = {"carry": carry, "end": end, "submit": submit, "accept": review, "return": review}
