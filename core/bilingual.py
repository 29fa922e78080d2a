"""Reading a translated field in the active language, and finding what is untranslated."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

# The portal's language codes, ('en', 'es'), from settings.LANGUAGES: the one name every module
# iterates over.
LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)


@dataclass(frozen=True)
class Shown:
    """A text as shown to a reader: in `lang`, which differs from the reader's language
    when the reader's language is missing and the other one stands in for it."""

    text: str
    lang: str
    untranslated: bool


def shown(obj, field: str, lang: str | None = None) -> Shown:
    """The value of `obj.field` in `lang` (default: the active language); when that is empty,
    the first other language that has it, flagged as untranslated."""
    lang = (lang or get_language() or LANGUAGES[0])[:2]
    value = getattr(obj, build_localized_fieldname(field, lang), "") or ""
    if value:
        return Shown(value, lang, False)
    if not_used(obj, field, lang):
        return Shown("", lang, False)
    for other in LANGUAGES:
        other_value = getattr(obj, build_localized_fieldname(field, other), "") or ""
        if other != lang and other_value:
            return Shown(other_value, other, True)
    return Shown("", lang, False)


def not_used(obj, field: str, lang: str) -> bool:
    """Whether the clerk marked `obj.field` as not used in `lang` on purpose (an acronym the
    Spanish original does not use): it is then no missing translation, and nothing stands in."""
    return build_localized_fieldname(field, lang) in (getattr(obj, "unused_texts", None) or ())


def missing_in(obj, field: str, lang: str) -> bool:
    """Whether `obj.field` lacks its text in `lang`: empty, and not marked as not used there."""
    value = getattr(obj, build_localized_fieldname(field, lang)) or ""
    return not str(value).strip() and not not_used(obj, field, lang)


def has_text(obj, field: str) -> bool:
    """Whether `obj.field` is written in at least one language."""
    return any(getattr(obj, build_localized_fieldname(field, lang), "") for lang in LANGUAGES)


@dataclass(frozen=True)
class Gap:
    model: str
    pk: int
    label: str
    field: str
    missing: tuple


def translation_gaps():
    """Every record and field where some languages have a text and others do not, or where a
    required text is missing altogether."""
    for model in translator.get_registered_models(abstract=False):
        fields = translator.get_options_for_model(model).fields
        for obj in model._default_manager.all().order_by("pk"):
            for field in fields:
                missing = tuple(lang for lang in LANGUAGES if missing_in(obj, field, lang))
                required = not model._meta.get_field(field).blank
                if missing and (len(missing) < len(LANGUAGES) or required):
                    yield Gap(model._meta.label, obj.pk, str(obj)[:60], field, missing)


def in_every_language(text) -> str:
    """`text()` in each language, " / " between them (once when they are the same): for a file
    read by people of either language, such as a workbook's headings."""
    texts = []
    for lang in LANGUAGES:
        with translation.override(lang):
            texts.append(text())
    return " / ".join(dict.fromkeys(texts))
