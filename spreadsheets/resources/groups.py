"""Spreadsheet columns of countries, institutions, meetings, programmes, working groups (with
their roles) and financing sources; see spreadsheets/resources.py for the shared rules."""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from core.wording import roman
from groups.models import (
    Country,
    FinancingSource,
    GroupRole,
    Institution,
    Meeting,
    Programme,
    WorkingGroup,
)
from spreadsheets.cells import blank
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
        fields = ("start_year", "end_year", *translated("title"), "approved_at")
        import_id_fields = ("start_year",)

    def get_queryset(self):
        return Programme.objects.select_related("approved_at")


def _role_items(group, role) -> str:
    items = []
    for r in group.roles_as_entered(role):
        if role in GroupRole.COUNTRY_ROLES:
            item = f"{r.country.iso3}: {r.institution.code}" if r.institution else r.country.iso3
        else:
            item = f"{r.country.iso3}: {r.institution.code}" if r.country else r.institution.code
        items.append(f"{item} ({r.capacity})" if r.capacity else item)
    return "; ".join(items)


class RolesField(Field):
    """One kind of role of a group in one cell, in order: "MEX: INEGI@MEX; COL: DANE@COL" for
    coordinating countries with their institutions, "ARG; BRA" for members, institution codes
    for technical secretariats and participating bodies, and for a network's council each
    member's capacity after its code: "ECLAC (chair); IDB (donor)". A present column replaces that kind of
    role; an absent one leaves it as it is."""

    def __init__(self, role, column_name):
        super().__init__(attribute=None, column_name=column_name, widget=TextWidget())
        self.role = role
        self.countries, self.institutions = country_widget(), institution_widget()

    def export(self, instance, **kwargs):
        return _role_items(instance, self.role) if instance.pk else ""

    def parse(self, value) -> list[GroupRole]:
        roles = []
        for order, item in enumerate((p.strip() for p in (value or "").split(";") if p.strip()), 1):
            country = institution = None
            capacity = ""
            if self.role == GroupRole.Role.COUNCIL and item.endswith(")") and "(" in item:
                item, _open, capacity = item[:-1].rpartition("(")
                item, capacity = item.strip(), capacity.strip().lower()
                if capacity not in GroupRole.Capacity.values:
                    raise ValueError(
                        _("“%(capacity)s” is no capacity in a council: write one of %(choices)s.")
                        % {"capacity": capacity, "choices": ", ".join(GroupRole.Capacity.values)}
                    )
            if ":" in item:
                country_code, institution_code = (p.strip() for p in item.split(":", 1))
                country = self.countries.clean(country_code)
                institution = self.institutions.clean(institution_code)
            elif self.role in GroupRole.COUNTRY_ROLES:
                country = self.countries.clean(item)
            else:
                institution = self.institutions.clean(item)
            roles.append(
                GroupRole(
                    role=self.role, order=order, country=country, institution=institution, capacity=capacity
                )
            )
        return roles


ROLE_COLUMNS = ("coordinating", "members", "secretariat", "participating", "council")
# The group's paragraphs: a sheet of their own in the group's workbook.
GROUP_TEXTS = (
    "background",
    "expected_impact",
    "financing",
    "objectives_lead_in",
    "objectives_closing",
    "outputs_lead_in",
    "previous_results",
    "conclusions",
)


class WorkingGroupResource(PortalResource):
    programme = Field(attribute="programme", column_name="programme", widget=programme_widget())
    number = Field(attribute="number", column_name="number", widget=RomanWidget())
    coordinating = RolesField(GroupRole.Role.COORDINATING, "coordinating")
    members = RolesField(GroupRole.Role.MEMBER, "members")
    secretariat = RolesField(GroupRole.Role.SECRETARIAT, "secretariat")
    participating = RolesField(GroupRole.Role.PARTICIPATING, "participating")
    council = RolesField(GroupRole.Role.COUNCIL, "council")
    unused_texts = unused_texts_field()

    class Meta(PortalResource.Meta):
        model = WorkingGroup
        fields = (
            "programme",
            "number",
            "kind",
            *translated("name", "theme", "output", *GROUP_TEXTS),
            "document_type",
            "role_order",
            *ROLE_COLUMNS,
            "unused_texts",
        )
        import_id_fields = ("programme", "number")

    def get_queryset(self):
        return WorkingGroup.objects.with_roles()

    def row_problems(self, instance, row, errors):
        """Each role column present is read whole (a role's country and institution checked
        together); the roles are written after the group is saved (after_save_instance)."""
        problems, instance._new_roles = {}, {}
        for column in ROLE_COLUMNS:
            if column not in row:
                continue
            field = self.fields[column]
            try:
                roles = field.parse(None if blank(row[column]) else str(row[column]))
                for role in roles:
                    role.clean()
            except (ValueError, ValidationError) as error:
                problems[column] = [" ".join(getattr(error, "messages", [str(error)]))]
                continue
            instance._new_roles[field.role] = roles
        return problems

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if self.keeps(original, import_validation_errors):
            return True
        for role, roles in getattr(instance, "_new_roles", {}).items():
            before = (
                [(r.country_id, r.institution_id, r.capacity) for r in original.roles_as_entered(role)]
                if original.pk
                else []
            )
            if before != [(r.country_id, r.institution_id, r.capacity) for r in roles]:
                return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def after_save_instance(self, instance, row, **kwargs):
        for role, roles in getattr(instance, "_new_roles", {}).items():
            GroupRole.objects.filter(group=instance, role=role).delete()
            for r in roles:
                r.group = instance
            GroupRole.objects.bulk_create(roles)
        if getattr(instance, "_new_roles", None):
            instance._prefetched_objects_cache = {}


class GroupHeadingResource(WorkingGroupResource):
    """The group's workbook, first sheet: what heads the group and who takes part."""

    class Meta(WorkingGroupResource.Meta):
        fields = (
            "programme",
            "number",
            "kind",
            *translated("name", "theme", "output"),
            "document_type",
            "role_order",
            *ROLE_COLUMNS,
            "unused_texts",
        )


class GroupTextsResource(WorkingGroupResource):
    """The group's workbook, second sheet: the group's paragraphs, one column per language."""

    class Meta(WorkingGroupResource.Meta):
        fields = ("programme", "number", *translated(*GROUP_TEXTS))


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
