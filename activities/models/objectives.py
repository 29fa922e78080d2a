"""A group's objectives: the general one and the specific ones, and under a specific one the
programme areas with their action lines that older reports tabulate instead of activities."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.limits import SHORT, limited
from core.models import LanguageGaps
from core.wording import roman
from groups.models import WorkingGroup


class Objective(LanguageGaps):
    class Kind(models.TextChoices):
        GENERAL = "general", _("general objective")
        SPECIFIC = "specific", _("specific objective")

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="objectives",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("short title"), max_length=200, blank=True)
    text = models.TextField(_("description"), **limited(SHORT))

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["group", "kind", "order"]  # "general" sorts before "specific"
        constraints = [
            models.UniqueConstraint(fields=["group", "kind", "order"], name="objective_unique_order"),
        ]

    def __str__(self):
        return self.title or self.text[:80]

    @property
    def numeral(self) -> str:
        """ "I", "II": how a report numbers the specific objectives its tables sit under."""
        return roman(self.order) if self.order else ""


class ProgrammeArea(LanguageGaps):
    """A row of a report's table of activities under a programme objective: an area of the
    programme with its action lines (the older reports' shape, instead of single activities)."""

    objective = models.ForeignKey(
        Objective,
        verbose_name=_("programme objective"),
        on_delete=models.CASCADE,
        related_name="areas",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("programme area"), max_length=400)

    class Meta:
        verbose_name = _("programme area")
        verbose_name_plural = _("programme areas")
        ordering = ["objective", "order"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "order"], name="area_unique_order"),
        ]

    def __str__(self):
        return self.title[:100]

    def clean(self):
        if self.objective_id and self.objective.kind != Objective.Kind.SPECIFIC:
            raise ValidationError({"objective": _("Programme areas sit under a specific objective.")})


class ActionLine(LanguageGaps):
    area = models.ForeignKey(
        ProgrammeArea,
        verbose_name=_("programme area"),
        on_delete=models.CASCADE,
        related_name="action_lines",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.TextField(_("action line"), **limited(SHORT))

    class Meta:
        verbose_name = _("action line")
        verbose_name_plural = _("action lines")
        ordering = ["area", "order"]
        constraints = [
            models.UniqueConstraint(fields=["area", "order"], name="action_line_unique_order"),
        ]

    def __str__(self):
        return self.text[:100]
