"""A group's programme as the API gives it inside the group: objectives (with an older report's
programme areas and their action lines), topic headings, activities, outputs, plan rows and
financing."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from activities.models import ActionLine, Activity, Objective, Output, PlanRow, ProgrammeArea, Topic
from groups.models import FinancingSource

from ..exchange import GAPS, NESTED, Exchange, nested
from ..fields import BILINGUAL_SCHEMA, Bilingual, Month, bilingual


class ActionLineSerializer(serializers.ModelSerializer):
    text = Bilingual()

    class Meta:
        model = ActionLine
        fields = ["order", "text"]
        exchange = nested("group", "area")


class AreaSerializer(serializers.ModelSerializer):
    """A programme area of an older report's plan, with its action lines."""

    title = Bilingual()
    action_lines = ActionLineSerializer(many=True, read_only=True)

    class Meta:
        model = ProgrammeArea
        fields = ["order", "title", "action_lines"]
        exchange = nested("group", "objective", extra={"action_lines": NESTED})


class ObjectiveSerializer(serializers.ModelSerializer):
    title = Bilingual()
    text = Bilingual()
    areas = AreaSerializer(many=True, read_only=True)

    class Meta:
        model = Objective
        fields = ["kind", "order", "title", "text", "areas"]
        exchange = nested("group", extra={"areas": NESTED})


class TopicSerializer(serializers.ModelSerializer):
    """A heading that several activities come under (their `topic` gives its title)."""

    title = Bilingual()

    class Meta:
        model = Topic
        fields = ["order", "title"]
        exchange = nested("group", gaps=False)


def _objective(record):
    objective = record.objective
    return {"kind": objective.kind, "order": objective.order} if objective else None


CONTINUES_SCHEMA = {
    "type": "object",
    "nullable": True,
    "description": "The activity of the previous programme it carries forward (null: none).",
    "properties": {
        "programme": {"type": "string", "example": "2020-2021"},
        "group": {"type": "string", "example": "IV"},
        "order": {"type": "integer"},
        "key": {"type": "string", "example": "2020-2021/IV/3"},
        "url": {"type": "string", "format": "uri", "description": "The group it belongs to, in the API."},
    },
}


def continued(request, activity):
    """The activity `activity` continues, as CONTINUES_SCHEMA gives it (its group and programme
    read with it)."""
    old = activity.continues
    if old is None:
        return None
    group = old.group
    return {
        "programme": group.programme.period,
        "group": group.numeral,
        "order": old.order,
        "key": f"{group.code}/{old.order}",
        "url": request.build_absolute_uri(f"/api/v1/groups/{group.programme.period}/{group.numeral}/"),
    }


OBJECTIVE_SCHEMA = {
    "type": "object",
    "nullable": True,
    "properties": {"kind": {"type": "string"}, "order": {"type": "integer"}},
}


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
    continues = serializers.SerializerMethodField()

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
            "continues",
        ]
        exchange = Exchange(
            left_out={"unused_texts": GAPS},
            shown_as={"group": "key"},
            extra={"continues": "carried forward in the drafting of the programme (reporting.services)"},
        )

    @extend_schema_field(CONTINUES_SCHEMA)
    def get_continues(self, activity):
        return continued(self.context["request"], activity)

    def get_key(self, activity) -> str:
        return f"{activity.group.code}/{activity.order}"

    @extend_schema_field(OBJECTIVE_SCHEMA)
    def get_objective(self, activity):
        return _objective(activity)

    @extend_schema_field({**BILINGUAL_SCHEMA, "nullable": True})
    def get_topic(self, activity):
        return bilingual(activity.topic, "title") if activity.topic else None


class OutputSerializer(serializers.ModelSerializer):
    text = Bilingual()
    objective = serializers.SerializerMethodField()
    agency = Bilingual(help_text="The agencies responsible, as the document words them, where it does.")
    timetable = Bilingual()
    institutions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Output
        fields = [
            "order",
            "objective",
            "text",
            "by_coordinating_countries",
            "by_member_countries",
            "institutions",
            "agency",
            "timetable",
        ]
        exchange = nested("group")

    @extend_schema_field(OBJECTIVE_SCHEMA)
    def get_objective(self, output):
        return _objective(output)


class PlanRowSerializer(serializers.ModelSerializer):
    """A row of the group's plan: the outputs it covers (by their order in the group), or none
    and a text of its own, with its timetable phrase."""

    objective = serializers.SerializerMethodField()
    outputs = serializers.SerializerMethodField(help_text="The orders of the outputs the row covers.")
    text = Bilingual()
    timetable = Bilingual()

    class Meta:
        model = PlanRow
        fields = ["order", "objective", "outputs", "text", "timetable"]
        exchange = nested("group", gaps=False)

    @extend_schema_field(OBJECTIVE_SCHEMA)
    def get_objective(self, row):
        return _objective(row)

    @extend_schema_field({"type": "array", "items": {"type": "integer"}})
    def get_outputs(self, row):
        return sorted(output.order for output in row.outputs.all())


class FinancingSerializer(serializers.ModelSerializer):
    institution = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    label = Bilingual()
    form = Bilingual()
    purpose = Bilingual()

    class Meta:
        model = FinancingSource
        fields = ["order", "institution", "label", "amount_usd", "form", "purpose"]
        exchange = nested("group", gaps=False)
