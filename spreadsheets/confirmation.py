"""The admin import's confirmation step (django-import-export), trusting nothing it is posted.

Between the preview and the confirmation the library keeps the uploaded file and posts back its
name, format and resource in hidden fields. Here the file waits in spreadsheets.pending (not the
app server's temporary folder, which another app server does not see), and the confirmation is
accepted only for a file this user's preview kept, with the format and resource it was previewed
with: a forged, guessed, expired or someone else's name, or another format, is a form error on
the confirmation page and imports nothing."""

from django import forms
from django.utils.translation import gettext_lazy as _
from import_export.forms import ConfirmImportForm
from import_export.tmp_storages import BaseStorage

from . import pending

NOT_WAITING = _(
    "This import is no longer waiting for confirmation (or the confirmation was altered); "
    "nothing was imported. Upload the file again."
)


class PendingFileStorage(BaseStorage):
    """The library's temporary storage, kept in spreadsheets.pending and always read as bytes,
    so that the format decodes a CSV file itself (spreadsheets.formats.utf8_text names the line
    of a byte that is not UTF-8)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.read_mode = "rb"

    def save(self, data):
        self.name = self.name or pending.new_name()
        pending.save(self.name, data if isinstance(data, bytes) else data.encode("utf-8"))

    def read(self):
        return pending.content(self.name)

    def remove(self):
        pending.discard(self.name)


class PendingConfirmForm(ConfirmImportForm):
    """The confirmation, valid only for a file that waits for this user's confirmation, with the
    format and resource it was previewed with."""

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("import_file_name")
        previewed = pending.details(self.request, name) if name else None
        if previewed is None or (
            previewed.get("format") != cleaned.get("format")
            or previewed.get("resource") != (cleaned.get("resource") or "")
        ):
            raise forms.ValidationError(NOT_WAITING, code="not_waiting")
        return cleaned


def previewed_with(import_form) -> dict:
    """What a confirmation must post back unchanged, from the preview's form."""
    return {
        "format": str(import_form.cleaned_data["format"]),
        "resource": str(import_form.cleaned_data.get("resource") or ""),
    }
