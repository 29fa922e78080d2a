"""How the API writes what the portal holds: every translated text as {"en": ..., "es": ...}
(null where a language has none), labels of the interface in both languages the same way, and
records named by their readable keys, never by database ids."""

from django.utils import translation
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


@extend_schema_field({"type": "string", "nullable": True, "example": "2021-03"})
class Month(serializers.Field):
    """A month of a schedule as "2021-03"; null where the plan gives none."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value.strftime("%Y-%m") if value else None


# What a program sends is taken as the schema types it, never coerced: DRF would read "55" or
# 55.0 as a whole number, 1 or "yes" as true, and a number as a text. The schema's type is the
# contract, and the tests' schemathesis run (tests/test_api_schema_conformance.py) holds it.


class StrictInteger(serializers.IntegerField):
    """A JSON whole number (55; 55.0 is the same number in JSON, 55.5 and "55" are not)."""

    def to_internal_value(self, data):
        whole = isinstance(data, float) and data.is_integer() and abs(data) < 2**53
        if isinstance(data, bool) or not (isinstance(data, int) or whole):
            self.fail("invalid")
        return super().to_internal_value(int(data))


class StrictBoolean(serializers.BooleanField):
    """JSON true or false."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictText(serializers.CharField):
    """A JSON string of characters the database can store (JSON may spell half a surrogate
    pair (a lone \\ud800), which no UTF-8 database holds)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            data.encode()
        except UnicodeEncodeError:
            self.fail("invalid")
        return super().to_internal_value(data)
