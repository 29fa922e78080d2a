"""Spreadsheet columns of the document register; see base.py for the rules every sheet shares.
A document's parts and wordings have sheets of their own (composition.py). Issued files are
files, not spreadsheet data: they stay in the portal."""

from import_export.fields import Field

from reports.models import Document

from .base import PortalResource, translated
from .composition import FrozenWhenIssued
from .groups import group_field, meeting_widget, programme_widget
from .reporting import round_widget

# How the document prints its parts and tables (reports/composition.py), beside its layout.
COMPOSITION_VARIANTS = Document.COMPOSITION_VARIANTS


class DocumentResource(FrozenWhenIssued, PortalResource):
    frozen_column = "symbol"

    meeting = Field(attribute="meeting", column_name="meeting", widget=meeting_widget())
    programme = Field(attribute="programme", column_name="programme", widget=programme_widget())
    round = Field(attribute="round", column_name="round", widget=round_widget())
    group = group_field()

    class Meta(PortalResource.Meta):
        model = Document
        fields = (
            "symbol",
            "kind",
            *translated("title", "date"),
            "layout",
            *COMPOSITION_VARIANTS,
            "distribution",
            "original_language",
            "job_number",
            "meeting",
            "programme",
            "round",
            "group",
            *translated("introduction", "obstacles", "gender", "document_type"),
        )
        import_id_fields = ("symbol",)

    not_exchanged = dict.fromkeys(
        ("issued_at", "issued_by"), "set when the secretariat issues the document, with its files"
    )

    def get_queryset(self):
        return Document.objects.select_related("meeting", "programme", "round__meeting", "group__programme")
