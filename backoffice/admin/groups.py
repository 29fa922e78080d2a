"""Secretariat admin for countries, institutions, meetings, programmes and working groups.
Translated fields appear side by side (text [en], text [es]); no tab widget, because
modeltranslation's tabs need jQuery UI from a CDN and the portal must work offline."""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from backoffice.filters import coordinating_country_filter, programme_filter, theme_filter
from groups.models import (
    Country,
    FinancingSource,
    GroupRole,
    Institution,
    Meeting,
    Programme,
    WorkingGroup,
)
from spreadsheets.admin import SpreadsheetAdmin
from spreadsheets.resources.groups import (
    CountryResource,
    FinancingSourceResource,
    InstitutionResource,
    MeetingResource,
    ProgrammeResource,
    WorkingGroupResource,
)

from ..autocomplete import PortalAutocomplete
from ..protection import HistoryProtectedAdmin
from .activities import ActivityInline, ObjectiveInline, OutputInline, TopicInline


@admin.register(Country)
class CountryAdmin(SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [CountryResource]
    list_display = ("iso3", "name", "membership")
    list_filter = ("membership",)
    search_fields = ("iso3", "name_en", "name_es")
    ordering = ("name_en",)


@admin.register(Institution)
class InstitutionAdmin(SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [InstitutionResource]
    list_display = ("code", "acronym", "name", "country", "kind", "parent")
    list_filter = ("kind", "country")
    # Found by its country too, by name in either language or by code ("INE Chile", "INE CHL").
    search_fields = ("code", "acronym_en", "acronym_es", "name_en", "name_es", "country__name_en",
                     "country__name_es", "country__iso3")
    list_select_related = ("country", "parent")
    autocomplete_fields = ("country", "parent")
    ordering = ("name_en",)


@admin.register(Meeting)
class MeetingAdmin(SpreadsheetAdmin, TranslationAdmin):
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
class ProgrammeAdmin(SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [ProgrammeResource]
    list_display = ("period", "title", "approved_at")
    list_select_related = ("approved_at",)
    search_fields = ("title_en", "title_es")


class GroupRoleInline(admin.TabularInline):
    model = GroupRole
    extra = 0
    autocomplete_fields = ("country", "institution")
    ordering = ("role", "order")


class FinancingSourceInline(TranslationTabularInline):
    model = FinancingSource
    extra = 0
    autocomplete_fields = ("institution",)


@admin.register(GroupRole)
class GroupRoleAdmin(admin.ModelAdmin):
    list_display = ("group", "role", "order", "country", "institution")
    list_filter = (programme_filter("group"), "role", "country")
    search_fields = ("country__name_en", "country__name_es", "institution__name_en",
                     "institution__name_es", "institution__code")
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


@admin.register(WorkingGroup)
class WorkingGroupAdmin(HistoryProtectedAdmin, SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [WorkingGroupResource]
    list_display = ("numeral", "output", "theme", "coordinators", "programme")
    list_display_links = ("numeral", "output")
    list_filter = (programme_filter(), theme_filter(), coordinating_country_filter(), "document_type")
    search_fields = ("name_en", "name_es", "output_en", "output_es", "theme_en", "theme_es")
    ordering = ("-programme__start_year", "number")
    inlines = (GroupRoleInline, ObjectiveInline, TopicInline, ActivityInline, OutputInline,
               FinancingSourceInline)

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
