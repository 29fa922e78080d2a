"""Spreadsheet columns of the older reports' plan: programme areas under a specific objective,
and their action lines; see base.py for the rules every sheet shares. Neither model has a
group of its own (an area reaches it through its objective), so their `group` column is read
by the other columns' widgets and written nowhere."""

from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from activities.models import ActionLine, ProgrammeArea
from spreadsheets.widgets import GroupKeyWidget

from .activities import objective_key, objective_widget
from .base import PortalResource, translated, unused_texts_field
from .groups import group_widget


class ReachedGroupField(Field):
    """The `group` column of a record whose group is reached through `path` (objective.group)."""

    def __init__(self, *path):
        super().__init__(attribute=None, column_name="group", widget=group_widget())
        self.path = path

    def export(self, instance, **kwargs):
        record = instance
        for name in self.path:
            record = getattr(record, name, None) if record is not None else None
        return record.code if record is not None else ""


def area_key(area) -> str:
    """ "specific 1/2": an area named within its group by its objective and its order."""
    return f"{objective_key(area.objective)}/{area.order}"


class AreaWidget(GroupKeyWidget):
    def index(self, record):
        return (record.objective.group_id, self.key(record))


class ProgrammeAreaResource(PortalResource):
    group = ReachedGroupField("objective", "group")
    objective = Field(attribute="objective", column_name="objective")
    unused_texts = unused_texts_field()

    class Meta(PortalResource.Meta):
        model = ProgrammeArea
        fields = ("group", "objective", "order", *translated("title"), "unused_texts")
        import_id_fields = ("objective", "order")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["objective"].widget = objective_widget(self.fields["group"].widget)

    def get_queryset(self):
        return ProgrammeArea.objects.select_related("objective__group__programme")


class ActionLineResource(PortalResource):
    group = ReachedGroupField("area", "objective", "group")
    area = Field(attribute="area", column_name="area")
    unused_texts = unused_texts_field()

    class Meta(PortalResource.Meta):
        model = ActionLine
        fields = ("group", "area", "order", *translated("text"), "unused_texts")
        import_id_fields = ("area", "order")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["area"].widget = AreaWidget(
            ProgrammeArea,
            area_key,
            _("programme area"),
            self.fields["group"].widget,
            queryset=ProgrammeArea.objects.select_related("objective__group__programme"),
        )

    def get_queryset(self):
        return ActionLine.objects.select_related("area__objective__group__programme")
