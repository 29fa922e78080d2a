"""Spreadsheet columns of a document's composition: the parts it prints, in order, with their
headings, and how it words a country or an institution in one language; see base.py for the
rules every sheet shares."""

from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from reports.models import Document, DocumentPart, DocumentWording
from spreadsheets.widgets import KeyWidget

from .base import PortalResource, translated
from .groups import country_widget, institution_widget


def document_field():
    """The document a row belongs to, by its symbol: LC/CE.20/3."""
    return Field(
        attribute="document",
        column_name="document",
        widget=KeyWidget(Document, lambda d: d.symbol, _("document")),
    )


class FrozenWhenIssued:
    """A sheet of the document register or its composition: a row that would change an issued
    document (its entry, a part, a wording, or add one) is refused, as the admin refuses it. The
    issued files are what the Conference published; a record changed beneath them would make
    the register say what they do not."""

    frozen_column = "document"

    def _document_of(self, instance):
        return instance if isinstance(instance, Document) else instance.document

    def row_problems(self, instance, row, errors):
        problems = super().row_problems(instance, row, errors)
        document = self._document_of(instance) if not errors else None
        if document is None or document.pk is None:
            return problems
        stored = type(instance).objects.filter(pk=instance.pk).first() if instance.pk else None
        issued = Document.objects.filter(pk=document.pk, issued_at__isnull=False).exists()
        fields = self.get_import_fields()
        if issued and (stored is None or any(f.get_value(stored) != f.get_value(instance) for f in fields)):
            message = _("%(symbol)s has been issued: it cannot be changed, nor its composition.")
            problems.setdefault(self.frozen_column, []).append(message % {"symbol": document.symbol})
        return problems


class DocumentPartResource(FrozenWhenIssued, PortalResource):
    document = document_field()

    required_columns = ("part",)

    class Meta(PortalResource.Meta):
        model = DocumentPart
        fields = ("document", "order", "part", "within", *translated("heading"), "print_empty")
        import_id_fields = ("document", "order")

    def get_queryset(self):
        return DocumentPart.objects.select_related("document")


class DocumentWordingResource(FrozenWhenIssued, PortalResource):
    """A wording names a country or an institution: the other column of the row stays empty."""

    document = document_field()
    country = Field(attribute="country", column_name="country", widget=country_widget())
    institution = Field(attribute="institution", column_name="institution", widget=institution_widget())

    optional_key_columns = ("country", "institution")

    class Meta(PortalResource.Meta):
        model = DocumentWording
        fields = ("document", "language", "country", "institution", "name", "without_acronym")
        import_id_fields = ("document", "language", "country", "institution")

    def get_queryset(self):
        return DocumentWording.objects.select_related("document", "country", "institution")
