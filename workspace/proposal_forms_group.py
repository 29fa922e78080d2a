"""The editors of a proposal's group itself: its texts, its coordinating and member countries,
and its table of financing sources (the plan's parts are in proposal_forms_plan.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from groups.models import Country, FinancingSource, GroupRole, Institution, WorkingGroup

from .proposal_forms_rows import (
    BilingualForm,
    Editor,
    InstitutionChoice,
    NamedChoice,
    RowForm,
    rowformset,
    translated,
)

GROUP_TEXTS = (
    "name",
    "theme",
    "output",
    "background",
    "expected_impact",
    "financing",
    "objectives_lead_in",
    "outputs_lead_in",
)


class TextsForm(BilingualForm):
    bilingual = GROUP_TEXTS
    required_english = ("name",)

    class Meta:
        model = WorkingGroup
        fields = translated(*GROUP_TEXTS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("background", "expected_impact", "financing"):
            for field in translated(name):
                self.fields[field].widget.attrs["rows"] = 8


class TextsEditor(Editor):
    template = "workspace/proposals/parts/texts.html"

    def build(self, group, data):
        return {"texts": TextsForm(data, instance=group)}


def _countries():
    return Country.objects.order_by("name")


def _institutions():
    return Institution.objects.select_related("country").order_by("name")


class RoleForm(RowForm):
    """A coordinating or member country of the group (the role is the formset's)."""

    role = None
    country = NamedChoice(queryset=Country.objects.none(), label=_("Country"))

    class Meta:
        model = GroupRole
        fields = ["country"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = _countries()

    def attach(self, group):
        self.instance.group = group
        self.instance.role = self.role


class CoordinatingForm(RoleForm):
    noun = _("Coordinating country")
    role = GroupRole.Role.COORDINATING
    institution = InstitutionChoice(
        queryset=Institution.objects.none(),
        label=_("Coordinating institution"),
        required=False,
        help_text=_("The country's institution that coordinates the group."),
    )

    class Meta:
        model = GroupRole
        fields = ["country", "institution"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = _institutions()


class MemberForm(RoleForm):
    noun = _("Member country")
    role = GroupRole.Role.MEMBER


CoordinatingFormSet = rowformset(CoordinatingForm, GroupRole)
MemberFormSet = rowformset(MemberForm, GroupRole, extra=2)


class CountriesEditor(Editor):
    template = "workspace/proposals/parts/countries.html"

    def build(self, group, data):
        roles = GroupRole.objects.filter(group=group).select_related("country", "institution")
        return {
            "coordinating": CoordinatingFormSet(
                data,
                group=group,
                prefix="coordinating",
                queryset=roles.filter(role=GroupRole.Role.COORDINATING).order_by("order"),
            ),
            "members": MemberFormSet(
                data,
                group=group,
                prefix="members",
                queryset=roles.filter(role=GroupRole.Role.MEMBER).order_by("order"),
            ),
        }


class FinancingForm(RowForm):
    noun = _("Source")
    bilingual = ("label", "form", "purpose")
    institution = InstitutionChoice(
        queryset=Institution.objects.none(), label=_("Source institution"), required=False
    )

    class Meta:
        model = FinancingSource
        fields = ["institution", "amount_usd", *translated("label", "form", "purpose")]
        widgets = {"amount_usd": forms.NumberInput(attrs={"step": "0.01", "min": "0"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = _institutions()


FinancingFormSet = rowformset(FinancingForm, FinancingSource)


class FinancingEditor(Editor):
    template = "workspace/proposals/parts/financing.html"

    def build(self, group, data):
        return {
            "financing": FinancingFormSet(
                data,
                group=group,
                prefix="financing",
                queryset=FinancingSource.objects.filter(group=group)
                .select_related("institution")
                .order_by("order"),
            )
        }
