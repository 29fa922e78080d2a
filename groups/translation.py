"""Texts of the groups app that readers see, in English and Spanish."""

# A text required by its model is required in English (the default language) in forms;
# Spanish may follow later, and `manage.py check_translations` lists what is still missing.
from modeltranslation.translator import TranslationOptions, register

from .models import (
    Country,
    Event,
    Figure,
    FinancingSource,
    Institution,
    Link,
    Meeting,
    Programme,
    WorkingGroup,
)


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name", "name_in_phrase")


@register(Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("acronym", "name")


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("place",)


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("title", "resolution")


@register(WorkingGroup)
class WorkingGroupTranslation(TranslationOptions):
    fields = (
        "name",
        "theme",
        "output",
        "background",
        "expected_impact",
        "financing",
        "objectives_lead_in",
        "objectives_closing",
        "outputs_lead_in",
        "previous_results",
        "conclusions",
    )


@register(FinancingSource)
class FinancingSourceTranslation(TranslationOptions):
    fields = ("label", "form", "purpose")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "place")


@register(Figure)
class FigureTranslation(TranslationOptions):
    fields = ("label",)


@register(Link)
class LinkTranslation(TranslationOptions):
    fields = ("label",)
