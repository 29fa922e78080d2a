"""The form that attaches evidence to a group's report: about which activity or output, a title
in either language, and a file (its kind checked by its content, its size bounded) or a link."""

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.uploads import KINDS_TEXT, sniff

from .services.evidence import evidence_file_name


class EvidenceForm(forms.Form):
    about = forms.ChoiceField(label=_("Attached to"))
    title_en = forms.CharField(
        label=_("Title (English)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "en"}),
    )
    title_es = forms.CharField(
        label=_("Title (Spanish)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "es"}),
    )
    file = forms.FileField(label=_("File"), required=False, help_text=KINDS_TEXT)
    url = forms.URLField(
        label=_("or a link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )

    def __init__(self, group, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = {}
        activities, outputs = [], []
        for activity in group.activities.order_by("order"):
            self.choices[f"activity-{activity.pk}"] = activity
            activities.append((f"activity-{activity.pk}", f"{activity.order}. {_short(activity)}"))
        for output in group.outputs.order_by("order"):
            self.choices[f"output-{output.pk}"] = output
            outputs.append((f"output-{output.pk}", f"{output.order}. {_short(output)}"))
        self.fields["about"].choices = [
            ("", "—"),
            *(
                (label, options)
                for label, options in ((_("Activities"), activities), (_("Outputs"), outputs))
                if options
            ),
        ]
        self.fields["file"].help_text = _("%(kinds)s; at most %(size)s.") % {
            "kinds": KINDS_TEXT,
            "size": filesizeformat(settings.EVIDENCE_MAX_UPLOAD),
        }
        self.kind = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if upload.size > settings.EVIDENCE_MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is %(size)s; the largest accepted is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.EVIDENCE_MAX_UPLOAD)}
            )
        self.kind = sniff(upload)
        if self.kind is None:
            raise forms.ValidationError(
                _("This file's content is not one of the kinds accepted (%(kinds)s), whatever its name says.")
                % {"kinds": KINDS_TEXT}
            )
        evidence_file_name(upload.name, self.kind)  # a name with nothing to keep is refused here
        return upload

    def clean(self):
        data = super().clean()
        if not (data.get("title_en", "").strip() or data.get("title_es", "").strip()):
            self.add_error("title_en", _("Give the evidence a title, in English or in Spanish."))
        has_file, has_url = bool(data.get("file")) or "file" in self.errors, bool(data.get("url"))
        if has_file and has_url:
            self.add_error("url", _("Give a file or a link, not both."))
        elif not has_file and not has_url and "url" not in self.errors:
            self.add_error("file", _("Choose a file, or give a link."))
        return data

    @property
    def target(self):
        """The activity or output chosen."""
        return self.choices.get(self.cleaned_data.get("about"))


def _short(item, length=80) -> str:
    text = " ".join(str(item.text).split())
    return text if len(text) <= length else text[: length - 1] + "…"
