"""Spreadsheet columns of a group's plan rows (a row of outputs with a timetable phrase, or a row
of its own words); see base.py for the rules every sheet shares."""

from django.utils.translation import gettext as _
from import_export import widgets
from import_export.fields import Field

from activities.models import Output, PlanRow
from spreadsheets.cells import blank
from spreadsheets.widgets import row_group

from .activities import objective_widget
from .base import PortalResource, translated
from .groups import group_field


def _number(value) -> str:
    # A spreadsheet may hand a lone order over as a number (2 or 2.0).
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class GroupOutputsWidget(widgets.ManyToManyWidget):
    """The outputs a row covers, by their orders within the row's group: "1, 2" (a semicolon
    separates them too, as in the other sheets' lists)."""

    def __init__(self, group_column_widget):
        super().__init__(Output, separator=", ")
        self.group_widget = group_column_widget
        self._records = None

    def forget(self):
        self._records = None

    def records(self) -> dict:
        if self._records is None:
            self._records = {(o.group_id, str(o.order)): o for o in Output.objects.all()}
        return self._records

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return []
        group = row_group(self.group_widget, row)
        orders = [part.strip() for part in _number(value).replace(";", ",").split(",") if part.strip()]
        missing = [order for order in orders if (group.pk, order) not in self.records()]
        if missing:
            raise ValueError(
                _("Working group %(group)s has no %(what)s “%(value)s”.")
                % {"group": group.code, "what": _("output"), "value": ", ".join(missing)}
            )
        return [self.records()[(group.pk, order)] for order in dict.fromkeys(orders)]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(str(o.order) for o in sorted(value.all(), key=lambda o: o.order))


class PlanRowResource(PortalResource):
    group = group_field()
    objective = Field(attribute="objective", column_name="objective")
    outputs = Field(attribute="outputs", column_name="outputs")

    class Meta(PortalResource.Meta):
        model = PlanRow
        fields = ("group", "order", "objective", "outputs", *translated("text", "timetable"))
        import_id_fields = ("group", "order")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        groups = self.fields["group"].widget
        self.fields["objective"].widget = objective_widget(groups)
        self.fields["outputs"].widget = GroupOutputsWidget(groups)

    def get_queryset(self):
        return PlanRow.objects.select_related("group__programme", "objective").prefetch_related("outputs")

    def row_problems(self, instance, row, errors):
        """The outputs are written after the row is saved (a many-to-many), so a wrong one is
        found here, beside the row's other problems, before anything is written."""
        if "outputs" not in row or "outputs" in errors:
            return {}
        try:
            self.fields["outputs"].clean(row)
        except ValueError as error:
            return {"outputs": [str(error)]}
        return {}
