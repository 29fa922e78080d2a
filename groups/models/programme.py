"""A programme (biennial, most of them) and its working groups, with their roles and financing."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.bilingual import has_text, shown
from core.limits import NOTE, PARAGRAPHS, limited
from core.models import LanguageGaps
from core.wording import alphabetical_key, roman

from .conference import Country, Institution, Meeting


class ProgrammeQuerySet(models.QuerySet):
    def current(self):
        """The programme now in force: the latest one."""
        return self.order_by("-start_year").first()

    def by_period(self, period):
        """The programme named "2020-2021" in URLs; DoesNotExist otherwise."""
        try:
            start, end = (int(part) for part in period.split("-"))
        except ValueError:
            raise Programme.DoesNotExist(f"No programme {period}") from None
        return self.get(start_year=start, end_year=end)


class Programme(models.Model):
    start_year = models.PositiveSmallIntegerField(_("first year"), unique=True)
    end_year = models.PositiveSmallIntegerField(_("last year"))
    # Not every programme document has a title of its own: readers then see its period.
    title = models.CharField(_("title"), max_length=300, blank=True)
    approved_at = models.ForeignKey(
        Meeting,
        verbose_name=_("approved at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes_approved",
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_year"]
        constraints = [
            # Most programmes are biennial; the Conference has had three-year ones too.
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="programme_years_in_order"
            ),
        ]

    def __str__(self):
        return self.period

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}"

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year cannot be before the first.")})
        if self.approved_at and self.approved_at.body != Meeting.Body.CONFERENCE:
            raise ValidationError(
                {"approved_at": _("A programme is approved at a meeting of the Conference.")}
            )


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

    def coordinated_by_iso3(self, iso3):
        return self.filter(roles__role=GroupRole.Role.COORDINATING, roles__country__iso3=iso3).distinct()


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
    # Where a group's report has free text of its own, around its objectives and after its plan.
    objectives_lead_in = models.TextField(
        _("lead-in to the specific objectives"),
        blank=True,
        **limited(NOTE),
        help_text=_("A sentence the report prints before the list of specific objectives."),
    )
    objectives_closing = models.TextField(
        _("paragraph after the specific objectives"), blank=True, **limited(NOTE)
    )
    outputs_lead_in = models.TextField(
        _("lead-in to the outputs"),
        blank=True,
        **limited(NOTE),
        help_text=_("A sentence the report prints before the outputs under each objective."),
    )
    previous_results = models.TextField(
        _("results of the previous programme"), blank=True, **limited(PARAGRAPHS)
    )
    conclusions = models.TextField(_("conclusions"), blank=True, **limited(PARAGRAPHS))
    document_type = models.CharField(
        _("type of document"), max_length=20, choices=DocumentType.choices, blank=True
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

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE, related_name="roles"
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
