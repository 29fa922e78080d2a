"""The document register: each document with its PDF in each language, the parts it prints and
how it words countries and institutions."""

from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.bilingual import LANGUAGES
from reports.models import Document, DocumentPart, DocumentWording
from spreadsheets.resources.documents import COMPOSITION_VARIANTS

from ..exchange import LABEL, LINK, Exchange, nested
from ..fields import Bilingual, BilingualLabel


class DocumentPartSerializer(serializers.ModelSerializer):
    """A part the document prints, in order; a null heading is the kind's own."""

    heading = Bilingual()

    class Meta:
        model = DocumentPart
        fields = ["order", "part", "within", "heading", "print_empty"]
        exchange = nested("document", gaps=False)


class DocumentWordingSerializer(serializers.ModelSerializer):
    """How the document names a country (ISO3) or an institution (its code) in one language."""

    # A plain string: the choice set is the document's original_language's, one enum in the schema.
    language = serializers.CharField(read_only=True, help_text="en or es")
    country = serializers.SlugRelatedField(slug_field="iso3", read_only=True, allow_null=True)
    institution = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = DocumentWording
        fields = ["language", "country", "institution", "name", "without_acronym"]
        exchange = nested("document", gaps=False)


class DocumentSerializer(serializers.ModelSerializer):
    title = Bilingual()
    date = Bilingual()
    introduction = Bilingual(help_text="The secretariat's introduction, where the document has one.")
    obstacles = Bilingual(help_text="The secretariat's summary of the main obstacles.")
    gender = Bilingual(help_text="The secretariat's summary of gender mainstreaming.")
    document_type = Bilingual(help_text="The secretariat's note on the type of document.")
    kind_label = BilingualLabel("get_kind_display")
    meeting = serializers.CharField(source="meeting.code", read_only=True)
    programme = serializers.SerializerMethodField()
    round = serializers.CharField(source="round.meeting.code", read_only=True, default=None, allow_null=True)
    group = serializers.CharField(source="group.code", read_only=True, default=None, allow_null=True)
    issued = serializers.SerializerMethodField()
    pdf = serializers.SerializerMethodField()
    parts = DocumentPartSerializer(many=True, read_only=True)
    wordings = DocumentWordingSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = [
            "symbol",
            "kind",
            "kind_label",
            "title",
            "date",
            "layout",
            *COMPOSITION_VARIANTS,
            "distribution",
            "original_language",
            "job_number",
            "meeting",
            "programme",
            "round",
            "group",
            "introduction",
            "obstacles",
            "gender",
            "document_type",
            "issued",
            "issued_at",
            "pdf",
            "parts",
            "wordings",
        ]
        exchange = Exchange(
            extra={
                "kind_label": LABEL,
                "issued": "whether the secretariat has issued it (its files are then fixed)",
                "issued_at": "when it was issued: the portal's record, not the register's",
                "pdf": LINK,
                **dict.fromkeys(
                    ("parts", "wordings"), "the document's records, each with a sheet of its own"
                ),
            }
        )

    def get_programme(self, document) -> str:
        return document.covered_programme.period

    def get_issued(self, document) -> bool:
        return document.is_issued

    @extend_schema_field(
        {"type": "object", "properties": {lang: {"type": "string", "format": "uri"} for lang in LANGUAGES}}
    )
    def get_pdf(self, document):
        links = {}
        for lang in LANGUAGES:
            with translation.override(lang):
                links[lang] = self.context["request"].build_absolute_uri(
                    reverse("reports:pdf", args=(document.symbol, lang))
                )
        return links
