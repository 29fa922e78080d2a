"""The document register: each document with its PDF in each language."""

from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.bilingual import LANGUAGES
from reports.models import Document

from ..exchange import LABEL, LINK, Exchange
from ..fields import Bilingual, BilingualLabel


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
    round = serializers.CharField(source="round.meeting.code", read_only=True, default=None)
    group = serializers.CharField(source="group.code", read_only=True, default=None)
    issued = serializers.SerializerMethodField()
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "symbol",
            "kind",
            "kind_label",
            "title",
            "date",
            "layout",
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
        ]
        exchange = Exchange(
            extra={
                "kind_label": LABEL,
                "issued": "whether the secretariat has issued it (its PDFs are then fixed)",
                "issued_at": "when it was issued: the portal's record, not the register's",
                "pdf": LINK,
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
