"""The forms of a group's proposal page (workspace/proposals.py): carrying activities forward,
proposing to end, submitting, and the secretariat's review. They only read what was typed; the
rules (which activities may be carried, a reason to end, a comment to return) are the
services' (reporting/services/proposals.py), whose refusals the page shows next to the form.

The version the editor read travels in each changing form: the service refuses a change made
on a proposal that moved on since (ProposalConflict)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from core.limits import REMARK


class VersionForm(forms.Form):
    """A change to the proposal: the version of it the page showed."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class CarryForm(VersionForm):
    """The activities of the group the proposal continues to carry forward. Any of them may be
    posted: the service refuses a finished or already carried one, with its reason."""

    activities = forms.ModelMultipleChoiceField(
        label=_("Activities to carry forward"),
        queryset=Activity.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the activities to carry forward.")},
    )

    def __init__(self, proposal, *args, **kwargs):
        super().__init__(*args, **kwargs)
        activities = Activity.objects.filter(group_id=proposal.continues_id).order_by("order")
        self.fields["activities"].queryset = activities


class EndForm(VersionForm):
    """The group proposes to end with the current programme (or takes it back), and why. The
    field names are the service's, so its refusals land on them."""

    ends = forms.BooleanField(label=_("The group proposes to end with the current programme"), required=False)
    end_reason_en = forms.CharField(
        label=_("Why, in English"),
        required=False,
        max_length=REMARK,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60, "lang": "en"}),
    )
    end_reason_es = forms.CharField(
        label=_("Why, in Spanish"),
        required=False,
        max_length=REMARK,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60, "lang": "es"}),
    )


class ProposalReviewForm(forms.Form):
    """The secretariat's decision on a submitted proposal: the comment goes to the conversation."""

    comment = forms.CharField(
        label=_("Comment for the group"),
        required=False,
        max_length=REMARK,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Required when returning the proposal; the group is e-mailed it."),
    )
