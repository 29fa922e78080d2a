"""List filters the secretariat uses across admin pages: by programme, theme, coordinating
country and reporting round, wherever the listed model reaches a working group."""

from django.contrib import admin
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from groups.models import Country, GroupRole, Programme, WorkingGroup


def _prefix(path):
    return f"{path}__" if path else ""


def programme_filter(group_path=""):
    class ProgrammeFilter(admin.SimpleListFilter):
        title = _("programme")
        parameter_name = "programme"

        def lookups(self, request, model_admin):
            return [(p.pk, p.period) for p in Programme.objects.all()]

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{f"{_prefix(group_path)}programme": self.value()})
            return queryset

    return ProgrammeFilter


def theme_filter(group_path=""):
    class ThemeFilter(admin.SimpleListFilter):
        title = _("theme")
        parameter_name = "theme"

        def lookups(self, request, model_admin):
            # Keyed by the English theme so that a link works in both languages.
            field = f"theme_{(get_language() or 'en')[:2]}"
            themes = {}
            for group in WorkingGroup.objects.only("theme_en", field):
                themes[group.theme_en] = getattr(group, field) or group.theme_en
            return sorted(themes.items(), key=lambda item: item[1])

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{f"{_prefix(group_path)}theme_en": self.value()})
            return queryset

    return ThemeFilter


def coordinating_country_filter(group_path=""):
    class CoordinatingCountryFilter(admin.SimpleListFilter):
        title = _("coordinating country")
        parameter_name = "coordinator"

        def lookups(self, request, model_admin):
            countries = Country.objects.filter(group_roles__role=GroupRole.Role.COORDINATING).distinct()
            return [(c.iso3, c.name) for c in countries]

        def queryset(self, request, queryset):
            if self.value():
                prefix = _prefix(group_path)
                return queryset.filter(
                    **{
                        f"{prefix}roles__role": GroupRole.Role.COORDINATING,
                        f"{prefix}roles__country__iso3": self.value(),
                    }
                ).distinct()
            return queryset

    return CoordinatingCountryFilter
