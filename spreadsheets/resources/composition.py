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


class DocumentPartResource(PortalResource):
    document = document_field()

    required_columns = ("part",)

    class Meta(PortalResource.Meta):
        model = DocumentPart
        fields = ("document", "order", "part", "within", *translated("heading"), "print_empty")
        import_id_fields = ("document", "order")

    def get_queryset(self):
        return DocumentPart.objects.select_related("document")


class DocumentWordingResource(PortalResource):
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
