"""Secretariat admin for countries, institutions, meetings, programmes and working groups.
Translated fields appear side by side (text [en], text [es]); no tab widget, because
modeltranslation's tabs need jQuery UI from a CDN and the portal must work offline."""

from django.contrib import admin
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from activities.models import Activity, Objective, Output, ProgrammeArea, Topic
from backoffice.filters import (
    coordinating_country_filter,
    programme_filter,
    theme_filter,
)
from groups.models import (
    Country,
    Event,
    Figure,
    FinancingSource,
    GroupRole,
    Institution,
    Link,
    Meeting,
    Programme,
    WorkingGroup,
)
from spreadsheets.admin import GroupWorkbookAdmin, SpreadsheetAdmin
from spreadsheets.resources.groups import (
    CountryResource,
    FinancingSourceResource,
    InstitutionResource,
    MeetingResource,
    ProgrammeResource,
)
from spreadsheets.resources.working_groups import WorkingGroupResource
from spreadsheets.xliff.admin import TranslationsAdmin

from ..autocomplete import PortalAutocomplete
from ..forms import COMPACT_TEXT, LanguageGapsChoices, WrittenDates
from ..protection import HistoryProtectedAdmin
from .activities import PlanRowInline


@admin.register(Country)
class CountryAdmin(SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [CountryResource]
    list_display = ("iso3", "name", "membership")
    list_filter = ("membership",)
    search_fields = ("iso3", "name_en", "name_es")
    ordering = ("name_en",)


@admin.register(Institution)
class InstitutionAdmin(LanguageGapsChoices, SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [InstitutionResource]
    list_display = ("code", "acronym", "name", "country", "kind", "parent")
    list_filter = ("kind", "country")
    # Found by its country too, by name in either language or by code ("INE Chile", "INE CHL").
    search_fields = (
        "code",
        "acronym_en",
        "acronym_es",
        "name_en",
        "name_es",
        "country__name_en",
        "country__name_es",
        "country__iso3",
    )
    list_select_related = ("country", "parent")
    autocomplete_fields = ("country", "parent")
    ordering = ("name_en",)


@admin.register(Meeting)
class MeetingAdmin(WrittenDates, SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [MeetingResource]
    list_display = ("code", "name", "place_and_dates")
    list_filter = ("body",)
    search_fields = ("code", "place_en", "place_es")
    readonly_fields = ("code",)

    @admin.display(description=_("name"))
    def name(self, obj):
        return obj.name

    @admin.display(description=_("place and dates"))
    def place_and_dates(self, obj):
        return obj.place_and_dates


@admin.register(Programme)
class ProgrammeAdmin(WrittenDates, SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [ProgrammeResource]
    list_display = ("period", "title", "status", "approved_at", "approved_on")
    list_filter = ("status",)
    # The drafting's services move these (workspace:drafting): never typed here.
    readonly_fields = ("status", "follows", "published_at")
    list_select_related = ("approved_at",)
    search_fields = ("title_en", "title_es")


class GroupRoleInline(admin.TabularInline):
    model = GroupRole
    extra = 0
    autocomplete_fields = ("country", "institution")
    ordering = ("role", "order")


@admin.register(GroupRole)
class GroupRoleAdmin(admin.ModelAdmin):
    list_display = ("group", "role", "order", "country", "institution")
    list_filter = (programme_filter("group"), "role", "country")
    search_fields = (
        "country__name_en",
        "country__name_es",
        "institution__name_en",
        "institution__name_es",
        "institution__code",
    )
    list_select_related = ("group__programme", "country", "institution")
    autocomplete_fields = ("group", "country", "institution")
    ordering = ("group__programme__start_year", "group__number", "role", "order")


@admin.register(FinancingSource)
class FinancingSourceAdmin(SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [FinancingSourceResource]
    list_display = ("group", "order", "__str__", "amount_usd", "form")
    list_filter = (programme_filter("group"), "group")
    search_fields = ("label_en", "label_es", "institution__name_en", "institution__name_es")
    list_select_related = ("group__programme", "institution")
    autocomplete_fields = ("institution",)
    ordering = ("group__programme__start_year", "group__number", "order")


# The parts of a group's programme, each on admin pages of its own: (model, how it reaches its
# group). The group's page links them with their counts, instead of holding them as inlines
# (one page of 500 inputs).
GROUP_PARTS = (
    (FinancingSource, "group"),
    (Objective, "group"),
    (ProgrammeArea, "objective__group"),
    (Topic, "group"),
    (Activity, "group"),
    (Output, "group"),
    (Event, "group"),
    (Figure, "group"),
    (Link, "group"),
)


def group_parts(group) -> list[dict]:
    """What the "parts of this group" box lists: each part's name, count, list and add links."""
    parts = []
    for model, path in GROUP_PARTS:
        opts = model._meta
        parts.append(
            {
                "name": capfirst(opts.verbose_name_plural),
                "count": model.objects.filter(**{path: group}).count(),
                "list": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
                + f"?{path}__id__exact={group.pk}",
                "add": reverse(f"admin:{opts.app_label}_{opts.model_name}_add") + f"?group={group.pk}",
            }
        )
    return parts


@admin.register(WorkingGroup)
class WorkingGroupAdmin(
    TranslationsAdmin,
    GroupWorkbookAdmin,
    LanguageGapsChoices,
    HistoryProtectedAdmin,
    SpreadsheetAdmin,
    TranslationAdmin,
):
    """The group's heading, texts, roles and plan rows; its other parts are linked (group_parts)."""

    resource_classes = [WorkingGroupResource]
    list_display = ("numeral", "output", "theme", "coordinators", "programme")
    list_display_links = ("numeral", "output")
    list_filter = (programme_filter(), theme_filter(), coordinating_country_filter(), "document_type")
    search_fields = ("name_en", "name_es", "output_en", "output_es", "theme_en", "theme_es")
    ordering = ("-programme__start_year", "number")
    inlines = (GroupRoleInline, PlanRowInline)
    formfield_overrides = COMPACT_TEXT

    def change_view(self, request, object_id, form_url="", extra_context=None):
        group = self.get_object(request, object_id)
        extra = {"group_parts": group_parts(group)} if group else {}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def get_queryset(self, request):
        return super().get_queryset(request).with_roles()

    @admin.display(description=_("no."), ordering="number")
    def numeral(self, obj):
        return obj.numeral

    @admin.display(description=_("coordinating countries"))
    def coordinators(self, obj):
        return ", ".join(str(r.country) for r in obj.coordinating_roles)


# The admin's autocomplete view, with institutions labelled by country and code.
admin.site.autocomplete_view = PortalAutocomplete.as_view(admin_site=admin.site)
admin.site.site_header = _("Statistical Conference of the Americas: working groups")
admin.site.site_title = _("CEA working groups")
admin.site.index_title = _("Programme administration")
