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
    status = serializers.ChoiceField(
        choices=Programme.Status.choices,
        read_only=True,
        help_text="approved; or draft: the next programme while the groups propose it, shown once "
        "the secretariat publishes it.",
    )
    status_label = BilingualLabel("get_status_display")
    approved_at = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="The code of the meeting that approved it.",
    )
    approved_on = serializers.DateField(read_only=True, allow_null=True)
    resolution = Bilingual(help_text="The Conference's resolution approving it, as written: 12(X).")
    published_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="When the secretariat published it as a draft."
    )
    follows = serializers.SerializerMethodField(help_text="The period of the programme it continues.")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Programme
        fields = [
            "period",
            "start_year",
            "end_year",
            "title",
            "status",
            "status_label",
            "approved_at",
            "approved_on",
            "resolution",
            "published_at",
            "follows",
            "url",
        ]
        exchange = Exchange(
            extra={
                "period": "its years as the key the API and the sheets name it by",
                "url": LINK,
                "status_label": LABEL,
                **dict.fromkeys(
                    ("status", "published_at", "follows"),
                    "the drafting of the programme records it (reporting.services.drafting)",
                ),
            }
        )

    @extend_schema_field({"type": "string", "nullable": True})
    def get_follows(self, programme):
        return programme.follows.period if programme.follows_id else None

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
