"""A round with every group's figures in it beside the round before, like for like (figures
from reporting.standing, as the round's page shows them): the change is computed on the
activities reported in both rounds, and how many more (or fewer) reported is given beside it."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..progress import round_figures
from .conference import RoundSerializer

PERCENT = {"type": "integer", "nullable": True}
LIKE_FOR_LIKE_SCHEMA = {
    "type": "object",
    "nullable": True,
    "description": "The change since the round before, on the activities reported in both rounds "
    "(null when there is no round before).",
    "properties": {
        "activities": {"type": "integer", "description": "Activities reported in both rounds."},
        "previous_percent": {**PERCENT, "description": "Their mean in the round before."},
        "percent": {**PERCENT, "description": "Their mean in this round."},
        "change": {**PERCENT, "description": "percent - previous_percent (null: none in both)."},
    },
}
GROUP_FIGURES_SCHEMA = {
    "type": "object",
    "properties": {
        "group": {"type": "string", "description": "2020-2021/IV"},
        "percent": {**PERCENT, "description": "The mean of every percentage reported in the round."},
        "reported": {"type": "integer", "description": "Activities reported in the round."},
        "activities": {"type": "integer", "description": "Activities in the group's plan."},
        "previous_percent": {
            **PERCENT,
            "description": "The mean of every percentage reported in the round before: not comparable "
            "with percent when other activities reported (see like_for_like).",
        },
        "previous_reported": {"type": "integer", "nullable": True},
        "more_reported": {
            "type": "integer",
            "nullable": True,
            "description": "How many more activities reported than in the round before (negative: "
            "fewer; null before the group has reported in this round).",
        },
        "like_for_like": LIKE_FOR_LIKE_SCHEMA,
    },
}


def group_figures_data(row) -> dict:
    """A reporting.comparison.RoundRow as GROUP_FIGURES_SCHEMA documents it."""
    return {
        "group": row.group.code,
        "percent": row.progress,
        "reported": row.reported,
        "activities": row.activities,
        "previous_percent": row.previous,
        "previous_reported": row.previous_reported,
        "more_reported": row.more,
        "like_for_like": None
        if row.before is None
        else {
            "activities": len(row.both),
            "previous_percent": row.both_previous,
            "percent": row.both_progress,
            "change": row.change,
        },
    }


class RoundDetailSerializer(RoundSerializer):
    """One round, with the round before it and its groups' published figures beside it, a page
    of groups at a time (?page=, ?page_size= as the lists take them): `group_count` groups in
    all, `next` and `previous` the addresses of the other pages."""

    previous_round = serializers.SerializerMethodField(
        help_text="The code of the round the figures are compared with (null: none before)."
    )
    groups = serializers.SerializerMethodField()
    group_count = serializers.SerializerMethodField(help_text="The round's groups, on every page.")
    next = serializers.SerializerMethodField(help_text="The next page of groups (null: this is the last).")
    previous = serializers.SerializerMethodField(help_text="The page before (null: this is the first).")

    class Meta(RoundSerializer.Meta):
        fields = [*RoundSerializer.Meta.fields, "previous_round", "groups", "group_count", "next", "previous"]

    def get_previous_round(self, reporting_round) -> str | None:
        previous = self._rows(reporting_round)[1]
        return previous.meeting.code if previous else None

    @extend_schema_field({"type": "array", "items": GROUP_FIGURES_SCHEMA})
    def get_groups(self, reporting_round):
        return [group_figures_data(row) for row in self._rows(reporting_round)[0]]

    def get_group_count(self, reporting_round) -> int:
        return self.context["pages"].page.paginator.count

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_next(self, reporting_round):
        return self.context["pages"].get_next_link()

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_previous(self, reporting_round):
        return self.context["pages"].get_previous_link()

    def _rows(self, reporting_round):
        # Both fields read the same figures: computed once, for the page's groups only.
        if not hasattr(self, "_figures"):
            self._figures = round_figures(reporting_round, self.context["groups"])
        return self._figures
