"""Programmes, meetings and reporting rounds, as the API gives them."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from groups.models import Meeting, Programme
from reporting.models import ReportingRound

from ..exchange import LABEL, LINK, Exchange
from ..fields import Bilingual, BilingualLabel


class MeetingSerializer(serializers.ModelSerializer):
    name = BilingualLabel("name")
    body_label = BilingualLabel("get_body_display")
    place = Bilingual()

    class Meta:
        model = Meeting
        fields = [
            "code",
            "body",
            "body_label",
            "number",
            "name",
            "place",
            "is_virtual",
            "start_date",
            "end_date",
        ]
        exchange = Exchange(extra={"body_label": LABEL, "name": LABEL})


class ProgrammeSerializer(serializers.ModelSerializer):
    period = serializers.CharField(read_only=True)
    title = Bilingual()
    approved_at = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="The code of the meeting that approved it.",
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Programme
        fields = ["period", "start_year", "end_year", "title", "approved_at", "url"]
        exchange = Exchange(
            extra={"period": "its years as the key the API and the sheets name it by", "url": LINK}
        )

    @extend_schema_field(serializers.URLField())
    def get_url(self, programme):
        return self.context["request"].build_absolute_uri(f"/api/v1/programmes/{programme.period}/")


class RoundSerializer(serializers.ModelSerializer):
    code = serializers.CharField(
        source="meeting.code", read_only=True, help_text="The code of the meeting the round reports to."
    )
    programme = serializers.CharField(source="programme.period", read_only=True)
    title = BilingualLabel("title")
    status_label = BilingualLabel("get_status_display")

    class Meta:
        model = ReportingRound
        fields = [
            "code",
            "programme",
            "number",
            "title",
            "status",
            "status_label",
            "progress_form",
            "publish_on",
            "opens_on",
            "deadline",
            "opened_at",
            "closed_at",
        ]
        exchange = Exchange(shown_as={"meeting": "code"}, extra={"title": LABEL, "status_label": LABEL})
