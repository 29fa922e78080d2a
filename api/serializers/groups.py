"""Working groups with their roles, objectives, plan of activities, outputs and financing."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from groups.models import GroupRole, Programme, WorkingGroup
from reporting.standing import GroupFigures
from spreadsheets.resources.working_groups import ROLE_COLUMNS

from ..exchange import FIGURE, GAPS, LABEL, LINK, Exchange
from ..fields import Bilingual, BilingualLabel
from .network import EventSerializer, FigureSerializer, LinkSerializer
from .plan import (
    ActivitySerializer,
    FinancingSerializer,
    ObjectiveSerializer,
    OutputSerializer,
    PlanRowSerializer,
    TopicSerializer,
)


class RoleSerializer(serializers.ModelSerializer):
    """A line of the group's roles: a country (ISO3) and, where the programme names one, its
    institution (by its code, as in the spreadsheets: INEGI@MEX)."""

    country = serializers.SlugRelatedField(slug_field="iso3", read_only=True, allow_null=True)
    institution = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    capacity = serializers.SerializerMethodField(
        help_text="A council member's (chair, donor ...); else null."
    )

    class Meta:
        model = GroupRole
        fields = ["country", "institution", "capacity"]

    def get_capacity(self, role) -> str | None:
        return role.capacity or None


ROLE_KEYS = {role.value: role for role in GroupRole.Role}
ROLES_SCHEMA = {
    "type": "object",
    "properties": {
        key: {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "country": {"type": "string", "nullable": True},
                    "institution": {"type": "string", "nullable": True},
                    "capacity": {"type": "string", "nullable": True},
                },
            },
        }
        for key in ROLE_KEYS
    },
}


class GroupSerializer(serializers.ModelSerializer):
    """A group as the lists give it."""

    key = serializers.CharField(source="code", read_only=True, help_text="2020-2021/IV")
    programme = serializers.CharField(source="programme.period", read_only=True)
    programme_status = serializers.ChoiceField(
        source="programme.status",
        choices=Programme.Status.choices,
        read_only=True,
        help_text="draft: a group of the next programme as proposed, not approved.",
    )
    name = Bilingual()
    theme = Bilingual()
    output = Bilingual()
    roles = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = WorkingGroup
        fields = [
            "key",
            "programme",
            "programme_status",
            "numeral",
            "number",
            "name",
            "theme",
            "output",
            "roles",
            "progress",
            "url",
        ]

    @extend_schema_field(ROLES_SCHEMA)
    def get_roles(self, group):
        return {key: RoleSerializer(group.roles_of(role), many=True).data for key, role in ROLE_KEYS.items()}

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "percent": {
                    "type": "integer",
                    "nullable": True,
                    "description": "Mean of the activities' latest published percentages.",
                },
                "reported": {"type": "integer"},
                "activities": {"type": "integer"},
                "flagged": {"type": "integer", "description": "Activities behind schedule or overdue."},
                "behind": {"type": "integer", "description": "Activities behind schedule."},
                "overdue": {
                    "type": "integer",
                    "description": "Activities past their end month below 100% or with no progress reported.",
                },
            },
        }
    )
    def get_progress(self, group):
        figures = self.context["standings"][group.pk]
        if not isinstance(figures, GroupFigures):  # a group's whole standing (GroupDetail)
            figures = figures.counted()
        return {
            "percent": figures.progress,
            "reported": figures.reported,
            "activities": figures.activities,
            "flagged": figures.flagged,
            "behind": figures.behind,
            "overdue": figures.overdue,
        }

    @extend_schema_field(serializers.URLField())
    def get_url(self, group):
        return self.context["request"].build_absolute_uri(
            f"/api/v1/groups/{group.programme.period}/{group.numeral}/"
        )


GROUP_CONTINUES_SCHEMA = {
    "type": "object",
    "nullable": True,
    "description": "The group of the previous programme it continues (null: none, or a new group).",
    "properties": {
        "programme": {"type": "string", "example": "2020-2021"},
        "group": {"type": "string", "example": "IV"},
        "key": {"type": "string", "example": "2020-2021/IV"},
        "url": {"type": "string", "format": "uri"},
    },
}


class GroupDetailSerializer(GroupSerializer):
    """A group with its whole programme: its paragraphs, objectives (with a plan's programme
    areas and action lines), topics, activities, outputs, plan rows, financing, and a network's
    events, figures and links."""

    background = Bilingual()
    expected_impact = Bilingual()
    financing = Bilingual()
    objectives_lead_in = Bilingual()
    objectives_closing = Bilingual()
    outputs_lead_in = Bilingual()
    previous_results = Bilingual()
    conclusions = Bilingual()
    document_type = serializers.CharField(read_only=True)
    document_type_label = BilingualLabel("get_document_type_display")
    objectives = ObjectiveSerializer(many=True, read_only=True)
    topics = TopicSerializer(many=True, read_only=True)
    activities = ActivitySerializer(many=True, read_only=True)
    outputs = OutputSerializer(many=True, read_only=True)
    plan_rows = PlanRowSerializer(many=True, read_only=True)
    financing_sources = FinancingSerializer(many=True, read_only=True)
    events = EventSerializer(many=True, read_only=True)
    figures = FigureSerializer(many=True, read_only=True)
    links = LinkSerializer(many=True, read_only=True)
    continues = serializers.SerializerMethodField()

    class Meta(GroupSerializer.Meta):
        fields = GroupSerializer.Meta.fields + [
            "continues",
            "kind",
            "background",
            "expected_impact",
            "financing",
            "objectives_lead_in",
            "objectives_closing",
            "outputs_lead_in",
            "previous_results",
            "conclusions",
            "document_type",
            "document_type_label",
            "objectives",
            "topics",
            "activities",
            "outputs",
            "plan_rows",
            "financing_sources",
            "events",
            "figures",
            "links",
        ]
        exchange = Exchange(
            left_out={
                "unused_texts": GAPS,
                "role_order": "how the portal orders the roles; the API gives them in that order",
            },
            # The sheet has a column per kind of role; the API one object keyed by kind.
            shown_as=dict.fromkeys(ROLE_COLUMNS, "roles"),
            extra={
                "key": "the group's key (programme/numeral), as the sheets name it",
                "numeral": "its number as the documents write it (IV)",
                "progress": FIGURE,
                "url": LINK,
                "programme_status": "its programme's status (the programmes' own field)",
                "continues": "the group of the previous programme it carries forward (the drafting sets it)",
                "document_type_label": LABEL,
                **dict.fromkeys(
                    (
                        "objectives",
                        "topics",
                        "activities",
                        "outputs",
                        "plan_rows",
                        "financing_sources",
                        "events",
                        "figures",
                        "links",
                    ),
                    "the group's records, each with a sheet of its own",
                ),
            },
        )

    @extend_schema_field(GROUP_CONTINUES_SCHEMA)
    def get_continues(self, group):
        old = group.continues
        if old is None:
            return None
        return {
            "programme": old.programme.period,
            "group": old.numeral,
            "key": old.code,
            "url": self.get_url(old),
        }
