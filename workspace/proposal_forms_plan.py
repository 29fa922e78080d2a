"""The editors of a proposal's plan: its objectives with the programme areas and action lines
under the specific ones, its activities with their months, and its outputs with the agencies
responsible (the group's own texts, countries and financing are in proposal_forms_group.py)."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from activities.models import ActionLine, Activity, Objective, Output, ProgrammeArea
from core.bilingual import shown
from core.wording import roman
from groups.models import Institution

from .proposal_forms_rows import Editor, InstitutionsChoice, RowForm, rowformset, translated


def objective_label(objective) -> str:
    """ "Specific objective II: Harmonize the surveys", in the reader's language."""
    words = shown(objective, "title").text or shown(objective, "text").text
    words = words if len(words) <= 90 else words[:89] + "…"
    kind = objective.get_kind_display()
    return f"{kind[:1].upper()}{kind[1:]} {objective.numeral}: {words}"


class ObjectiveChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return objective_label(obj)


class ObjectiveForm(RowForm):
    noun = _("Objective")
    bilingual = ("title", "text")
    required_english = ("text",)

    class Meta:
        model = Objective
        fields = ["kind", *translated("title", "text")]

    def order_key(self):
        return self.cleaned_data.get("kind")

    def name(self) -> str:
        """ "Specific objective II", as the group's document numbers it."""
        if not self.instance.pk:
            return super().name()
        kind = Objective.Kind(self.initial.get("kind") or self.instance.kind)
        if kind == Objective.Kind.GENERAL and self.initial["order"] == 1:
            return capfirst(kind.label)  # the one general objective needs no number
        return f"{capfirst(kind.label)} {roman(self.initial['order'])}"

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if kind != Objective.Kind.SPECIFIC and self.instance.pk and self.instance.areas.exists():
            raise forms.ValidationError(
                _("Programme areas sit under this objective: move or remove them first.")
            )
        return kind


class AreaForm(RowForm):
    """A programme area under a specific objective, with its action lines one a line."""

    noun = _("Programme area")
    bilingual = ("title",)
    required_english = ("title",)
    objective = ObjectiveChoice(queryset=Objective.objects.none(), label=_("Specific objective"))
    lines_en = forms.CharField(
        label=_("Action lines (English), one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 40, "lang": "en"}),
    )
    lines_es = forms.CharField(
        label=_("Action lines (Spanish), one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 40, "lang": "es"}),
    )

    class Meta:
        model = ProgrammeArea
        fields = ["objective", *translated("title")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = self.group.objectives.filter(kind=Objective.Kind.SPECIFIC)
        if self.instance.pk:
            lines = list(self.instance.action_lines.order_by("order"))
            for lang in ("en", "es"):
                self.initial[f"lines_{lang}"] = "\n".join(getattr(line, f"text_{lang}") for line in lines)

    def attach(self, group):
        pass  # an area belongs to its objective, chosen in the form

    def order_key(self):
        objective = self.cleaned_data.get("objective")
        return objective.pk if objective else None

    def clean(self):
        data = super().clean()
        english, spanish = (
            [line.strip() for line in data.get(f"lines_{lang}", "").splitlines() if line.strip()]
            for lang in ("en", "es")
        )
        self.lines = []
        if spanish and not english:
            self.add_error("lines_en", _("Write the action lines in English too."))
        elif spanish and len(spanish) != len(english):
            self.add_error(
                "lines_es",
                _("Give as many action lines in Spanish as in English (%(count)d), or none yet.")
                % {"count": len(english)},
            )
        else:
            self.lines = list(zip(english, spanish or [""] * len(english), strict=True))
        return data

    def saved(self, row):
        """The area's lines, the first kept in place, those beyond the new count removed."""
        existing = list(row.action_lines.order_by("order"))
        row.action_lines.filter(pk__in=[line.pk for line in existing[len(self.lines) :]]).delete()
        for order, (english, spanish) in enumerate(self.lines, start=1):
            line = existing[order - 1] if order <= len(existing) else ActionLine(area=row)
            line.order, line.text_en, line.text_es = order, english, spanish
            line.full_clean()
            line.save()

    def pairs(self):
        return super().pairs() + [(self["lines_en"], self["lines_es"])]


ObjectiveFormSet = rowformset(ObjectiveForm, Objective)
AreaFormSet = rowformset(AreaForm, ProgrammeArea)


class ObjectivesEditor(Editor):
    template = "workspace/proposals/parts/objectives.html"

    def build(self, group, data):
        return {
            "objectives": ObjectiveFormSet(
                data, group=group, prefix="objectives", queryset=group.objectives.order_by("kind", "order")
            ),
            "areas": AreaFormSet(
                data,
                group=group,
                prefix="areas",
                queryset=ProgrammeArea.objects.filter(objective__group=group)
                .select_related("objective")
                .order_by("objective__order", "order"),
            ),
        }

    def is_valid(self) -> bool:
        valid = super().is_valid()
        objectives = self.members["objectives"]
        removed = {form.instance.pk for form in objectives.removed_forms()}
        for form in self.members["areas"].kept_forms() if removed else []:
            objective = form.cleaned_data.get("objective")
            if objective and objective.pk in removed:
                form.add_error("objective", _("This objective is being removed: choose another."))
                valid = False
        return valid


class ActivityForm(RowForm):
    noun = _("Activity")
    bilingual = ("text", "start_text", "end_text")
    required_english = ("text",)
    objective = ObjectiveChoice(queryset=Objective.objects.none(), label=_("Objective"), required=False)

    class Meta:
        model = Activity
        fields = ["objective", "start_month", "end_month", *translated("text", "start_text", "end_text")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = self.group.objectives.order_by("kind", "order")
        for name in ("start_month", "end_month"):
            self.fields[name].help_text = _("Month and year, as 2027-03.")


class OutputForm(RowForm):
    noun = _("Output")
    bilingual = ("text", "agency", "timetable")
    required_english = ("text",)
    objective = ObjectiveChoice(queryset=Objective.objects.none(), label=_("Objective"), required=False)
    institutions = InstitutionsChoice(
        queryset=Institution.objects.none(),
        label=_("Responsible institutions"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Output
        fields = [
            "objective",
            "by_coordinating_countries",
            "by_member_countries",
            "institutions",
            *translated("text", "agency", "timetable"),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = self.group.objectives.order_by("kind", "order")
        self.fields["institutions"].queryset = Institution.objects.order_by("name")


ActivityFormSet = rowformset(ActivityForm, Activity, extra=2)
OutputFormSet = rowformset(OutputForm, Output)


class ActivitiesEditor(Editor):
    template = "workspace/proposals/parts/activities.html"

    def build(self, group, data):
        activities = group.activities.select_related("continues__group__programme", "objective")
        return {
            "activities": ActivityFormSet(
                data, group=group, prefix="activities", queryset=activities.order_by("order")
            )
        }


class OutputsEditor(Editor):
    template = "workspace/proposals/parts/outputs.html"

    def build(self, group, data):
        outputs = group.outputs.prefetch_related("institutions").order_by("order")
        return {"outputs": OutputFormSet(data, group=group, prefix="outputs", queryset=outputs)}
