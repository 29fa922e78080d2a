"""Secretariat admin for a group's plan: objectives, programme areas with their action lines,
topic headings, activities (with their schedule figures) and outputs, each on pages of its
own, linked from the working group's page ("parts of this group"), filtered by group; the plan
rows, a few a group, on the group's page itself (PlanRowInline)."""

from django import forms
from django.contrib import admin
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from activities.models import (
    ActionLine,
    Activity,
    Objective,
    Output,
    PlanRow,
    ProgrammeArea,
    Topic,
)
from backoffice.filters import (
    coordinating_country_filter,
    programme_filter,
    theme_filter,
)
from reporting import standing
from reporting.models import ReportingRound
from spreadsheets.admin import SpreadsheetAdmin
from spreadsheets.resources.activities import (
    ActivityResource,
    ObjectiveResource,
    OutputResource,
    TopicResource,
)
from spreadsheets.resources.plan import ProgrammeAreaResource

from ..forms import COMPACT_TEXT, LanguageGapsChoices, OwnGroupChoices
from ..protection import HistoryProtectedAdmin


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


@admin.register(Objective)
class ObjectiveAdmin(LanguageGapsChoices, SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [ObjectiveResource]
    formfield_overrides = COMPACT_TEXT
    list_display = ("group", "kind", "order", "title", "short_text")
    list_filter = (programme_filter("group"), "kind", "group")
    search_fields = ("title_en", "title_es", "text_en", "text_es")
    list_select_related = ("group__programme",)
    ordering = ("group__number", "kind", "order")

    @admin.display(description=_("description"))
    def short_text(self, obj):
        return obj.text[:120]


class ActionLineInline(LanguageGapsChoices, TranslationStackedInline):
    model = ActionLine
    extra = 1
    formfield_overrides = COMPACT_TEXT


@admin.register(ProgrammeArea)
class ProgrammeAreaAdmin(OwnGroupChoices, LanguageGapsChoices, SpreadsheetAdmin, TranslationAdmin):
    """An area under a specific objective of its group, with its action lines on the same page."""

    resource_classes = [ProgrammeAreaResource]
    list_display = ("objective", "order", "title")
    list_filter = (programme_filter("objective__group"), "objective__group")
    search_fields = ("title_en", "title_es", "action_lines__text_en", "action_lines__text_es")
    list_select_related = ("objective__group__programme",)
    ordering = (
        "objective__group__programme__start_year",
        "objective__group__number",
        "objective__order",
        "order",
    )
    inlines = (ActionLineInline,)
    GROUP_FIELDS = ("objective",)

    def group_of(self, obj):
        return obj.objective.group


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
            (choice.value, choice.label) for choice in standing.Schedule
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        rows = standing.standings(queryset.order_by())
        wanted = [
            r.activity.pk
            for r in rows
            if (r.flagged if self.value() == "flagged" else r.schedule.value == self.value())
        ]
        return queryset.filter(pk__in=wanted)


@admin.register(Activity)
class ActivityAdmin(
    OwnGroupChoices, LanguageGapsChoices, HistoryProtectedAdmin, SpreadsheetAdmin, TranslationAdmin
):
    resource_classes = [ActivityResource]
    list_display = (
        "group_numeral",
        "order",
        "text",
        "start_label",
        "end_label",
        "plan_no",
        "latest_percent",
        "expected_percent",
        "schedule",
    )
    list_display_links = ("text",)
    list_filter = (
        programme_filter("group"),
        theme_filter("group"),
        coordinating_country_filter("group"),
        RoundFilter,
        ScheduleFilter,
        "group",
    )
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
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("progress", queryset=entries, to_attr="published_progress"))
        )

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
        return format_html(
            '<span title="{}">{}{}</span>', row.reason, "⚠ " if row.flagged else "", row.schedule.label
        )


@admin.register(Output)
class OutputAdmin(OwnGroupChoices, LanguageGapsChoices, SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [OutputResource]
    formfield_overrides = COMPACT_TEXT
    autocomplete_fields = ("group", "institutions")
    list_display = ("group", "order", "text", "timetable")
    list_filter = (programme_filter("group"), "group")
    search_fields = ("text_en", "text_es")
    list_select_related = ("group__programme",)
    GROUP_FIELDS = ("objective",)


class PlanRowInline(TranslationTabularInline):
    """The group's plan rows on its page, each naming its outputs (ticked from the group's own)
    or words of its own, with a timetable phrase; its objective from the group's own too."""

    model = PlanRow
    extra = 0
    fields = ("order", "objective", "outputs", "text", "timetable")
    formfield_overrides = COMPACT_TEXT

    def get_formset(self, request, obj=None, **kwargs):
        # The fields are built inside get_formset: they read the page's group from the request.
        # A group being added has no objectives or outputs yet (obj is None): none are offered.
        request._plan_rows_group = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "objective" and field is not None:
            field.queryset = field.queryset.filter(group=getattr(request, "_plan_rows_group", None))
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "outputs":
            kwargs["queryset"] = Output.objects.filter(
                group=getattr(request, "_plan_rows_group", None)
            ).order_by("order")
            kwargs["widget"] = forms.CheckboxSelectMultiple
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "outputs" and field is not None:
            field.label_from_instance = lambda output: f"{output.order}. {output.text[:80]}"
        return field
