from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpreadsheetsConfig(AppConfig):
    """Exchanging the programme and its progress with xlsx and csv files: the admin's import
    and export (with django-import-export), the progress workbook, and their commands."""

    name = "spreadsheets"
    verbose_name = _("spreadsheets")

    def ready(self):
        # Every Word file of a document carries what `import_document` needs to read it back.
        from reports.word import STAMPS

        from .from_word.provenance import stamp

        if stamp not in STAMPS:
            STAMPS.append(stamp)
