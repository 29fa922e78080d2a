"""The drafting of the next programme, from the workspace: the list of the proposals a user may
see (with the secretariat's way to the drafting's page), a group's proposal (its status, parts,
activities, the offer to carry unfinished activities forward, ending, submitting, the review)
and its conversation. Who may do what is asked of reporting.policy; the changes are the
services' (reporting/services/proposals.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from reporting import policy
from reporting.comment_form import CommentForm
from reporting.models import Drafting, Proposal
from reporting.services.proposals import proposal_comment_add

from .proposal_actions import ACTIONS
from .proposal_page import proposal_of, proposal_page


def visible_proposals(user) -> list[Proposal]:
    """The proposals of the open draftings that `user` may see, in the draft programme's order.
    The policy decides each; the roles it reads come with the proposals, in one query."""
    proposals = (
        Proposal.objects.filter(drafting__status=Drafting.Status.OPEN)
        .with_groups()
        .prefetch_related("continues__roles")
        .order_by("drafting__programme__start_year", "group__number")
    )
    return [p for p in proposals if policy.can_view_proposal(user, p)]


def has_proposals(user) -> bool:
    """Whether to point `user` to the proposals page (my working groups): a drafting is open
    and the user may see one of its proposals, or may manage the drafting."""
    if not Drafting.objects.filter(status=Drafting.Status.OPEN).exists():
        return policy.can_manage_drafting(user)
    return policy.can_manage_drafting(user) or bool(visible_proposals(user))


@require_safe
@login_required
def proposal_list(request):
    can_manage = policy.can_manage_drafting(request.user)
    draftings = list(
        Drafting.objects.filter(status=Drafting.Status.OPEN).select_related("programme", "meeting")
    )
    return render(
        request,
        "workspace/proposals/list.html",
        {
            "proposals": visible_proposals(request.user),
            "draftings": draftings,
            "can_manage": can_manage,
            "can_open": can_manage and not draftings,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def proposal(request, period, numeral):
    found = proposal_of(request, period, numeral)
    if request.method == "POST":
        action = ACTIONS.get(request.POST.get("action", ""))
        if action is None:
            raise PermissionDenied
        return action(request, found)
    return proposal_page(request, found)


@require_POST
@login_required
def proposal_comment(request, period, numeral):
    found = proposal_of(request, period, numeral)
    if not policy.can_comment_proposal(request.user, found):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            proposal_comment_add(
                proposal=found,
                user=request.user,
                body=form.cleaned_data["body"],
                language=request.LANGUAGE_CODE,
            )
        except ValidationError as error:
            form.add_error("body", error.messages)
        else:
            messages.success(
                request, _("Your message was added to the conversation and e-mailed to the other side.")
            )
            return redirect(reverse("workspace:proposal", args=[period, numeral]) + "#thread")
    return proposal_page(request, found, forms={"comment": form}, status=400)
