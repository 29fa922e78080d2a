"""Secretariat admin for a network's events, figures and links, each on pages of its own,
linked from the working group's page."""

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from backoffice.filters import programme_filter
from groups.models import Event, Figure, Link
from spreadsheets.admin import SpreadsheetAdmin
from spreadsheets.resources.network import EventResource, FigureResource, LinkResource

from ..forms import LanguageGapsChoices, WrittenDates


class GroupPartAdmin(WrittenDates, LanguageGapsChoices, SpreadsheetAdmin, TranslationAdmin):
    list_filter = (programme_filter("group"), "group")
    list_select_related = ("group__programme",)
    ordering = ("group__programme__start_year", "group__number", "order")
    autocomplete_fields = ("group",)


@admin.register(Event)
class EventAdmin(GroupPartAdmin):
    resource_classes = [EventResource]
    list_display = ("group", "order", "kind", "title", "place", "dates")
    list_filter = (*GroupPartAdmin.list_filter, "kind")
    search_fields = ("title_en", "title_es", "place_en", "place_es")


@admin.register(Figure)
class FigureAdmin(GroupPartAdmin):
    resource_classes = [FigureResource]
    list_display = ("group", "order", "label", "value")
    search_fields = ("label_en", "label_es")


@admin.register(Link)
class LinkAdmin(GroupPartAdmin):
    resource_classes = [LinkResource]
    list_display = ("group", "order", "label", "url")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # "www.x.org" is https
    search_fields = ("label_en", "label_es", "url")
