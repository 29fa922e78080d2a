"""Spreadsheet columns of a network's events, figures and links; see base.py for the rules
every sheet shares."""

from groups.models import Event, Figure, Link

from .base import PortalResource, translated, unused_texts_field
from .groups import group_field


class GroupPartResource(PortalResource):
    """A record of one group, numbered within it (group, order)."""

    group = group_field()
    unused_texts = unused_texts_field()

    class Meta(PortalResource.Meta):
        import_id_fields = ("group", "order")

    def get_queryset(self):
        return self._meta.model.objects.select_related("group__programme")


class EventResource(GroupPartResource):
    class Meta(GroupPartResource.Meta):
        model = Event
        fields = (
            "group",
            "order",
            "kind",
            *translated("title", "place"),
            "start_date",
            "end_date",
            "unused_texts",
        )


class FigureResource(GroupPartResource):
    class Meta(GroupPartResource.Meta):
        model = Figure
        fields = ("group", "order", *translated("label"), "value", "unused_texts")


class LinkResource(GroupPartResource):
    class Meta(GroupPartResource.Meta):
        model = Link
        fields = ("group", "order", *translated("label"), "url", "unused_texts")
