"""The secretariat's forms for the drafting of the next programme: opening it, a new group's
proposal and the Conference's approval. They only read what was typed; the rules (years after
the programme in force, a deadline not past, a meeting of the Conference, every proposal
accepted) are reporting.services.drafting's, whose refusals the views put next to the fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.written_dates import WrittenDateField
from groups.models import Country, Meeting, Programme, WorkingGroup

# The same words as the service's refusal: only a meeting of the Conference is offered, and one
# of the Executive Committee (a forged or outdated choice) is refused as the service refuses it.
NOT_THE_CONFERENCE = _("A programme is approved at a meeting of the Conference.")
YEARS = {"min_value": 1950, "max_value": 2200}


def _date_input():
    # A browser's calendar sends 2027-01-31, which WrittenDateField reads like a typed date.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def conference_meetings():
    """The meetings of the Conference, the newest first: the one that will approve the programme."""
    return Meeting.objects.filter(body=Meeting.Body.CONFERENCE).order_by("-start_date")


class ConferenceMeetingField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": NOT_THE_CONFERENCE}

    def __init__(self, **kwargs):
        super().__init__(queryset=conference_meetings(), **kwargs)


class DraftingOpenForm(forms.Form):
    start_year = forms.IntegerField(label=_("First year"), **YEARS)
    end_year = forms.IntegerField(
        label=_("Last year"), help_text=_("Most programmes are biennial; any length is possible."), **YEARS
    )
    meeting = ConferenceMeetingField(
        label=_("Meeting of the Conference that will approve it"),
        empty_label=_("Choose the meeting"),
    )
    deadline = WrittenDateField(
        label=_("Deadline for proposals"),
        widget=_date_input(),
        help_text=_("The focal points are reminded before it while their proposal is not submitted."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = Programme.objects.current()
        if current is not None:
            length = current.end_year - current.start_year
            self.fields["start_year"].initial = current.end_year + 1
            self.fields["end_year"].initial = current.end_year + 1 + length


class NewGroupForm(forms.Form):
    name_en = forms.CharField(
        label=_("Name of the new group (English)"), max_length=WorkingGroup._meta.get_field("name").max_length
    )
    name_es = forms.CharField(
        label=_("Name of the new group (Spanish)"),
        max_length=WorkingGroup._meta.get_field("name").max_length,
        required=False,
    )
    proposer = forms.ModelChoiceField(
        label=_("Country that proposes it"),
        queryset=Country.objects.none(),
        required=False,
        empty_label=_("The secretariat itself"),
        help_text=_("Its focal points write the proposal; without one, the secretariat writes it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Ordered here, not at import: by the name in the reader's language (modeltranslation).
        self.fields["proposer"].queryset = Country.objects.order_by("name")


RESOLUTION = Programme._meta.get_field("resolution").max_length


class ApproveForm(forms.Form):
    meeting = ConferenceMeetingField(label=_("Meeting of the Conference that approved it"))
    approved_on = WrittenDateField(label=_("Date of approval"), widget=_date_input())
    resolution_en = forms.CharField(
        label=_("Resolution (English)"),
        max_length=RESOLUTION,
        help_text=_("As the Conference writes it: 12(X)."),
    )
    resolution_es = forms.CharField(label=_("Resolution (Spanish)"), max_length=RESOLUTION, required=False)


def errors_to_form(form, error: ValidationError) -> None:
    """A service's refusal next to the fields it names; one naming no field of the form above it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
