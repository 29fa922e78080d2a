"""Each activity's published progress, round by round, and its standing today (figures from
reporting.standing: the same as the reading pages and the documents show)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reporting.models import ProgressEntry
from reporting.standing import Schedule

from ..exchange import Exchange
from ..fields import BILINGUAL_SCHEMA, Bilingual, bilingual, in_every_language

ENTRY_SCHEMA = {
    "type": "object",
    "properties": {
        "round": {"type": "string", "description": "The meeting's code: CE.20."},
        "round_number": {
            "type": "integer",
            "nullable": True,
            "description": "None for a past round whose document gives no number.",
        },
        "percent": {"type": "integer"},
        "remarks": BILINGUAL_SCHEMA,
    },
}
STANDING_SCHEMA = {
    "type": "object",
    "properties": {
        "percent": {"type": "integer", "nullable": True, "description": "The latest published percentage."},
        "round": {"type": "string", "nullable": True, "description": "The round it was reported in."},
        "previous_percent": {"type": "integer", "nullable": True},
        "change": {
            "type": "integer",
            "nullable": True,
            "description": "Points since the round before (null: not reported in both).",
        },
        "expected_percent": {
            "type": "integer",
            "nullable": True,
            "description": "The share of its months elapsed today.",
        },
        "schedule": {
            "type": "string",
            "enum": [s.value for s in Schedule],
            "description": "behind: more than the threshold below the expected percentage; overdue: "
            "past its end month below 100%, or with no progress reported at all (percent null).",
        },
        "schedule_label": BILINGUAL_SCHEMA,
        "flagged": {"type": "boolean", "description": "Behind schedule or overdue."},
        "reason": BILINGUAL_SCHEMA,
    },
}


class EntrySerializer(serializers.Serializer):
    """One published entry of an activity, as ENTRY_SCHEMA documents it and entry_data writes it
    (a function: progress lists write thousands); tests/test_exchange_shape.py holds the three
    together."""

    round = serializers.CharField(source="round.meeting.code", help_text="The meeting's code: CE.20.")
    round_number = serializers.IntegerField(allow_null=True)
    percent = serializers.IntegerField()
    remarks = Bilingual()

    class Meta:
        model = ProgressEntry
        exchange = Exchange(
            left_out=dict.fromkeys(
                ("group", "activity"), "given by the activity the entries are listed under"
            ),
            extra={"round_number": "the round's number in its programme (second report: 2)"},
        )


def entry_data(entry) -> dict:
    return {
        "round": entry.round.meeting.code,
        "round_number": entry.round_number,
        "percent": entry.percent,
        "remarks": bilingual(entry, "remarks"),
    }


def standing_data(row) -> dict:
    return {
        "percent": row.percent,
        "round": row.latest.round.meeting.code if row.latest else None,
        "previous_percent": row.previous_percent,
        "change": row.change,
        "expected_percent": row.expected_shown,
        "schedule": row.schedule.value,
        "schedule_label": in_every_language(row.schedule.label),
        "flagged": row.flagged,
        "reason": in_every_language(lambda: row.reason),
    }


class ActivityProgressSerializer(serializers.Serializer):
    """One activity (a reporting.standing.Standing with its `entries`)."""

    activity = serializers.SerializerMethodField(help_text="2020-2021/IV/3")
    group = serializers.SerializerMethodField(help_text="2020-2021/IV")
    text = serializers.SerializerMethodField()
    standing = serializers.SerializerMethodField()
    entries = serializers.SerializerMethodField()

    def get_activity(self, row) -> str:
        return f"{row.activity.group.code}/{row.activity.order}"

    def get_group(self, row) -> str:
        return row.activity.group.code

    @extend_schema_field(BILINGUAL_SCHEMA)
    def get_text(self, row):
        return bilingual(row.activity, "text")

    @extend_schema_field(STANDING_SCHEMA)
    def get_standing(self, row):
        return standing_data(row)

    @extend_schema_field({"type": "array", "items": ENTRY_SCHEMA})
    def get_entries(self, row):
        return [entry_data(e) for e in row.entries]
