"""A group's proposal for the next programme as its page shows it (workspace/proposals.py): the
proposal named by its address, and everything the page draws, each form shown to whoever
reporting.policy lets use it. A refused form is drawn again with its errors (bound), the others
fresh."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from groups.models import WorkingGroup
from reporting import policy
from reporting.comment_form import CommentForm
from reporting.drafting_reads import carry_candidates, proposal_warnings
from reporting.models import Proposal

from .proposal_page_forms import CarryForm, EndForm, ProposalReviewForm, VersionForm

# The part editors (workspace:proposal_part), in the order the proposal is written.
PARTS = (
    ("texts", _("Name, output and texts")),
    ("countries", _("Coordinating and member countries")),
    ("objectives", _("Objectives, areas and action lines")),
    ("activities", _("Activities and their months")),
    ("outputs", _("Outputs and agencies")),
    ("financing", _("Financing")),
)


def proposal_of(request, period, numeral) -> Proposal:
    """The proposal whose group is `period`/`numeral` in the draft programme; 404 when there is
    none or the user may not see it (a private proposal is not confirmed to exist)."""
    try:
        group = WorkingGroup.objects.by_code(period, numeral)
        proposal = (
            Proposal.objects.with_groups()
            .select_related("drafting__meeting", "group__programme")
            .prefetch_related("continues__roles")
            .get(group=group)
        )
    except (WorkingGroup.DoesNotExist, Proposal.DoesNotExist):
        raise Http404 from None
    if not policy.can_view_proposal(request.user, proposal):
        raise Http404
    return proposal


def _activities(proposal) -> list:
    if proposal.group is None:
        return []
    return list(proposal.group.activities.select_related("continues__group__programme").order_by("order"))


def _thread_context(user, proposal, comment_form) -> dict:
    """What templates/workspace/proposals/thread.html needs; nothing for a user who may not read it."""
    if not policy.can_read_proposal_comments(user, proposal):
        return {"can_read_comments": False}
    return {
        "can_read_comments": True,
        "thread": list(proposal.comments.thread()),
        "can_comment": policy.can_comment_proposal(user, proposal),
        "comment_form": comment_form or CommentForm(),
    }


def _end_form(proposal) -> EndForm:
    return EndForm(
        initial={
            "ends": proposal.ends,
            "end_reason_en": proposal.end_reason_en,
            "end_reason_es": proposal.end_reason_es,
        }
    )


def proposal_page(request, proposal, *, forms=None, status=200):
    """The proposal's page; `forms` ({"carry": form, ...}) the ones refused, drawn with their errors."""
    forms = forms or {}
    user = request.user
    can_edit = policy.can_edit_proposal(user, proposal)
    can_review = policy.can_review_proposal(user, proposal) and proposal.status == Proposal.Status.SUBMITTED
    can_submit = policy.can_submit_proposal(user, proposal)
    offers_carry = can_edit and not proposal.ends and proposal.continues_id is not None
    return render(
        request,
        "workspace/proposals/proposal.html",
        {
            "proposal": proposal,
            "group": proposal.group,
            "drafting": proposal.drafting,
            "programme": proposal.drafting.programme,
            "can_edit": can_edit,
            "parts": PARTS if can_edit else (),
            "activities": _activities(proposal),
            "candidates": carry_candidates(proposal) if offers_carry else [],
            "offers_carry": offers_carry,
            "carry_form": forms.get("carry") or CarryForm(proposal),
            "offers_end": can_edit and not proposal.is_new_group,
            "end_form": forms.get("end") or _end_form(proposal),
            "can_submit": can_submit,
            "submit_form": forms.get("submit") or VersionForm(),
            "can_review": can_review,
            "review_form": forms.get("review") or ProposalReviewForm(),
            "warnings": proposal_warnings(proposal) if (can_edit or can_review) else [],
            "can_manage": policy.can_manage_drafting(user),
            **_thread_context(user, proposal, forms.get("comment")),
        },
        status=status,
    )
