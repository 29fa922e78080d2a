"""Who takes part in a working group, and how: its coordinating and member countries, its
technical secretariat, participating bodies and a network's council."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.bilingual import shown

from .conference import Country, Institution


class GroupRole(models.Model):
    """One line of a group's roles: a coordinating or member country, a technical
    secretariat or a participating body, in the order the programme lists them."""

    class Role(models.TextChoices):
        COORDINATING = "coordinating", _("coordinating country")
        MEMBER = "member", _("member country")
        SECRETARIAT = "secretariat", _("technical secretariat")
        PARTICIPATING = "participating", _("participating body")
        COUNCIL = "council", _("member of the council")

    class Capacity(models.TextChoices):
        """What a member of a network's council is there as."""

        CHAIR = "chair", _("chair")
        DONOR = "donor", _("donor")
        SECRETARIAT = "secretariat", _("secretariat")
        MEMBER = "member", _("member")

    COUNTRY_ROLES = (Role.COORDINATING, Role.MEMBER)

    # By name: working_groups.py imports this module for the roles' kinds.
    group = models.ForeignKey(
        "groups.WorkingGroup", verbose_name=_("working group"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=15, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_roles",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_roles",
        help_text=_("For a coordinating country, its coordinating institution."),
    )
    capacity = models.CharField(
        _("capacity"),
        max_length=12,
        choices=Capacity.choices,
        blank=True,
        help_text=_("For a member of a network's council."),
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["group", "role", "order"]
        constraints = [
            models.UniqueConstraint(fields=["group", "role", "order"], name="role_unique_order"),
            models.CheckConstraint(
                condition=~Q(role__in=["coordinating", "member"]) | Q(country__isnull=False),
                name="role_country_required_for_country_roles",
            ),
            models.CheckConstraint(
                condition=Q(role__in=["coordinating", "member"]) | Q(institution__isnull=False),
                name="role_institution_required_for_bodies",
            ),
            models.CheckConstraint(
                condition=Q(role="council") | Q(capacity=""),
                name="role_capacity_only_in_council",
            ),
        ]

    def __str__(self):
        who = self.country or self.institution
        if self.role == self.Role.COORDINATING and self.institution:
            return f"{self.country}: {self.institution}"
        return str(who)

    def sort_name(self) -> str:
        """The name the role is listed by, in the active language."""
        who = self.country if self.role in self.COUNTRY_ROLES else self.institution
        return shown(who, "name").text if who else ""

    def clean(self):
        if self.capacity and self.role != self.Role.COUNCIL:
            raise ValidationError({"capacity": _("Only a member of a network's council has a capacity.")})
        if self.role in self.COUNTRY_ROLES and not self.country_id:
            raise ValidationError({"country": _("A coordinating or member country needs a country.")})
        if self.role not in self.COUNTRY_ROLES and not self.institution_id:
            raise ValidationError(
                {
                    "institution": _(
                        "A technical secretariat, participating body or council member needs an institution."
                    )
                }
            )
        if (
            self.role == self.Role.COORDINATING
            and self.institution_id
            and self.country_id
            and self.institution.country_id not in (None, self.country_id)
        ):
            raise ValidationError(
                {"institution": _("The coordinating institution must belong to the coordinating country.")}
            )
