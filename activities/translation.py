"""Texts of the activities app that readers see, in English and Spanish."""

# A text required by its model is required in English (the default language) in forms;
# Spanish may follow later, and `manage.py check_translations` lists what is still missing.
from modeltranslation.translator import TranslationOptions, register

from .models import ActionLine, Activity, Objective, Output, PlanRow, ProgrammeArea, Topic


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("title", "text")


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("title",)


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("text", "coordination", "start_text", "end_text")


@register(Output)
class OutputTranslation(TranslationOptions):
    fields = ("text", "timetable", "agency")


@register(ProgrammeArea)
class ProgrammeAreaTranslation(TranslationOptions):
    fields = ("title",)


@register(ActionLine)
class ActionLineTranslation(TranslationOptions):
    fields = ("text",)


@register(PlanRow)
class PlanRowTranslation(TranslationOptions):
    fields = ("text", "timetable")
