"""A plan of activities written as rows of outputs with a timetable phrase, where a row is not
always one output: it may cover several at once ("Outputs 1 and 2 | first half of 2025") or none
(a meeting, a website), with a text of its own. A group without plan rows plans each output on a
row of its own, from the output's timetable."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.limits import SHORT, limited
from groups.models import WorkingGroup

from .objectives import Objective
from .outputs import Output


class PlanRow(models.Model):
    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE, related_name="plan_rows"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("programme objective"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_rows",
    )
    outputs = models.ManyToManyField(Output, verbose_name=_("outputs"), blank=True, related_name="plan_rows")
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "The row's own words: what it plans when it is no output, or beside the outputs it names."
        ),
        **limited(SHORT),
    )
    timetable = models.CharField(_("timetable"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("plan row")
        verbose_name_plural = _("plan rows")
        ordering = ["group", "order"]
        constraints = [
            models.UniqueConstraint(fields=["group", "order"], name="plan_row_unique_order"),
        ]

    def __str__(self):
        return f"{self.group_id}/{self.order}"

    def clean(self):
        if self.objective_id and self.group_id and self.objective.group_id != self.group_id:
            raise ValidationError({"objective": _("The objective must belong to the same working group.")})
