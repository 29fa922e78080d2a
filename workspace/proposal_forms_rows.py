"""What the editors of a proposal's parts share (workspace/proposal_parts.py): translated fields
side by side, English left and Spanish right; rows numbered by the order the editor types (left
empty: after the last), checked for clashes in the form rather than by the database; and a save
that lets rows swap their numbers. Each part (proposal_forms_group.py, proposal_forms_plan.py) is
an Editor: its forms and formsets, validated and saved together, inside proposal_editing."""

from django import forms
from django.conf import settings
from django.db.models import F
from django.utils import translation
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.bilingual import LANGUAGES, shown

# "Activity (English)", "Actividad (inglés)": the language as a word inside a sentence.
LANGUAGE_NAMES = {
    "en": pgettext_lazy("a language, inside a sentence", "English"),
    "es": pgettext_lazy("a language, inside a sentence", "Spanish"),
}
# Rows wait at their order plus this while the others take their new numbers: a swap never
# meets the unique order half-way (positive small integers reach 32767; orders stay <= 500).
PARKED = 30000
MAX_ORDER = 500


def translated(*names) -> list[str]:
    """The form fields of translated model fields: name_en, name_es, theme_en, ..."""
    return [f"{name}_{lang}" for name in names for lang in LANGUAGES]


def institution_label(institution) -> str:
    """An institution as a choice reads, in the reader's language: name (acronym)."""
    name = shown(institution, "name").text
    acronym = shown(institution, "acronym").text
    return f"{name} ({acronym})" if acronym and acronym != name else name


class InstitutionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return institution_label(obj)


class InstitutionsChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return institution_label(obj)


class NamedChoice(forms.ModelChoiceField):
    """A country, an objective: named by its translated field in the reader's language."""

    def __init__(self, *args, named="name", **kwargs):
        self.named = named
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return shown(obj, self.named).text or str(obj)


class BilingualForm(forms.ModelForm):
    """A form whose translated fields show side by side (`pairs`), labelled with their language,
    and whose English text is required where the model requires the text (`required_english`)."""

    bilingual = ()
    required_english = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        for name in self.bilingual:
            verbose = capfirst(model._meta.get_field(name).verbose_name)
            for lang in LANGUAGES:
                field = self.fields[f"{name}_{lang}"]
                field.label = format_lazy("{} ({})", verbose, LANGUAGE_NAMES[lang])
                field.widget.attrs["lang"] = lang
                if isinstance(field.widget, forms.Textarea):
                    field.widget.attrs.update(rows=3, cols=40)
        for name in self.required_english:
            self.fields[f"{name}_en"].required = True

    def pairs(self):
        """(English, Spanish) bound fields of each translated field, in the form's order."""
        return [(self[f"{name}_en"], self[f"{name}_es"]) for name in self.bilingual]

    def singles(self):
        """The other visible fields: order, choices, months, amounts."""
        paired = set(translated(*self.bilingual))
        return [bf for bf in self.visible_fields() if bf.name not in paired and bf.name != "DELETE"]


class RowForm(BilingualForm):
    """A row of a group's table: its `order`, typed (empty: after the last), kept out of the
    model's own checks, which would see a swap half-way; the formset checks it instead."""

    noun = _("Row")  # "Activity 3" in the list of problems

    order = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        max_value=MAX_ORDER,
        required=False,
        widget=forms.NumberInput(attrs={"class": "order", "inputmode": "numeric"}),
    )
    field_order = ["order"]

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        if self.instance.pk:
            self.initial.setdefault("order", self.instance.order)
        self.attach(group)

    def attach(self, group):
        """Give the new row its group (and fixed kind) before the model's checks read them."""
        self.instance.group = group

    def name(self) -> str:
        """ "Activity 3", "Activity (new row)": the row as its box and the list of problems name it."""
        number = self.initial.get("order") if self.instance.pk else None
        return f"{self.noun} {number}" if number else format_lazy("{} ({})", self.noun, _("new row"))

    def saved(self, row):
        """After the row is saved: what it keeps besides its own fields (an area's lines)."""

    def order_key(self):
        """What the order is unique within, besides the group (an objective's kind, an area's
        objective)."""
        return None


class RowFormSet(forms.BaseModelFormSet):
    """A group's rows of one table: the rows it has, one empty row to add, a box to remove each."""

    def __init__(self, *args, group, **kwargs):
        self.group = group
        super().__init__(*args, form_kwargs={"group": group}, **kwargs)

    # Asked of each form rather than Django's deleted_forms, which is empty while any row has
    # an error: a removed row's number would then clash with the row that takes it.
    def removed_forms(self):
        """The rows the group has and the editor ticked for removal."""
        return [form for form in self.forms if form.instance.pk and self._should_delete_form(form)]

    def kept_forms(self):
        """The rows to save: those the group has and keeps, and the new rows filled in."""
        return [
            form
            for form in self.forms
            if not self._should_delete_form(form)
            and (form.instance.pk or form.has_changed())
            and form.cleaned_data
        ]

    def validate_unique(self):
        """Each row's number unique within its table (next to the number, not above the table);
        an empty number takes the next after the largest."""
        # Rows with other errors too: a clash shows with them, not only once they are corrected.
        kept = [form for form in self.kept_forms() if "order" not in form.errors]
        largest = {}
        for form in kept:
            number = form.cleaned_data.get("order")
            if number:
                key = form.order_key()
                largest[key] = max(largest.get(key, 0), number)
        seen = {}
        for form in kept:
            key = form.order_key()
            if form.cleaned_data.get("order") is None:
                largest[key] = largest.get(key, 0) + 1
                form.cleaned_data["order"] = largest[key]
            number = form.cleaned_data["order"]
            if (key, number) in seen:
                form.add_error("order", _("Another row has this number: give each row its own."))
            seen[(key, number)] = form

    def save_rows(self):
        """Remove the rows ticked for removal, then save the others with their numbers."""
        for form in self.removed_forms():
            form.instance.delete()
        kept = self.kept_forms()
        present = [form.instance.pk for form in kept if form.instance.pk]
        self.model.objects.filter(pk__in=present).update(order=F("order") + PARKED)
        for form in kept:
            row = form.save(commit=False)
            row.order = form.cleaned_data["order"]
            form.attach(self.group)
            row.save()
            form.save_m2m()
            form.saved(row)


def rowformset(form, model, *, extra=1):
    return forms.modelformset_factory(model, form=form, formset=RowFormSet, extra=extra, can_delete=True)


class Editor:
    """One part of a proposal: its forms and formsets (`build`), validated and saved together."""

    template = ""

    def __init__(self, group, data=None):
        self.group = group
        self.members = self.build(group, data)
        self.refusals = []  # problems found only when saving (the database's refusal)

    def build(self, group, data) -> dict:
        raise NotImplementedError

    def __getitem__(self, name):
        return self.members[name]

    def is_valid(self) -> bool:
        checked = [member.is_valid() for member in self.members.values()]  # each shows its errors
        return all(checked)

    def save(self):
        # In the default language: a translated field's own column keeps the English text,
        # whichever language the editor reads the page in.
        with translation.override(settings.LANGUAGE_CODE):
            for member in self.members.values():
                member.save_rows() if isinstance(member, RowFormSet) else member.save()

    def read_only(self):
        """Every field shown but disabled: for the group's members, and once submitted."""
        for form in self._forms():
            for field in form.fields.values():
                field.disabled = True

    def _forms(self):
        for member in self.members.values():
            yield from member.forms if isinstance(member, RowFormSet) else [member]

    def problems(self) -> list[tuple]:
        """(field id or None, what, message) of every error, for the list above the form."""
        found = [(None, "", message) for message in self.refusals]
        for member in self.members.values():
            if isinstance(member, RowFormSet):
                found += [(None, "", message) for message in member.non_form_errors()]
        for form in self._forms():
            found += [(None, "", message) for message in form.non_field_errors()]
            row = f"{form.name()} · " if isinstance(form, RowForm) else ""
            for name, errors in form.errors.items():
                if name in form.fields:
                    bound = form[name]
                    found += [(bound.id_for_label, f"{row}{bound.label}", message) for message in errors]
        return found
