"""How the API writes what the portal holds: every translated text as {"en": ..., "es": ...}
(null where a language has none), labels of the interface in both languages the same way, and
records named by their readable keys, never by database ids."""

from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers

from core.bilingual import LANGUAGES

BILINGUAL_SCHEMA = {
    "type": "object",
    "properties": {lang: {"type": "string", "nullable": True} for lang in LANGUAGES},
    "required": list(LANGUAGES),
}


def bilingual(obj, field: str) -> dict:
    """A translated field of `obj` in every language."""
    return {lang: getattr(obj, build_localized_fieldname(field, lang), None) or None for lang in LANGUAGES}


def in_every_language(text) -> dict:
    """A lazy interface text (gettext_lazy) or a callable, in every language."""
    result = {}
    for lang in LANGUAGES:
        with translation.override(lang):
            result[lang] = str(text()) if callable(text) else str(text)
    return result


class _OfTheRecord(serializers.Field):
    """A read-only field computed from the whole record."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance


@extend_schema_field(BILINGUAL_SCHEMA)
class Bilingual(_OfTheRecord):
    """A translated model field (`field`, by default the serializer field's own name), read in
    every language."""

    def __init__(self, field=None, **kwargs):
        self.translated = field
        super().__init__(**kwargs)

    def to_representation(self, instance):
        return bilingual(instance, self.translated or self.field_name)


@extend_schema_field(BILINGUAL_SCHEMA)
class BilingualLabel(_OfTheRecord):
    """An interface text computed from the record (a choice's label, a meeting's name) in every
    language: `attribute` names an attribute or method evaluated under each language."""

    def __init__(self, attribute, **kwargs):
        self.attribute = attribute
        super().__init__(**kwargs)

    def to_representation(self, instance):
        def value():
            attribute = getattr(instance, self.attribute)
            return attribute() if callable(attribute) else attribute

        return in_every_language(value)


@extend_schema_field(OpenApiTypes.STR)
class Month(serializers.Field):
    """A month of a schedule as "2021-03"."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value.strftime("%Y-%m") if value else None
