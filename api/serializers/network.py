"""What a network reports beyond a working group's plan, as the API gives it inside the group:
its events, figures and links."""

from rest_framework import serializers

from groups.models import Event, Figure, Link

from ..exchange import LABEL, nested
from ..fields import Bilingual, BilingualLabel


class EventSerializer(serializers.ModelSerializer):
    """An event a network held."""

    title = Bilingual()
    place = Bilingual()
    kind_label = BilingualLabel("get_kind_display")

    class Meta:
        model = Event
        fields = ["order", "kind", "kind_label", "title", "place", "start_date", "end_date"]
        exchange = nested("group", extra={"kind_label": LABEL})


class FigureSerializer(serializers.ModelSerializer):
    """A count a network reports (activities held, participants)."""

    label = Bilingual()

    class Meta:
        model = Figure
        fields = ["order", "label", "value"]
        exchange = nested("group")


class LinkSerializer(serializers.ModelSerializer):
    label = Bilingual()

    class Meta:
        model = Link
        fields = ["order", "label", "url"]
        exchange = nested("group")
