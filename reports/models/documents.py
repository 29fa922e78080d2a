"""The document register: the Conference's official documents the portal renders as PDF,
and the PDFs frozen when the secretariat issues one."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.bilingual import LANGUAGES, has_text
from core.limits import NOTE, PARAGRAPHS, limited
from groups.models import Meeting, Programme, WorkingGroup
from reporting.models import ReportingRound

from ..kinds import BY_VALUE, COVERED, KINDS, PARTS, TABLE, DocumentKind, coverage_condition, layout_condition

# "LC/CE.20/3", "LC/CEA.10/5", "LC/L.1234(CE.20/2)": the UN symbol alphabet. Keeping it this
# narrow also lets the symbol appear in file names and URLs as it is.
symbol_validator = RegexValidator(
    r"^[A-Z]{1,10}(/[A-Za-z0-9.()\-]{1,30}){1,6}$",
    _("A UN document symbol such as LC/CE.20/3: capital letters, then parts separated by slashes."),
)


class DocumentQuerySet(models.QuerySet):
    def for_register(self):
        """The register as the public page lists it: newest first, with what each covers."""
        return self.select_related("meeting", "programme", "round__meeting", "group__programme").order_by(
            "-meeting__start_date", "symbol"
        )

    def of_programmes(self, programmes):
        """The documents about `programmes` (a queryset) only: a document of a draft not yet
        published stays out of the register, the API and search for whoever may not read it."""
        hidden = programmes.model.objects.exclude(pk__in=programmes.values("pk"))
        return (
            self.exclude(programme__in=hidden)
            .exclude(round__programme__in=hidden)
            .exclude(group__programme__in=hidden)
        )

    def about_group(self, group):
        """The documents that show the group: its programme, the reports on that programme's
        implementation, and the reports of the group (documents of the kind GROUP_REPORT)."""
        return self.for_register().filter(
            Q(programme_id=group.programme_id)
            | Q(round__programme_id=group.programme_id, group__isnull=True)
            | Q(group=group)
        )


class Document(models.Model):
    # Each kind's knowledge is its class in reports/kinds.py; these are its stored values.
    Kind = models.TextChoices("Kind", [(kind.name, (kind.value, kind.label)) for kind in KINDS])

    class Layout(models.TextChoices):
        PARTS = PARTS, _("numbered parts")
        TABLE = TABLE, _("two columns: label and content")

    class Numbering(models.TextChoices):
        ARABIC = "arabic", _("1, 2, 3, with (a), (b), (c) inside")
        ROMAN = "roman", _("I, II, III, with (a), (b), (c) inside")
        NONE = "none", _("no numbers")

    class OutputsAs(models.TextChoices):
        UNDER_OBJECTIVES = "under_objectives", _("under a heading for each objective")
        OBJECTIVE_COLUMN = "objective_column", _("in one table with an objective column")

    class PlanAs(models.TextChoices):
        AS_PLANNED = "as_planned", _("as the group plans: activities by month if it has them, else outputs")
        ACTIVITIES = "activities", _("activities with their months")
        OUTPUTS = "outputs", _("outputs (or plan rows) with a timetable phrase")

    class Distribution(models.TextChoices):
        LIMITED = "limited", _("limited")
        GENERAL = "general", _("general")

    # The secretariat's own sections, in the order a document shows them; each kind shows some
    # (DocumentKind.sections): a text in a section its kind does not show would be lost.
    ALL_SECTIONS = ("introduction", "obstacles", "gender", "document_type")
    # The composition's variants (reports/composition.py), declared once for the admin, the sheets
    # and the API: the heading block's line, read by every kind, then those only a kind composed
    # of parts reads (reports/group_document.py).
    PART_VARIANTS = (
        "numbering",
        "objective_headings",
        "specific_objectives_as_table",
        "outputs_as",
        "outputs_timetable",
        "plan_as",
        "plan_by_objective",
        "in_charge_column",
    )
    COMPOSITION_VARIANTS = ("commission_line", *PART_VARIANTS)

    symbol = models.CharField(_("symbol"), max_length=60, unique=True, validators=[symbol_validator])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("Each language version carries its own date."),
    )
    distribution = models.CharField(
        _("distribution"), max_length=10, choices=Distribution.choices, default=Distribution.LIMITED
    )
    original_language = models.CharField(
        _("original language"), max_length=5, choices=settings.LANGUAGES, default="es"
    )
    job_number = models.CharField(_("job number"), max_length=20, blank=True)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="documents"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        help_text=_("For a draft biennial programme."),
    )
    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("reporting round"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        help_text=_("For a report on the implementation and for a report of a working group."),
    )
    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        help_text=_("For a report of a working group."),
    )
    layout = models.CharField(
        _("layout"),
        max_length=10,
        choices=Layout.choices,
        default=Layout.PARTS,
        help_text=_(
            "For a report of a working group: numbered parts, or a two-column table of "
            "labels and contents (as a network's report is laid out)."
        ),
    )
    # The composition's variants (reports/composition.py); the parts themselves are DocumentPart.
    numbering = models.CharField(
        _("numbering of the parts"), max_length=10, choices=Numbering.choices, default=Numbering.ARABIC
    )
    commission_line = models.BooleanField(
        _("the heading block names the Commission"),
        default=True,
        help_text=_(
            'Below "United Nations", as the Commission\'s documents print it; '
            "older ones have only the first line."
        ),
    )
    objective_headings = models.BooleanField(
        _('"General objective" and "Specific objectives" sub-headings'), default=True
    )
    specific_objectives_as_table = models.BooleanField(
        _("specific objectives as a table of titles and descriptions"),
        default=False,
        help_text=_("Otherwise a numbered list."),
    )
    outputs_as = models.CharField(
        _("outputs"), max_length=20, choices=OutputsAs.choices, default=OutputsAs.UNDER_OBJECTIVES
    )
    outputs_timetable = models.BooleanField(_("outputs with a timetable column"), default=True)
    plan_as = models.CharField(_("plan"), max_length=12, choices=PlanAs.choices, default=PlanAs.AS_PLANNED)
    plan_by_objective = models.BooleanField(
        _("plan grouped by objective"), default=False, help_text=_("With the objective in a first column.")
    )
    in_charge_column = models.BooleanField(
        _('programme of activities with its "In charge" column'), default=True
    )
    introduction = models.TextField(_("introduction"), blank=True, **limited(PARAGRAPHS))
    obstacles = models.TextField(
        _("main obstacles faced by the working groups"), blank=True, **limited(PARAGRAPHS)
    )
    gender = models.TextField(_("mainstreaming of the gender perspective"), blank=True, **limited(PARAGRAPHS))
    document_type = models.TextField(_("type of document"), blank=True, **limited(NOTE))
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-meeting__start_date", "symbol"]
        permissions = [("issue_document", _("Can issue a document"))]
        constraints = [
            models.CheckConstraint(
                name="document_covers_what_its_kind_needs", condition=coverage_condition()
            ),
            models.CheckConstraint(
                name="document_table_layout_only_for_group_reports", condition=layout_condition()
            ),
        ]

    def __str__(self):
        return self.symbol

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None

    @property
    def offers_word(self) -> bool:
        """Whether the document has a Word file to give: every live one does; an issued one, the
        file frozen when it was issued (one issued before Word files were kept has none, and no
        file written from today's data may stand in for it)."""
        return not self.is_issued or self.issued_files.filter(format="docx").exists()

    @property
    def state(self) -> str:
        """What a reader is told of the document: issued (its PDFs stored once and for all);
        final (not issued, but its round is closed, so its data no longer change); or a live
        draft, rendered from data that may still change (an open round, a programme)."""
        if self.is_issued:
            return _("Issued")
        if self.round_id and self.round.status == self.round.Status.CLOSED:
            return _("Final: its round is closed")
        return _("Draft: rendered from the current data")

    @property
    def kind_class(self) -> DocumentKind | None:
        """The document's kind (reports/kinds.py); None while no kind is chosen."""
        return BY_VALUE.get(self.kind)

    @property
    def covered_programme(self):
        return self.kind_class.covered_programme(self)

    def sections(self) -> tuple[str, ...]:
        return self.kind_class.sections if self.kind_class else ()

    def clean(self):
        errors = {}
        needs = set(self.kind_class.covers) if self.kind_class else set()
        for field in COVERED:
            present = getattr(self, f"{field}_id") is not None
            if field in needs and not present:
                errors[field] = _("This kind of document needs it.")
            elif field not in needs and present:
                errors[field] = _("This kind of document does not cover it: leave it empty.")
        if (
            "group" in needs
            and self.round_id
            and self.group_id
            and self.group.programme_id != self.round.programme_id
        ):
            errors["group"] = _("The group belongs to another programme than the round.")
        if self.kind_class and self.layout not in self.kind_class.layouts:
            errors["layout"] = _("Only a report of a working group can be laid out as a table.")
        for section in self.ALL_SECTIONS:
            if section in self.sections():
                continue
            for lang in LANGUAGES:
                name = build_localized_fieldname(section, lang)
                if getattr(self, name, ""):
                    errors[name] = _("This kind of document has no such section: leave it empty.")
        if not has_text(self, "date"):
            errors[build_localized_fieldname("date", LANGUAGES[0])] = _(
                "Give the document's date in at least one language."
            )
        if errors:
            raise ValidationError(errors)
