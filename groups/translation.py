"""Texts of the groups app that readers see, in English and Spanish."""
# A text required by its model is required in English (the default language) in forms;
# Spanish may follow later, and `manage.py check_translations` lists what is still missing.
from modeltranslation.translator import TranslationOptions, register

from .models import Country, FinancingSource, Institution, Meeting, Programme, WorkingGroup


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("acronym", "name")


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("place",)


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("title",)


@register(WorkingGroup)
class WorkingGroupTranslation(TranslationOptions):
    fields = ("name", "theme", "output", "background", "expected_impact", "financing",
              "objectives_lead_in", "objectives_closing", "previous_results", "conclusions")


@register(FinancingSource)
class FinancingSourceTranslation(TranslationOptions):
    fields = ("label", "form", "purpose")
