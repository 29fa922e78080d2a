"""Secretariat admin for objectives, activities, outputs, reporting rounds and progress."""
from django.contrib import admin
from django.db import models
from django.forms import Textarea
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from groups.admin_filters import coordinating_country_filter, programme_filter, theme_filter

from .fields import MonthField, MonthInput
from .models import Activity, GroupReport, Objective, Output, ProgressEntry, ReportingRound, Topic

# Short text areas keep long inline lists readable; months are typed as months (the admin's
# own date widget would otherwise win, MonthField being a DateField).
COMPACT_TEXT = {models.TextField: {"widget": Textarea(attrs={"rows": 3, "cols": 40})},
                MonthField: {"widget": MonthInput}}


class RoundFilter(admin.SimpleListFilter):
    """Activities reported in a given round."""

    title = _("reporting round")
    parameter_name = "round"

    def lookups(self, request, model_admin):
        return [(r.pk, str(r)) for r in ReportingRound.objects.select_related("meeting")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(progress__round=self.value())
        return queryset


class ObjectiveInline(TranslationStackedInline):
    model = Objective
    extra = 0
    formfield_overrides = COMPACT_TEXT


class TopicInline(TranslationTabularInline):
    model = Topic
    extra = 0


class ActivityInline(TranslationStackedInline):
    model = Activity
    extra = 0
    formfield_overrides = COMPACT_TEXT
    fields = ("order", "plan_no", "text", "objective", "topic", "coordination",
              ("start_month", "start_text"), ("end_month", "end_text"))


class OutputInline(TranslationStackedInline):
    model = Output
    extra = 0
    formfield_overrides = COMPACT_TEXT
    filter_horizontal = ("institutions",)


@admin.register(Objective)
class ObjectiveAdmin(TranslationAdmin):
    list_display = ("group", "kind", "order", "title", "short_text")
    list_filter = (programme_filter("group"), "kind", "group")
    search_fields = ("title_en", "title_es", "text_en", "text_es")
    list_select_related = ("group__programme",)
    ordering = ("group__number", "kind", "order")

    @admin.display(description=_("description"))
    def short_text(self, obj):
        return obj.text[:120]


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    list_display = ("group", "order", "title")
    list_filter = (programme_filter("group"), "group")
    search_fields = ("title_en", "title_es")
    list_select_related = ("group__programme",)


@admin.register(Activity)
class ActivityAdmin(TranslationAdmin):
    list_display = ("group_numeral", "order", "text", "start_label", "end_label", "plan_no")
    list_display_links = ("text",)
    list_filter = (programme_filter("group"), theme_filter("group"),
                   coordinating_country_filter("group"), RoundFilter, "group")
    search_fields = ("text_en", "text_es", "coordination_en", "coordination_es")
    list_select_related = ("group__programme",)
    ordering = ("group__programme__start_year", "group__number", "order")
    formfield_overrides = COMPACT_TEXT

    @admin.display(description=_("group"), ordering="group__number")
    def group_numeral(self, obj):
        return obj.group.numeral

    @admin.display(description=_("start"))
    def start_label(self, obj):
        return obj.start_label

    @admin.display(description=_("end"))
    def end_label(self, obj):
        return obj.end_label


@admin.register(Output)
class OutputAdmin(TranslationAdmin):
    list_display = ("group", "order", "text", "timetable")
    list_filter = (programme_filter("group"), "group")
    search_fields = ("text_en", "text_es")
    list_select_related = ("group__programme",)
    filter_horizontal = ("institutions",)


class GroupReportInline(TranslationStackedInline):
    model = GroupReport
    extra = 0
    formfield_overrides = COMPACT_TEXT


@admin.register(ReportingRound)
class ReportingRoundAdmin(admin.ModelAdmin):
    list_display = ("meeting", "number", "programme", "opens_on", "closes_on")
    list_filter = ("programme",)
    list_select_related = ("meeting", "programme")
    inlines = (GroupReportInline,)


@admin.register(ProgressEntry)
class ProgressEntryAdmin(TranslationAdmin):
    list_display = ("round", "group_numeral", "activity_order", "activity", "percent")
    list_filter = ("round", programme_filter("activity__group"),
                   coordinating_country_filter("activity__group"), "activity__group")
    search_fields = ("activity__text_en", "activity__text_es", "remarks_en", "remarks_es")
    list_select_related = ("round__meeting", "activity__group__programme")
    autocomplete_fields = ("activity",)
    ordering = ("round", "activity__group__number", "activity__order")
    formfield_overrides = COMPACT_TEXT

    @admin.display(description=_("group"), ordering="activity__group__number")
    def group_numeral(self, obj):
        return obj.activity.group.numeral

    @admin.display(description=_("order"), ordering="activity__order")
    def activity_order(self, obj):
        return obj.activity.order


@admin.register(GroupReport)
class GroupReportAdmin(TranslationAdmin):
    list_display = ("round", "group")
    list_filter = ("round", programme_filter("group"))
    list_select_related = ("round__meeting", "group__programme")
    formfield_overrides = COMPACT_TEXT
