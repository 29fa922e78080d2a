"""A programme of the working groups (biennial, most of them), approved at a meeting of the
Conference."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .conference import Meeting


class ProgrammeQuerySet(models.QuerySet):
    def approved(self):
        """Programmes the Conference has approved (every programme but one being drafted)."""
        return self.filter(status=Programme.Status.APPROVED)

    def readable(self):
        """Programmes readers may see: the approved ones, and a draft the secretariat published."""
        return self.filter(Q(status=Programme.Status.APPROVED) | Q(published_at__isnull=False))

    def current(self):
        """The programme now in force: the latest approved one (a draft is not in force)."""
        return self.approved().order_by("-start_year").first()

    def by_period(self, period):
        """The programme named "2020-2021" in URLs; DoesNotExist otherwise."""
        try:
            start, end = (int(part) for part in period.split("-"))
        except ValueError:
            raise Programme.DoesNotExist(f"No programme {period}") from None
        return self.get(start_year=start, end_year=end)


class Programme(models.Model):
    class Status(models.TextChoices):
        # A draft is the next programme while the groups propose it (reporting.models.Drafting):
        # private to its groups and the secretariat until published, then shown marked as a draft.
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")

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
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPROVED, editable=False
    )
    follows = models.ForeignKey(
        "self",
        verbose_name=_("follows"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followed_by",
        help_text=_("The programme this one continues, whose groups and activities it carries forward."),
    )
    published_at = models.DateTimeField(_("draft published at"), null=True, blank=True, editable=False)
    approved_on = models.DateField(_("date of approval"), null=True, blank=True)
    resolution = models.CharField(
        _("resolution"),
        max_length=200,
        blank=True,
        help_text=_("The Conference's resolution approving it, as written: 12(X)."),
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
            models.CheckConstraint(
                condition=Q(status__in=["draft", "approved"]), name="programme_status_known"
            ),
            models.CheckConstraint(
                condition=~Q(follows=models.F("pk")), name="programme_not_following_itself"
            ),
        ]

    def __str__(self):
        return self.period

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_readable(self) -> bool:
        """What readable() says of this programme."""
        return not self.is_draft or self.published_at is not None

    def contains_month(self, month) -> bool:
        """Whether a month (a date) falls within the programme's years."""
        return self.start_year <= month.year <= self.end_year

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year cannot be before the first.")})
        if self.approved_at and self.approved_at.body != Meeting.Body.CONFERENCE:
            raise ValidationError(
                {"approved_at": _("A programme is approved at a meeting of the Conference.")}
            )
