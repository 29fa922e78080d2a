"""A group report (what a working group submits in a round) as its focal points read it
through the API, the draft included, and what a program sends to save or submit it."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from core.bilingual import LANGUAGES
from core.limits import NOTE, PARAGRAPHS, REMARK
from reporting.models import GroupReport, ProgressChange

from ..exchange import LABEL, NESTED, Exchange
from ..fields import BILINGUAL_SCHEMA, StrictBoolean, StrictInteger, StrictText, bilingual, in_every_language
from ..pagination import WHOLE_NUMBER

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


def _texts(name, limit):
    """A text in each language, at most `limit` characters; a language left out keeps its value
    (null or "" clears it)."""
    fields = {
        lang: StrictText(
            required=False, allow_blank=True, allow_null=True, trim_whitespace=False, max_length=limit
        )
        for lang in LANGUAGES
    }
    return type(
        name, (serializers.Serializer,), {**fields, "__doc__": _texts.__doc__.replace("`limit`", str(limit))}
    )


RemarksSerializer = _texts("RemarksSerializer", REMARK)
NoteSerializer = _texts("NoteSerializer", NOTE)
NarrativeSerializer = _texts("NarrativeSerializer", PARAGRAPHS)


class EntryWriteSerializer(serializers.Serializer):
    percent = StrictInteger(
        min_value=0, max_value=100, allow_null=True, help_text="null clears the activity's entry."
    )
    remarks = RemarksSerializer(required=False)


class NotesWriteSerializer(serializers.Serializer):
    progress_narrative = NarrativeSerializer(
        required=False, help_text="Only where the round asks for a narrative (its progress_form)."
    )
    obstacles = NoteSerializer(required=False)
    gender_notes = NoteSerializer(required=False)


class ActivityEntries(serializers.DictField):
    """Entries by the activity's position in the group's plan ("3"): a key that is not a whole
    number is refused before its value is read."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            wrong = [key for key in data if not WHOLE_NUMBER.fullmatch(key)]
            if wrong:
                message = _("Name an activity by its position in the group's plan: 1, 2, 3 …")
                # Echoed as sent, but writable: JSON may spell half a surrogate pair.
                raise ValidationError(
                    {key.encode(errors="backslashreplace").decode(): [message] for key in wrong}
                )
        return super().to_internal_value(data)


class GroupReportWriteSerializer(serializers.Serializer):
    """Only what is sent changes: activities left out, languages left out and notes left out
    keep their values."""

    version = StrictInteger(min_value=0, help_text="The version you read.")
    entries = ActivityEntries(
        child=EntryWriteSerializer(),
        required=False,
        help_text='By the activity\'s position in the group\'s plan: {"3": {"percent": 55}}; only '
        "where the round asks for percentages (its progress_form).",
    )
    notes = NotesWriteSerializer(required=False)
    submit = StrictBoolean(
        default=False,
        help_text="Submit the group report to the secretariat (every activity needs a "
        "percentage, or the narrative the round asks for); otherwise the values are saved as a draft.",
    )


class ChangeSerializer(serializers.Serializer):
    """A value changed in the group report since the version the client read."""

    version = serializers.IntegerField(help_text="The group report's version the change made.")
    activity = serializers.IntegerField(
        allow_null=True,
        help_text="The activity's position in the plan; null for the group's notes and status.",
    )
    field = serializers.CharField()
    old_value = serializers.CharField()
    new_value = serializers.CharField()
    changed_by = serializers.CharField(
        allow_null=True, help_text="The username; null once the user is deleted."
    )
    changed_at = serializers.DateTimeField()
    source = serializers.ChoiceField(choices=ProgressChange.Source.choices)


class GroupReportConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    group_report = GroupReportSerializer(
        help_text="The group report as it is now, with the other person's values."
    )
    changes = ChangeSerializer(many=True, help_text="What changed since your version.")


class GroupReportSummarySerializer(serializers.Serializer):
    """The group report of one of your groups in an open round, and where to read and change it."""

    round = serializers.CharField()
    group = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    editable = serializers.BooleanField()
    url = serializers.URLField()
