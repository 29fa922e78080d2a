"""Working groups with their roles, objectives, plan of activities, outputs and financing."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from activities.models import Activity, Objective, Output
from groups.models import FinancingSource, GroupRole, WorkingGroup

from ..fields import BILINGUAL_SCHEMA, Bilingual, BilingualLabel, Month, bilingual


class RoleSerializer(serializers.ModelSerializer):
    """A line of the group's roles: a country (ISO3) and, where the programme names one, its
    institution (by its code, as in the spreadsheets: INEGI@MEX)."""

    country = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    institution = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = GroupRole
        fields = ["country", "institution"]


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
                },
            },
        }
        for key in ROLE_KEYS
    },
}


def group_key(group) -> str:
    return group.code


class GroupSerializer(serializers.ModelSerializer):
    """A group as the lists give it."""

    key = serializers.CharField(source="code", read_only=True, help_text="2020-2021/IV")
    programme = serializers.CharField(source="programme.period", read_only=True)
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
                "flagged": {"type": "integer"},
            },
        }
    )
    def get_progress(self, group):
        figures = self.context["standings"][group.pk]
        return {
            "percent": figures.progress,
            "reported": len(figures.reported),
            "activities": len(figures.activities),
            "flagged": figures.flagged,
        }

    @extend_schema_field(serializers.URLField())
    def get_url(self, group):
        return self.context["request"].build_absolute_uri(
            f"/api/v1/groups/{group.programme.period}/{group.numeral}/"
        )


class ObjectiveSerializer(serializers.ModelSerializer):
    title = Bilingual()
    text = Bilingual()

    class Meta:
        model = Objective
        fields = ["kind", "order", "title", "text"]


class ActivitySerializer(serializers.ModelSerializer):
    """An activity of the plan and its schedule: months where the plan gives months, phrases
    where it gives phrases."""

    key = serializers.SerializerMethodField(
        help_text="2020-2021/IV/3: the group and the activity's position."
    )
    text = Bilingual()
    coordination = Bilingual()
    topic = serializers.SerializerMethodField(help_text="The topic heading it comes under.")
    objective = serializers.SerializerMethodField()
    start_month = Month()
    end_month = Month()
    start_text = Bilingual()
    end_text = Bilingual()

    class Meta:
        model = Activity
        fields = [
            "key",
            "order",
            "plan_no",
            "text",
            "coordination",
            "topic",
            "objective",
            "start_month",
            "end_month",
            "start_text",
            "end_text",
        ]

    def get_key(self, activity) -> str:
        return f"{activity.group.code}/{activity.order}"

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"kind": {"type": "string"}, "order": {"type": "integer"}},
        }
    )
    def get_objective(self, activity):
        objective = activity.objective
        return {"kind": objective.kind, "order": objective.order} if objective else None

    @extend_schema_field({**BILINGUAL_SCHEMA, "nullable": True})
    def get_topic(self, activity):
        return bilingual(activity.topic, "title") if activity.topic else None


class OutputSerializer(serializers.ModelSerializer):
    text = Bilingual()
    timetable = Bilingual()
    institutions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Output
        fields = [
            "order",
            "text",
            "by_coordinating_countries",
            "by_member_countries",
            "institutions",
            "timetable",
        ]


class FinancingSerializer(serializers.ModelSerializer):
    institution = serializers.SlugRelatedField(slug_field="code", read_only=True)
    label = Bilingual()
    form = Bilingual()
    purpose = Bilingual()

    class Meta:
        model = FinancingSource
        fields = ["order", "institution", "label", "amount_usd", "form", "purpose"]


class GroupDetailSerializer(GroupSerializer):
    """A group with its whole programme: objectives, activities, outputs and financing."""

    background = Bilingual()
    expected_impact = Bilingual()
    financing = Bilingual()
    document_type = serializers.CharField(read_only=True)
    document_type_label = BilingualLabel("get_document_type_display")
    objectives = ObjectiveSerializer(many=True, read_only=True)
    activities = ActivitySerializer(many=True, read_only=True)
    outputs = OutputSerializer(many=True, read_only=True)
    financing_sources = FinancingSerializer(many=True, read_only=True)

    class Meta(GroupSerializer.Meta):
        fields = GroupSerializer.Meta.fields + [
            "background",
            "expected_impact",
            "financing",
            "document_type",
            "document_type_label",
            "objectives",
            "activities",
            "outputs",
            "financing_sources",
        ]
