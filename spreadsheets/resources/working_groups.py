"""Spreadsheet columns of a working group: its texts and, one column per kind of role, who takes
part; the group's workbook splits them into a heading sheet and a texts sheet. See base.py for
the rules every sheet shares."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from groups.models import GroupRole, WorkingGroup
from spreadsheets.cells import blank
from spreadsheets.widgets import TextWidget

from .base import PortalResource, translated, unused_texts_field
from .groups import RomanWidget, country_widget, institution_widget, programme_widget


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

    not_exchanged = {
        "continues": "set when the drafting carries work forward (reporting/services/copying.py); a "
        "workbook keeps it, since its rows are matched by group and order"
    }

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
