"""Countries and institutions, which every other record names by their keys (MEX, INEGI@MEX)."""

from rest_framework import serializers

from groups.models import Country, Institution

from ..exchange import GAPS, LABEL, Exchange
from ..fields import Bilingual, BilingualLabel


class CountrySerializer(serializers.ModelSerializer):
    name = Bilingual()
    name_in_phrase = Bilingual(help_text="The name after “of” / “de” (the Bahamas, el Ecuador).")
    membership_label = BilingualLabel("get_membership_display")

    class Meta:
        model = Country
        fields = ["iso3", "name", "name_in_phrase", "membership", "membership_label"]
        exchange = Exchange(extra={"membership_label": LABEL})


class InstitutionSerializer(serializers.ModelSerializer):
    acronym = Bilingual()
    name = Bilingual()
    country = serializers.SlugRelatedField(slug_field="iso3", read_only=True, allow_null=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    kind_label = BilingualLabel("get_kind_display")

    class Meta:
        model = Institution
        fields = ["code", "acronym", "name", "country", "kind", "kind_label", "parent"]
        exchange = Exchange(left_out={"unused_texts": GAPS}, extra={"kind_label": LABEL})
