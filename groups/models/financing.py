"""A group's table of financing sources."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .conference import Institution
from .working_groups import WorkingGroup


class FinancingSource(models.Model):
    """A row of a group's table of financing sources."""

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="financing_sources",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("source institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="financing",
    )
    label = models.CharField(
        pgettext_lazy("financing", "source as written"),
        max_length=255,
        blank=True,
        help_text=_("How the table names the source, when not just the institution's name."),
    )
    amount_usd = models.DecimalField(
        _("amount (US$)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    form = models.CharField(_("form of the contribution"), max_length=300, blank=True)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("financing source")
        verbose_name_plural = _("financing sources")
        ordering = ["group", "order"]
        constraints = [
            models.UniqueConstraint(fields=["group", "order"], name="financing_unique_order"),
            models.CheckConstraint(
                condition=Q(amount_usd__isnull=True) | Q(amount_usd__gte=0),
                name="financing_amount_not_negative",
            ),
        ]

    def __str__(self):
        return self.label or str(self.institution or "")

    def clean(self):
        if not self.institution_id and not (self.label_en or self.label_es):
            raise ValidationError({"institution": _("Name the source: an institution or its label.")})
