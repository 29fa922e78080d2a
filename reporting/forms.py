"""The progress form: one row per activity of the group (percentage and remarks in English and
Spanish), the group's notes, and the report version the editor started from."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.limits import NOTE, PARAGRAPHS, REMARK
from core.text import clean_text

from .conflicts import ConflictView, conflict_view
from .falls import fall_warning
from .services import ENTRY_FIELDS, NARRATIVE_FIELDS, NOTE_FIELDS, EntryValues
from .services.history import as_text

TEXT = {"rows": 2, "cols": 40}


class EntryForm(forms.Form):
    percent = forms.IntegerField(
        label=_("New percentage"),
        min_value=0,
        max_value=100,
        required=False,
        widget=forms.NumberInput(attrs={"step": 1, "inputmode": "numeric", "class": "percent"}),
    )
    remarks_en = forms.CharField(
        label=_("Remarks (English)"),
        required=False,
        max_length=REMARK,
        widget=forms.Textarea(attrs={**TEXT, "lang": "en"}),
    )
    remarks_es = forms.CharField(
        label=_("Remarks (Spanish)"),
        required=False,
        max_length=REMARK,
        widget=forms.Textarea(attrs={**TEXT, "lang": "es"}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("percent") is None
            and "percent" not in self.errors
            and (data.get("remarks_en", "").strip() or data.get("remarks_es", "").strip())
        ):
            self.add_error("percent", _("Give the percentage these remarks go with."))
        return data


class NotesForm(forms.Form):
    progress_narrative_en = forms.CharField(
        label=_("Progress to date (English)"),
        required=False,
        max_length=PARAGRAPHS,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80, "lang": "en"}),
    )
    progress_narrative_es = forms.CharField(
        label=_("Progress to date (Spanish)"),
        required=False,
        max_length=PARAGRAPHS,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80, "lang": "es"}),
    )
    obstacles_en = forms.CharField(
        label=_("Main obstacles (English)"),
        required=False,
        max_length=NOTE,
        widget=forms.Textarea(attrs={**TEXT, "lang": "en"}),
    )
    obstacles_es = forms.CharField(
        label=_("Main obstacles (Spanish)"),
        required=False,
        max_length=NOTE,
        widget=forms.Textarea(attrs={**TEXT, "lang": "es"}),
    )
    gender_notes_en = forms.CharField(
        label=_("Mainstreaming of the gender perspective (English)"),
        required=False,
        max_length=NOTE,
        widget=forms.Textarea(attrs={**TEXT, "lang": "en"}),
    )
    gender_notes_es = forms.CharField(
        label=_("Mainstreaming of the gender perspective (Spanish)"),
        required=False,
        max_length=NOTE,
        widget=forms.Textarea(attrs={**TEXT, "lang": "es"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    # Only when the secretariat corrects a closed round (removed otherwise): required then, by
    # progress_save, which says so next to this field.
    reason = forms.CharField(
        label=_("Reason for the correction"),
        required=False,
        max_length=REMARK,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text=_(
            "The round is closed: say why its values change (a past round entered after the fact, "
            "a mistake found later). The history keeps it beside each value you change."
        ),
    )


class ProgressRow:
    """An activity as the form shows it: its entry in the round, its previous percentage and
    the inputs for the new values."""

    def __init__(self, activity, entry, previous, form, prefilled=False):
        self.activity, self.entry, self.previous, self.form = activity, entry, previous, form
        self.prefilled = prefilled  # the percentage shown is the previous round's


class ProgressForm:
    """All rows and the notes, validated together; `entries()` and `notes()` give the values
    progress_save() takes. What the round asks decides what is there: the percentages, the
    narrative of progress, or both (ReportingRound.progress_form)."""

    def __init__(
        self, activities, entries, previous, report, data=None, *, reporting_round=None, asks_reason=False
    ):
        self.asks_percentages = reporting_round is None or reporting_round.asks_percentages
        self.asks_narrative = reporting_round is not None and reporting_round.asks_narrative
        self.notes_form = NotesForm(
            data,
            initial={
                **{name: getattr(report, name, "") for name in NOTE_FIELDS},
                "version": report.version if report else 0,
            },
        )
        if not self.asks_narrative:
            for name in NARRATIVE_FIELDS:
                del self.notes_form.fields[name]
        self.asks_reason = asks_reason
        if not asks_reason:
            del self.notes_form.fields["reason"]
        self.rows = []
        for activity in activities:
            entry, before = entries.get(activity.pk), previous.get(activity.pk)
            initial = (
                {"percent": entry.percent, "remarks_en": entry.remarks_en, "remarks_es": entry.remarks_es}
                if entry
                else {}
            )
            # Not yet reported in this round: the form starts from the previous round's figure,
            # so a focal point changes only what moved (an activity at 100% needs nothing).
            prefilled = entry is None and before is not None and self.asks_percentages
            if prefilled:
                initial = {"percent": before.percent}
            form = EntryForm(data, prefix=f"a{activity.pk}", initial=initial)
            self.rows.append(ProgressRow(activity, entry, before, form, prefilled))

    def is_valid(self) -> bool:
        valid = self.notes_form.is_valid()
        for row in self.rows:
            valid = row.form.is_valid() and valid
        return valid

    @property
    def seen_version(self) -> int:
        return self.notes_form.cleaned_data["version"]

    @property
    def narrative_fields(self):
        return [self.notes_form[name] for name in NARRATIVE_FIELDS if name in self.notes_form.fields]

    @property
    def note_fields(self):
        return [
            field
            for field in self.notes_form.visible_fields()
            if field.name not in NARRATIVE_FIELDS and field.name != "reason"
        ]

    @property
    def reason_field(self):
        return self.notes_form["reason"] if self.asks_reason else None

    def reason(self) -> str:
        return self.notes_form.cleaned_data.get("reason", "") if self.asks_reason else ""

    def entries(self) -> dict[int, EntryValues]:
        if not self.asks_percentages:
            return {}
        return {
            row.activity.pk: EntryValues(
                row.form.cleaned_data["percent"],
                row.form.cleaned_data["remarks_en"],
                row.form.cleaned_data["remarks_es"],
            )
            for row in self.rows
        }

    def notes(self) -> dict[str, str]:
        return {
            name: self.notes_form.cleaned_data[name] for name in NOTE_FIELDS if name in self.notes_form.fields
        }

    def add_errors(self, error: ValidationError):
        """Place a service's errors next to what caused them (keys are activity ids)."""
        rows = {row.activity.pk: row for row in self.rows}
        if not hasattr(error, "error_dict"):
            self.notes_form.add_error(None, error)
            return
        for key, messages in error.error_dict.items():
            target = rows.get(key)
            for message in messages:
                if target:
                    target.form.add_error("percent", message)
                elif key in self.notes_form.fields:
                    self.notes_form.add_error(key, message)
                else:
                    self.notes_form.add_error(None, message)

    def set_version(self, version: int):
        """After a conflict: the next save deliberately replaces what the other person saved."""
        self._set_data({"version": version})

    def after_conflict(self, conflict, user) -> ConflictView:
        """After a refused save (services.ProgressConflict): what the page shows of it; the values
        the editor had left as they were now show what was saved, and the version moves on, so
        that saving again keeps the editor's typed values on purpose and undoes nothing else."""
        rows = {row.activity.pk: row for row in self.rows}
        sent, names = {}, {}
        for pk, values in self.entries().items():
            for name in ENTRY_FIELDS:
                sent[(pk, name)] = as_text(getattr(values, name))
                names[(pk, name)] = rows[pk].form.add_prefix(name)
        for name, text in self.notes().items():
            sent[(None, name)], names[(None, name)] = clean_text(text), name
        carried = {pk: row.previous.percent for pk, row in rows.items() if row.previous}
        view = conflict_view(conflict, sent, carried if self.asks_percentages else {}, user)
        taken = {names[key]: value for key, value in view.taken.items()}
        self._set_data({**taken, "version": conflict.report.version})
        return view

    def _set_data(self, values: dict):
        data = self.notes_form.data.copy()
        for name, value in values.items():
            data[name] = value
        for form in (self.notes_form, *(row.form for row in self.rows)):
            form.data = data

    @property
    def problems(self) -> list[tuple[str, str, str]]:
        """Every problem as the summary at the top lists it: (id of the field it is about, what
        the field is, the message), in the page's order; no id for a problem of the whole form."""
        found = []
        for name in NARRATIVE_FIELDS:
            found += self._field_problems(self.notes_form, name, "")
        for row in self.rows:
            where = _("Activity %(order)s") % {"order": row.activity.order}
            for name in row.form.fields:
                found += self._field_problems(row.form, name, where)
        for name in self.notes_form.fields:
            if name not in NARRATIVE_FIELDS:
                found += self._field_problems(self.notes_form, name, "")
        return found + [("", "", message) for message in self.notes_form.non_field_errors()]

    @staticmethod
    def _field_problems(form, name, where):
        if name not in form.fields or name not in form.errors:
            return []
        field = form[name]
        label = f"{where}, {field.label}" if where else str(field.label)
        return [(field.auto_id, label, message) for message in field.errors]

    def submit_summary(self) -> list[tuple]:
        """What submitting the (valid) form changes since the previous round, for a look first:
        (activity, previous percentage, new percentage, warning) of each activity whose
        percentage is not the previous one's."""
        rows = []
        for row in self.rows:
            after = row.form.cleaned_data.get("percent") if self.asks_percentages else None
            before = row.previous.percent if row.previous else None
            if after is not None and after != before:
                rows.append((row.activity, before, after, fall_warning(before, after)))
        return rows

    @property
    def error_count(self) -> int:
        return len(self.problems)


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the group"),
        required=False,
        max_length=REMARK,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Required when returning the group report."),
    )
