"""A group's activities, with their schedule by month or as a phrase, under the topic
headings and objectives they belong to."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.bilingual import has_text
from core.limits import SHORT, limited
from core.models import LanguageGaps
from core.wording import month_label
from groups.models import WorkingGroup

from ..fields import MonthField
from .objectives import Objective


class Topic(models.Model):
    """A heading shared by several activities of a group (e.g. a chapter of the output)."""

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="topics",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("heading"), max_length=400)

    class Meta:
        verbose_name = _("topic heading")
        verbose_name_plural = _("topic headings")
        ordering = ["group", "order"]
        constraints = [
            models.UniqueConstraint(fields=["group", "order"], name="topic_unique_order"),
        ]

    def __str__(self):
        return self.title


class ActivityQuerySet(models.QuerySet):
    def in_plan(self):
        """Activities the programme document listed in its plan of activities."""
        return self.filter(plan_no__isnull=False).order_by("group", "plan_no")


class Activity(LanguageGaps):
    # A group's plan has a few dozen activities; this bounds what a workbook may bring.
    MAX_PER_GROUP = 500

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    order = models.PositiveSmallIntegerField(_("order"), validators=[MaxValueValidator(MAX_PER_GROUP)])
    text = models.TextField(_("activity"), **limited(SHORT))
    plan_no = models.PositiveSmallIntegerField(
        _("number in the plan"),
        null=True,
        blank=True,
        help_text=_("Its number in the programme's plan of activities; empty when it was added later."),
    )
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("programme objective"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic heading"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    coordination = models.CharField(_("coordination"), max_length=300, blank=True)
    start_month = MonthField(_("start month"), null=True, blank=True)
    start_text = models.CharField(
        _("start (as a phrase)"),
        max_length=200,
        blank=True,
        help_text=_("When the plan gives a phrase instead of a month."),
    )
    end_month = MonthField(_("end month"), null=True, blank=True)
    end_text = models.CharField(_("end (as a phrase)"), max_length=200, blank=True)
    # Carried forward from the previous programme: the work goes on, with its past rounds
    # (reporting.lineage reads the chain back).
    continues = models.ForeignKey(
        "self",
        verbose_name=_("continues"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continued_by",
        help_text=_("The activity of the previous programme this one carries forward."),
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["group", "order"]
        constraints = [
            models.UniqueConstraint(fields=["group", "order"], name="activity_unique_order"),
            models.UniqueConstraint(fields=["group", "plan_no"], name="activity_unique_plan_no"),
            models.CheckConstraint(
                condition=Q(start_month__isnull=True)
                | Q(end_month__isnull=True)
                | Q(end_month__gte=F("start_month")),
                name="activity_end_not_before_start",
            ),
        ]

    def __str__(self):
        return self.text[:100]

    def clean(self):
        errors = {}
        if self.start_month and self.end_month and self.end_month < self.start_month:
            errors["end_month"] = _("The end month cannot be before the start month.")
        for side in ("start", "end"):
            if getattr(self, f"{side}_month") and has_text(self, f"{side}_text"):
                errors[f"{side}_text"] = _("Give either a month or a phrase, not both.")
        if self.objective_id and self.group_id and self.objective.group_id != self.group_id:
            errors["objective"] = _("The objective must belong to the same working group.")
        earlier = self.continues_id and self.group_id and self.continues.group.programme_id
        if earlier and earlier == self.group.programme_id:
            errors["continues"] = _("A carried activity continues one of an earlier programme.")
        if self.topic_id and self.group_id and self.topic.group_id != self.group_id:
            errors["topic"] = _("The topic heading must belong to the same working group.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_carried(self) -> bool:
        return self.continues_id is not None

    @property
    def start_label(self) -> str:
        return month_label(self.start_month) if self.start_month else self.start_text

    @property
    def end_label(self) -> str:
        return month_label(self.end_month) if self.end_month else self.end_text
