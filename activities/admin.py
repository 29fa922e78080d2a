"""Secretariat admin for objectives, activities, outputs, reporting rounds and progress."""
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.forms import Textarea
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from groups.admin_filters import coordinating_country_filter, programme_filter, theme_filter

from . import standing
from .fields import MonthField, MonthInput
from accounts import policy

from .models import (Activity, GroupReport, Objective, Output, ProgressChange, ProgressEntry,
                     ReportingRound, Topic)
from spreadsheets.admin import SpreadsheetAdmin, WorkbookImportAdmin

from .resources import (ActivityResource, GroupReportResource, ObjectiveResource, OutputResource,
                        ProgressEntryResource, ReportingRoundResource, TopicResource)
from .services import progress_admin_save, report_admin_save, round_close, round_open

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
class ObjectiveAdmin(SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [ObjectiveResource]
    list_display = ("group", "kind", "order", "title", "short_text")
    list_filter = (programme_filter("group"), "kind", "group")
    search_fields = ("title_en", "title_es", "text_en", "text_es")
    list_select_related = ("group__programme",)
    ordering = ("group__number", "kind", "order")

    @admin.display(description=_("description"))
    def short_text(self, obj):
        return obj.text[:120]


@admin.register(Topic)
class TopicAdmin(SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [TopicResource]
    list_display = ("group", "order", "title")
    list_filter = (programme_filter("group"), "group")
    search_fields = ("title_en", "title_es")
    list_select_related = ("group__programme",)


class ScheduleFilter(admin.SimpleListFilter):
    """Activities by their standing against the schedule today, as the reading pages flag them."""

    title = _("schedule")
    parameter_name = "schedule"

    def lookups(self, request, model_admin):
        return [("flagged", _("flagged (behind schedule or overdue)"))] + [
            (choice.value, choice.label) for choice in standing.Schedule]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        rows = standing.standings(queryset.order_by())
        wanted = [r.activity.pk for r in rows if (r.flagged if self.value() == "flagged"
                                                  else r.schedule.value == self.value())]
        return queryset.filter(pk__in=wanted)


@admin.register(Activity)
class ActivityAdmin(SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [ActivityResource]
    list_display = ("group_numeral", "order", "text", "start_label", "end_label", "plan_no",
                    "latest_percent", "expected_percent", "schedule")
    list_display_links = ("text",)
    list_filter = (programme_filter("group"), theme_filter("group"),
                   coordinating_country_filter("group"), RoundFilter, ScheduleFilter, "group")
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

    def get_queryset(self, request):
        # Each listed activity's published entries, oldest round first: the figures below.
        entries = standing.published_entries()
        return super().get_queryset(request).prefetch_related(
            Prefetch("progress", queryset=entries, to_attr="published_progress"))

    def _standing(self, obj):
        if not hasattr(obj, "_standing"):
            obj._standing = standing.standing(obj, obj.published_progress, timezone.localdate())
        return obj._standing

    @admin.display(description=_("latest percentage"))
    def latest_percent(self, obj):
        row = self._standing(obj)
        return row.percent if row.latest else "—"

    @admin.display(description=_("expected by now"))
    def expected_percent(self, obj):
        row = self._standing(obj)
        return row.expected_shown if row.expected is not None else "—"

    @admin.display(description=_("schedule"))
    def schedule(self, obj):
        row = self._standing(obj)
        return format_html('<span title="{}">{}{}</span>', row.reason,
                           "⚠ " if row.flagged else "", row.schedule.label)


@admin.register(Output)
class OutputAdmin(SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [OutputResource]
    list_display = ("group", "order", "text", "timetable")
    list_filter = (programme_filter("group"), "group")
    search_fields = ("text_en", "text_es")
    list_select_related = ("group__programme",)
    filter_horizontal = ("institutions",)


class ProgressChangeInline(admin.TabularInline):
    """The history of a group's report, read-only: it is written by the services only."""

    model = ProgressChange
    extra = 0
    can_delete = False
    fields = ("changed_at", "changed_by", "activity", "field", "old_value", "new_value", "source")
    readonly_fields = fields
    ordering = ("-changed_at", "-pk")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("activity", "changed_by")


@admin.register(ReportingRound)
class ReportingRoundAdmin(SpreadsheetAdmin, admin.ModelAdmin):
    resource_classes = [ReportingRoundResource]
    list_display = ("meeting", "number", "programme", "opens_on", "deadline", "status")
    list_filter = ("programme", "status")
    list_select_related = ("meeting", "programme")
    readonly_fields = ("status", "opened_at", "closed_at")
    actions = ("open_round", "close_round")

    def _move(self, request, queryset, service, done_message):
        for reporting_round in queryset:
            try:
                service(reporting_round=reporting_round, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{reporting_round}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"{reporting_round}: {done_message}", messages.SUCCESS)

    @admin.action(description=_("Open the selected rounds (focal points are e-mailed)"),
                  permissions=["open_close"])
    def open_round(self, request, queryset):
        self._move(request, queryset, round_open, _("opened."))

    @admin.action(description=_("Close the selected rounds"), permissions=["open_close"])
    def close_round(self, request, queryset):
        self._move(request, queryset, round_close, _("closed."))

    def has_open_close_permission(self, request):
        return policy.can_open_or_close_rounds(request.user)


@admin.register(ProgressEntry)
class ProgressEntryAdmin(SpreadsheetAdmin, TranslationAdmin):
    """Any round, closed ones included; each change is recorded in the group's history."""

    resource_classes = [ProgressEntryResource]

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

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and policy.can_change_in_admin(request.user)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and policy.can_change_in_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and policy.can_change_in_admin(request.user)

    def save_model(self, request, obj, form, change):
        progress_admin_save(entry=obj, user=request.user)

    def delete_model(self, request, obj):
        progress_admin_save(entry=obj, user=request.user, delete=True)

    def delete_queryset(self, request, queryset):
        for entry in queryset.select_related("round", "activity__group"):
            progress_admin_save(entry=entry, user=request.user, delete=True)


@admin.register(GroupReport)
class GroupReportAdmin(WorkbookImportAdmin, SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [GroupReportResource]
    list_display = ("round", "group", "status", "updated_at", "updated_by")
    list_filter = ("round", "status", programme_filter("group"))
    list_select_related = ("round__meeting", "group__programme", "updated_by")
    readonly_fields = ("version", "updated_at", "updated_by", "submitted_at")
    formfield_overrides = COMPACT_TEXT
    inlines = (ProgressChangeInline,)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and policy.can_change_in_admin(request.user)

    def save_model(self, request, obj, form, change):
        report_admin_save(report=obj, user=request.user)


@admin.register(ProgressChange)
class ProgressChangeAdmin(admin.ModelAdmin):
    """The history of every group's progress; nobody edits it."""

    list_display = ("changed_at", "report", "activity_order", "field", "old_value",
                    "new_value", "changed_by", "source")
    list_filter = ("report__round", "source", "field", "report__group")
    search_fields = ("old_value", "new_value", "changed_by__username")
    list_select_related = ("report__round__meeting", "report__group__programme", "activity",
                           "changed_by")
    date_hierarchy = "changed_at"

    @admin.display(description=_("activity"))
    def activity_order(self, obj):
        return obj.activity.order if obj.activity else "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
