"""A programme's working groups and networks: their texts, and their roles as readers see them."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.bilingual import has_text
from core.limits import NOTE, PARAGRAPHS, limited
from core.models import LanguageGaps
from core.wording import alphabetical_key, roman

from .programme import Programme
from .roles import GroupRole


class WorkingGroupQuerySet(models.QuerySet):
    def with_roles(self):
        """Groups with their roles, countries and institutions fetched in a fixed number of queries."""
        return self.select_related("programme").prefetch_related(
            models.Prefetch(
                "roles", queryset=GroupRole.objects.select_related("country", "institution__country")
            )
        )

    def by_code(self, period, numeral):
        """The group named "2020-2021/IV" in URLs and on command lines; DoesNotExist otherwise."""
        try:
            start, end = (int(part) for part in period.split("-"))
            number = {roman(n): n for n in range(1, 100)}[numeral.upper()]
        except (ValueError, KeyError):
            raise WorkingGroup.DoesNotExist(f"No working group {period}/{numeral}") from None
        return self.get(programme__start_year=start, programme__end_year=end, number=number)

    def of_country(self, country):
        """The groups `country` (a Country or its pk) takes part in, coordinating or as a member."""
        roles = GroupRole.objects.filter(country=country, role__in=GroupRole.COUNTRY_ROLES)
        return self.filter(pk__in=roles.values("group"))


class WorkingGroup(LanguageGaps):
    class Kind(models.TextChoices):
        WORKING_GROUP = "group", _("working group")
        NETWORK = "network", _("network")

    class RoleOrder(models.TextChoices):
        ALPHABETICAL = "alphabetical", _("alphabetical in each language")
        AS_ENTERED = "entered", _("as entered")

    class DocumentType(models.TextChoices):
        REGIONAL_STANDARD = "regional_standard", _("regional standard for adoption by the Conference")
        THEMATIC = "thematic", _("thematic document")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="groups"
    )
    number = models.PositiveSmallIntegerField(
        _("position"),
        validators=[MinValueValidator(1)],
        help_text=_("Position in the programme, shown as a roman numeral."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.WORKING_GROUP,
        help_text=_("A network reports its events, council, figures and links."),
    )
    role_order = models.CharField(
        _("order of countries and bodies"),
        max_length=12,
        choices=RoleOrder.choices,
        default=RoleOrder.ALPHABETICAL,
        help_text=_("Alphabetical: each language lists them in its own alphabetical order."),
    )
    # Not every group has a theme or a single output (a network has none): it is then headed by
    # its name everywhere (heading_field).
    theme = models.CharField(_("theme"), max_length=120, blank=True)
    output = models.CharField(
        _("output"),
        max_length=400,
        blank=True,
        help_text=_("The document the group produces, if one; the group is headed by it."),
    )
    background = models.TextField(_("background"), blank=True, **limited(PARAGRAPHS))
    expected_impact = models.TextField(_("expected impact"), blank=True, **limited(PARAGRAPHS))
    financing = models.TextField(_("budget and financing"), blank=True, **limited(PARAGRAPHS))
    # Where the group's document has free text of its own, around its objectives and after its plan.
    objectives_lead_in = models.TextField(
        _("lead-in to the specific objectives"),
        blank=True,
        **limited(NOTE),
        help_text=_("A sentence the group's document prints before the list of specific objectives."),
    )
    objectives_closing = models.TextField(
        _("paragraph after the specific objectives"), blank=True, **limited(NOTE)
    )
    outputs_lead_in = models.TextField(
        _("lead-in to the outputs"),
        blank=True,
        **limited(NOTE),
        help_text=_("A sentence the group's document prints before the outputs under each objective."),
    )
    previous_results = models.TextField(
        _("results of the previous programme"), blank=True, **limited(PARAGRAPHS)
    )
    conclusions = models.TextField(_("conclusions"), blank=True, **limited(PARAGRAPHS))
    document_type = models.CharField(
        _("type of document"), max_length=20, choices=DocumentType.choices, blank=True
    )
    # A group of a later programme that carries this one's work forward: readers follow a piece
    # of work across programmes through it (and through Activity.continues).
    continues = models.ForeignKey(
        "self",
        verbose_name=_("continues"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continued_by",
        help_text=_("The group of the previous programme this group continues."),
    )

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["programme__start_year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="group_unique_position_in_programme"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="group_number_positive"),
        ]

    def __str__(self):
        return f"{self.programme_id and self.programme.period}/{self.numeral} {self.name}"

    @property
    def numeral(self) -> str:
        return roman(self.number) if self.number else ""

    @property
    def heading_field(self) -> str:
        """The text that heads the group on pages and in documents: its output, or its name
        when it has no single output."""
        return "output" if has_text(self, "output") else "name"

    @property
    def code(self) -> str:
        """ "2020-2021/IV": how command lines and spreadsheets name a group."""
        return f"{self.programme.period}/{self.numeral}"

    def roles_as_entered(self, role):
        """The group's roles of one kind in the clerk's order (uses prefetched roles when present)."""
        return sorted((r for r in self.roles.all() if r.role == role), key=lambda r: r.order)

    def roles_of(self, role):
        """The group's roles of one kind as readers see them: in the clerk's order, or in the
        alphabetical order of the active language."""
        roles = self.roles_as_entered(role)
        if self.role_order == self.RoleOrder.ALPHABETICAL:
            roles.sort(key=lambda r: alphabetical_key(r.sort_name()))
        return roles

    @property
    def coordinating_roles(self):
        return self.roles_of(GroupRole.Role.COORDINATING)

    @property
    def member_roles(self):
        return self.roles_of(GroupRole.Role.MEMBER)

    @property
    def secretariat_roles(self):
        return self.roles_of(GroupRole.Role.SECRETARIAT)

    @property
    def participating_roles(self):
        return self.roles_of(GroupRole.Role.PARTICIPATING)

    @property
    def council_roles(self):
        return self.roles_of(GroupRole.Role.COUNCIL)
