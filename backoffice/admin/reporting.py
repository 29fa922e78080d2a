"""Secretariat admin for reporting rounds, group reports, progress entries and their history.
Saves go through reporting.services with the progress form's version check; whatever has a
history cannot be deleted (the confirmation page lists why, in the admin's language)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from reporting import policy
from reporting.models import GroupReport, ProgressChange, ProgressEntry, ReportingRound
from reporting.services import (
    group_report_admin_save,
    progress_admin_save,
    round_close,
    round_open,
    round_record_past,
)
from spreadsheets.admin import SpreadsheetAdmin, WorkbookImportAdmin
from spreadsheets.resources.reporting import (
    GroupReportResource,
    ProgressEntryResource,
    ReportingRoundResource,
)
from spreadsheets.xliff.admin import TranslationsAdmin

from ..filters import coordinating_country_filter, programme_filter
from ..forms import COMPACT_TEXT, GroupReportForm, ProgressEntryForm, WrittenDates
from ..protection import EntryHistoryProtectedAdmin, HistoryProtectedAdmin


class ProgressChangeInline(admin.TabularInline):
    """The history of a group's report, read-only: it is written by the services only."""

    model = ProgressChange
    extra = 0
    can_delete = False
    fields = ("changed_at", "changed_by", "activity", "field", "old_value", "new_value", "source", "reason")
    readonly_fields = fields
    ordering = ("-changed_at", "-pk")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("activity", "changed_by")


@admin.register(ReportingRound)
class ReportingRoundAdmin(
    TranslationsAdmin, WrittenDates, HistoryProtectedAdmin, SpreadsheetAdmin, admin.ModelAdmin
):
    resource_classes = [ReportingRoundResource]
    list_display = ("meeting", "number", "programme", "opens_on", "deadline", "status")
    list_filter = ("programme", "status")
    list_select_related = ("meeting", "programme")
    readonly_fields = ("status", "opened_at", "closed_at")
    actions = ("open_round", "close_round", "record_past_round")

    def _move(self, request, queryset, service, done_message):
        for reporting_round in queryset:
            try:
                service(reporting_round=reporting_round, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{reporting_round}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"{reporting_round}: {done_message}", messages.SUCCESS)

    @admin.action(
        description=_("Open the selected rounds (focal points are e-mailed)"), permissions=["open_close"]
    )
    def open_round(self, request, queryset):
        self._move(request, queryset, round_open, _("opened."))

    @admin.action(description=_("Close the selected rounds"), permissions=["open_close"])
    def close_round(self, request, queryset):
        self._move(request, queryset, round_close, _("closed."))

    @admin.action(
        description=_("Record the selected rounds as past ones (closed; nobody is e-mailed)"),
        permissions=["open_close"],
    )
    def record_past_round(self, request, queryset):
        self._move(request, queryset, round_record_past, _("recorded as a past round."))

    def has_open_close_permission(self, request):
        return policy.can_open_or_close_rounds(request.user)


@admin.register(ProgressEntry)
class ProgressEntryAdmin(EntryHistoryProtectedAdmin, SpreadsheetAdmin, TranslationAdmin):
    """Any round, closed ones included; each change is recorded in the group's history."""

    resource_classes = [ProgressEntryResource]

    list_display = ("round", "group_numeral", "activity_order", "activity", "percent")
    list_filter = (
        "round",
        programme_filter("activity__group"),
        coordinating_country_filter("activity__group"),
        "activity__group",
    )
    search_fields = ("activity__text_en", "activity__text_es", "remarks_en", "remarks_es")
    list_select_related = ("round__meeting", "activity__group__programme")
    autocomplete_fields = ("activity",)
    ordering = ("round", "activity__group__number", "activity__order")
    formfield_overrides = COMPACT_TEXT
    form = ProgressEntryForm

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
        # A new entry overwrites nothing (one per activity and round); a change is checked.
        progress_admin_save(
            entry=obj,
            user=request.user,
            seen_version=form.cleaned_data["seen_version"] if change else None,
            reason=form.cleaned_data.get("reason", ""),
        )

    def delete_model(self, request, obj):
        progress_admin_save(entry=obj, user=request.user, seen_version=None, delete=True)

    def delete_queryset(self, request, queryset):
        for entry in queryset.select_related("round", "activity__group"):
            progress_admin_save(entry=entry, user=request.user, seen_version=None, delete=True)


@admin.register(GroupReport)
class GroupReportAdmin(HistoryProtectedAdmin, WorkbookImportAdmin, SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [GroupReportResource]
    list_display = ("round", "group", "status", "updated_at", "updated_by")
    list_filter = ("round", "status", programme_filter("group"))
    list_select_related = ("round__meeting", "group__programme", "updated_by")
    readonly_fields = ("version", "updated_at", "updated_by", "submitted_at")
    formfield_overrides = COMPACT_TEXT
    form = GroupReportForm
    inlines = (ProgressChangeInline,)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and policy.can_change_in_admin(request.user)

    def save_model(self, request, obj, form, change):
        group_report_admin_save(
            report=obj,
            user=request.user,
            seen_version=form.cleaned_data["seen_version"],
            reason=form.cleaned_data.get("reason", ""),
        )


@admin.register(ProgressChange)
class ProgressChangeAdmin(admin.ModelAdmin):
    """The history of every group's progress; nobody edits it."""

    list_display = (
        "changed_at",
        "report",
        "activity_order",
        "field",
        "old_value",
        "new_value",
        "changed_by",
        "source",
        "reason",
    )
    list_filter = ("report__round", "source", "field", "report__group")
    search_fields = ("old_value", "new_value", "changed_by__username", "reason")
    list_select_related = ("report__round__meeting", "report__group__programme", "activity", "changed_by")
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
