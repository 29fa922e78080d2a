"""Spreadsheet columns of a group's plan: objectives, topic headings, activities and outputs;
see base.py for the rules every sheet shares."""

from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from activities.models import Activity, Objective, Output, Topic
from spreadsheets.widgets import KeysWidget, MonthWidget

from .base import PortalResource, translated, unused_texts_field
from .groups import group_field, in_group, institution_widget


class ObjectiveResource(PortalResource):
    group = group_field()
    unused_texts = unused_texts_field()

    class Meta(PortalResource.Meta):
        model = Objective
        fields = ("group", "kind", "order", *translated("title", "text"), "unused_texts")
        import_id_fields = ("group", "kind", "order")

    def get_queryset(self):
        return Objective.objects.select_related("group__programme")


class TopicResource(PortalResource):
    group = group_field()

    class Meta(PortalResource.Meta):
        model = Topic
        fields = ("group", "order", *translated("title"))
        import_id_fields = ("group", "order")

    def get_queryset(self):
        return Topic.objects.select_related("group__programme")


def objective_key(objective) -> str:
    """ "general 1", "specific 3": how an activity names its objective within its group."""
    return f"{objective.kind} {objective.order}"


def objective_widget(group_column_widget):
    """An objective named within the row's group: "specific 2"."""
    return in_group(
        Objective,
        objective_key,
        _("objective"),
        group_column_widget,
        queryset=Objective.objects.select_related("group__programme"),
    )


class ActivityResource(PortalResource):
    group = group_field()
    objective = Field(attribute="objective", column_name="objective")
    topic = Field(attribute="topic", column_name="topic")
    start_month = Field(attribute="start_month", column_name="start_month", widget=MonthWidget())
    end_month = Field(attribute="end_month", column_name="end_month", widget=MonthWidget())
    unused_texts = unused_texts_field()

    class Meta(PortalResource.Meta):
        model = Activity
        fields = (
            "group",
            "order",
            "plan_no",
            "objective",
            "topic",
            *translated("text", "coordination"),
            "start_month",
            *translated("start_text"),
            "end_month",
            *translated("end_text"),
            "unused_texts",
        )
        import_id_fields = ("group", "order")

    not_exchanged = {
        "continues": "set when the drafting carries work forward (reporting/services/copying.py); a "
        "workbook keeps it, since its rows are matched by group and order"
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        groups = self.fields["group"].widget
        self.fields["objective"].widget = objective_widget(groups)
        self.fields["topic"].widget = in_group(
            Topic,
            lambda t: str(t.order),
            _("topic heading"),
            groups,
            queryset=Topic.objects.select_related("group__programme"),
        )

    def get_queryset(self):
        return Activity.objects.select_related("group__programme", "objective", "topic")


class OutputResource(PortalResource):
    group = group_field()
    objective = Field(attribute="objective", column_name="objective")
    institutions = Field(
        attribute="institutions",
        column_name="institutions",
        widget=KeysWidget(institution_widget().model, lambda i: i.code, _("institution with the code")),
    )
    unused_texts = unused_texts_field()

    class Meta(PortalResource.Meta):
        model = Output
        fields = (
            "group",
            "order",
            "objective",
            *translated("text"),
            "by_coordinating_countries",
            "by_member_countries",
            "institutions",
            *translated("agency", "timetable"),
            "unused_texts",
        )
        import_id_fields = ("group", "order")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["objective"].widget = objective_widget(self.fields["group"].widget)

    def get_queryset(self):
        return Output.objects.select_related("group__programme", "objective").prefetch_related("institutions")
