"""Spreadsheet columns of countries, institutions, meetings, programmes and financing sources,
and the widgets that name those records (and groups) in other sheets; the groups themselves are
in working_groups.py. See base.py for the rules every sheet shares."""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from core.wording import roman
from groups.models import (
    Country,
    FinancingSource,
    Institution,
    Meeting,
    Programme,
    WorkingGroup,
)
from spreadsheets.widgets import GroupKeyWidget, KeyWidget, TextWidget

from .base import PortalResource, translated, unused_texts_field


def country_widget():
    return KeyWidget(Country, lambda c: c.iso3, _("country with the ISO code"), upper=True)


def institution_widget():
    return KeyWidget(Institution, lambda i: i.code, _("institution with the code"))


def meeting_widget():
    return KeyWidget(Meeting, lambda m: m.code, _("meeting"))


def programme_widget():
    return KeyWidget(Programme, lambda p: p.period, _("programme"))


def group_widget():
    return KeyWidget(
        WorkingGroup,
        lambda g: g.code,
        _("working group"),
        queryset=WorkingGroup.objects.select_related("programme"),
    )


def group_field():
    return Field(attribute="group", column_name="group", widget=group_widget())


def in_group(model, key, what, group_column_widget, queryset=None):
    return GroupKeyWidget(model, key, what, group_column_widget, queryset=queryset)


class RomanWidget(TextWidget):
    """A group's position written as its roman numeral (IV)."""

    NUMBERS = {roman(n): n for n in range(1, 100)}

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value).strip().upper()
        if not text:
            return None
        if text.isdigit():
            return int(text)
        try:
            return self.NUMBERS[text]
        except KeyError:
            raise ValueError(_("Write the group's number as a roman numeral (IV).")) from None

    def render(self, value, obj=None, **kwargs):
        return roman(value) if value else ""


class CountryResource(PortalResource):
    iso3 = Field(attribute="iso3", column_name="iso3", widget=TextWidget())

    class Meta(PortalResource.Meta):
        model = Country
        fields = ("iso3", *translated("name", "name_in_phrase"), "membership")
        import_id_fields = ("iso3",)

    def before_import_row(self, row, **kwargs):
        if isinstance(row.get("iso3"), str):
            row["iso3"] = row["iso3"].strip().upper()


class InstitutionResource(PortalResource):
    unused_texts = unused_texts_field()
    code = Field(attribute="code", column_name="code", widget=TextWidget())
    country = Field(attribute="country", column_name="country", widget=country_widget())
    parent = Field(attribute="parent", column_name="parent", widget=institution_widget())

    class Meta(PortalResource.Meta):
        model = Institution
        fields = ("code", *translated("acronym", "name"), "country", "kind", "parent", "unused_texts")
        import_id_fields = ("code",)

    def get_queryset(self):
        # Parents before their units, so that a file imports in one pass.
        return Institution.objects.select_related("country", "parent").order_by(
            F("parent").asc(nulls_first=True), "code"
        )

    def after_save_instance(self, instance, row, **kwargs):
        self.fields["parent"].widget.remember(instance)  # a unit further down may name it


class MeetingResource(PortalResource):
    code = Field(attribute="code", column_name="code", widget=TextWidget())

    class Meta(PortalResource.Meta):
        model = Meeting
        fields = ("code", "body", "number", *translated("place"), "is_virtual", "start_date", "end_date")
        import_id_fields = ("code",)

    def before_save_instance(self, instance, row, **kwargs):
        code = f"{Meeting.CODE_PREFIX[instance.body]}.{instance.number}"
        if code != instance.code:
            raise ValidationError(
                {
                    "code": _("The code of meeting %(number)s of this body is %(code)s.")
                    % {"number": instance.number, "code": code}
                }
            )


class ProgrammeResource(PortalResource):
    approved_at = Field(attribute="approved_at", column_name="approved_at", widget=meeting_widget())

    class Meta(PortalResource.Meta):
        model = Programme
        fields = (
            "start_year",
            "end_year",
            *translated("title"),
            "approved_at",
            "approved_on",
            *translated("resolution"),
        )
        import_id_fields = ("start_year",)

    not_exchanged = dict.fromkeys(
        ("status", "follows", "published_at"),
        "the drafting's bookkeeping, moved by its services (opening, publishing, approval) only",
    )

    def get_queryset(self):
        return Programme.objects.select_related("approved_at")


class FinancingSourceResource(PortalResource):
    group = Field(attribute="group", column_name="group", widget=group_widget())
    institution = Field(attribute="institution", column_name="institution", widget=institution_widget())

    class Meta(PortalResource.Meta):
        model = FinancingSource
        fields = (
            "group",
            "order",
            "institution",
            *translated("label"),
            "amount_usd",
            *translated("form", "purpose"),
        )
        import_id_fields = ("group", "order")

    def get_queryset(self):
        return FinancingSource.objects.select_related("group__programme", "institution")
