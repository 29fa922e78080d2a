"""A group report (what a working group submits in a round) as its focal points read it
through the API, the draft included, and what a program sends to save or submit it."""

from dataclasses import dataclass

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.bilingual import LANGUAGES
from reporting.models import GroupReport

from ..exchange import LABEL, NESTED, Exchange
from ..fields import BILINGUAL_SCHEMA, bilingual, in_every_language

NOTES = ("progress_narrative", "obstacles", "gender_notes")


@dataclass
class GroupReportState:
    """A group report in a round (None: not started), with the group's activities and their
    entries."""

    reporting_round: object
    group: object
    group_report: GroupReport | None
    activities: list
    entries: dict  # activity id -> ProgressEntry
    editable: bool


class GroupReportSerializer(serializers.Serializer):
    round = serializers.SerializerMethodField()
    group = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    status_label = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField(
        help_text="Send it back with a change: a save made on an older version is refused (409)."
    )
    editable = serializers.BooleanField(help_text="Whether you may save or submit it now.")
    updated_at = serializers.SerializerMethodField()
    submitted_at = serializers.SerializerMethodField()
    review_comment = serializers.SerializerMethodField()
    output_as_reported = serializers.SerializerMethodField()
    entries = serializers.SerializerMethodField()
    notes = serializers.SerializerMethodField()

    class Meta:
        model = GroupReport
        exchange = Exchange(
            shown_as=dict.fromkeys(NOTES, "notes"),
            extra={
                "status_label": LABEL,
                "version": "the group report's version, for the next save",
                "editable": "whether the caller may save it now",
                "updated_at": "the group report's bookkeeping",
                "submitted_at": "the group report's bookkeeping",
                "entries": NESTED,
            },
        )

    def get_round(self, state) -> str:
        return state.reporting_round.meeting.code

    def get_group(self, state) -> str:
        return state.group.code

    def get_status(self, state) -> str:
        return state.group_report.status if state.group_report else GroupReport.Status.NOT_STARTED.value

    @extend_schema_field(BILINGUAL_SCHEMA)
    def get_status_label(self, state):
        return in_every_language(GroupReport.Status(self.get_status(state)).label)

    def get_version(self, state) -> int:
        return state.group_report.version if state.group_report else 0

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_updated_at(self, state):
        return (
            serializers.DateTimeField().to_representation(state.group_report.updated_at)
            if state.group_report and state.group_report.updated_at
            else None
        )

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_submitted_at(self, state):
        return (
            serializers.DateTimeField().to_representation(state.group_report.submitted_at)
            if state.group_report and state.group_report.submitted_at
            else None
        )

    @extend_schema_field(BILINGUAL_SCHEMA)
    def get_output_as_reported(self, state):
        """The output's title as the group report gives it, where it differs from the plan's."""
        return (
            bilingual(state.group_report, "output_as_reported")
            if state.group_report
            else dict.fromkeys(LANGUAGES)
        )

    def get_review_comment(self, state) -> str:
        return state.group_report.review_comment if state.group_report else ""

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "activity": {
                        "type": "integer",
                        "description": "The activity's position in the group's plan.",
                    },
                    "key": {"type": "string"},
                    "text": BILINGUAL_SCHEMA,
                    "percent": {"type": "integer", "nullable": True},
                    "remarks": BILINGUAL_SCHEMA,
                },
            },
        }
    )
    def get_entries(self, state):
        rows = []
        for activity in state.activities:
            entry = state.entries.get(activity.pk)
            rows.append(
                {
                    "activity": activity.order,
                    "key": f"{state.group.code}/{activity.order}",
                    "text": bilingual(activity, "text"),
                    "percent": entry.percent if entry else None,
                    "remarks": bilingual(entry, "remarks") if entry else dict.fromkeys(LANGUAGES),
                }
            )
        return rows

    @extend_schema_field({"type": "object", "properties": dict.fromkeys(NOTES, BILINGUAL_SCHEMA)})
    def get_notes(self, state):
        return {
            name: bilingual(state.group_report, name) if state.group_report else dict.fromkeys(LANGUAGES)
            for name in NOTES
        }


class TextsSerializer(serializers.Serializer):
    """A text in each language; a language left out keeps its value."""

    en = serializers.CharField(required=False, allow_blank=True, allow_null=True, trim_whitespace=False)
    es = serializers.CharField(required=False, allow_blank=True, allow_null=True, trim_whitespace=False)


class EntryWriteSerializer(serializers.Serializer):
    percent = serializers.IntegerField(
        min_value=0, max_value=100, allow_null=True, help_text="null clears the activity's entry."
    )
    remarks = TextsSerializer(required=False)


class NotesWriteSerializer(serializers.Serializer):
    progress_narrative = TextsSerializer(required=False, help_text="Where the round asks for a narrative.")
    obstacles = TextsSerializer(required=False)
    gender_notes = TextsSerializer(required=False)


class GroupReportWriteSerializer(serializers.Serializer):
    """Only what is sent changes: activities left out, languages left out and notes left out
    keep their values."""

    version = serializers.IntegerField(min_value=0, help_text="The version you read.")
    entries = serializers.DictField(
        child=EntryWriteSerializer(),
        required=False,
        help_text='By the activity\'s position in the group\'s plan: {"3": {"percent": 55}}.',
    )
    notes = NotesWriteSerializer(required=False)
    submit = serializers.BooleanField(
        default=False,
        help_text="Submit the group report to the secretariat (every activity needs a "
        "percentage); otherwise the values are saved as a draft.",
    )


class GroupReportConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    group_report = GroupReportSerializer(
        help_text="The group report as it is now, with the other person's values."
    )
    changes = serializers.ListField(
        child=serializers.DictField(), help_text="What changed since your version."
    )


class GroupReportSummarySerializer(serializers.Serializer):
    """The group report of one of your groups in an open round, and where to read and change it."""

    round = serializers.CharField()
    group = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    editable = serializers.BooleanField()
    url = serializers.URLField()
