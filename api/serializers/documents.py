"""The document register: each document with its PDF in each language."""

from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.bilingual import LANGUAGES
from reports.models import Document

from ..fields import Bilingual, BilingualLabel


class DocumentSerializer(serializers.ModelSerializer):
    title = Bilingual()
    date = Bilingual()
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
            "distribution",
            "original_language",
            "meeting",
            "programme",
            "round",
            "group",
            "issued",
            "issued_at",
            "pdf",
        ]

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
