"""A programme of the working groups (biennial, most of them), approved at a meeting of the
Conference."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .conference import Meeting


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
