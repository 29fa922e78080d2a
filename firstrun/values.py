"""How the fixture files write values: texts as {en: ..., es: ...}, days and months as ISO."""

import datetime

LANGS = ("en", "es")


class FixtureError(Exception):
    """A fixture file that cannot be loaded; the loader's transaction writes nothing."""


def tr(field, value):
    """{en: a, es: b} -> {"field_en": a, "field_es": b}; a missing value gives empty texts."""
    value = value or {}
    if not isinstance(value, dict):
        raise FixtureError(f"{field}: expected a mapping with en and es, got {value!r}")
    return {f"{field}_{lang}": (value.get(lang) or "").strip() for lang in LANGS}


def day(value):
    return datetime.date.fromisoformat(str(value)) if value else None


def month(value):
    if not value:
        return None
    year, number = str(value).split("-")[:2]
    return datetime.date(int(year), int(number), 1)
