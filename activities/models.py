"""A working group's plan: its objectives, topic headings, activities with their schedule,
and outputs. What is reported on them lives in reporting/."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.bilingual import has_text
from core.limits import SHORT, limited
from core.models import LanguageGaps
from core.wording import join_and, month_label, roman
from groups.models import Institution, WorkingGroup

from .fields import MonthField


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

    def reported_in(self, reporting_round):
        """Activities with a progress entry in the round, in the group's order."""
        return self.filter(progress__round=reporting_round).order_by("group__number", "order")


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
        if self.topic_id and self.group_id and self.topic.group_id != self.group_id:
            errors["topic"] = _("The topic heading must belong to the same working group.")
        if errors:
            raise ValidationError(errors)

    @property
    def start_label(self) -> str:
        return month_label(self.start_month) if self.start_month else self.start_text

    @property
    def end_label(self) -> str:
        return month_label(self.end_month) if self.end_month else self.end_text


class Output(LanguageGaps):
    """A deliverable the group submits to the Conference, under the objective it serves when
    the report groups them so; its timetable is a phrase ("First half of 2021"), and a group
    whose plan has no activities by month prints its outputs as the plan."""

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="outputs",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.TextField(_("output"), **limited(SHORT))
    by_coordinating_countries = models.BooleanField(_("responsible: coordinating countries"), default=False)
    by_member_countries = models.BooleanField(_("responsible: member countries"), default=False)
    institutions = models.ManyToManyField(
        Institution, verbose_name=_("responsible institutions"), blank=True, related_name="outputs"
    )
    timetable = models.CharField(_("timetable or status"), max_length=300, blank=True)
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("programme objective"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outputs",
    )
    agency = models.CharField(
        _("agency responsible, as written"),
        max_length=500,
        blank=True,
        help_text=_(
            "The document's own words. Empty: written from the responsible countries and institutions above."
        ),
    )

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["group", "order"]
        constraints = [
            models.UniqueConstraint(fields=["group", "order"], name="output_unique_order"),
        ]

    def __str__(self):
        return self.text[:100]

    def clean(self):
        if self.objective_id and self.group_id and self.objective.group_id != self.group_id:
            raise ValidationError({"objective": _("The objective must belong to the same working group.")})

    def responsible_names(self) -> list[str]:
        """The agencies responsible, as the output table lists them."""
        from django.utils.translation import gettext

        from core.bilingual import shown

        names = []
        if self.by_coordinating_countries:
            names.append(gettext("Coordinating countries"))
        if self.by_member_countries:
            names.append(gettext("Member countries"))
        return names + [shown(i, "name").text for i in self.institutions.all()]

    def agency_phrase(self) -> str:
        """ "Coordinating countries and Instituto Nacional de Estadística y Censos (INEC) del
        Ecuador": the clerk's own words in the active language, or a phrase written from the
        roles, joined with the language's "and"."""
        from core.bilingual import shown

        written = shown(self, "agency")
        if written.text and not written.untranslated:
            return written.text
        names = self.responsible_names()[: self.by_coordinating_countries + self.by_member_countries]
        names += [i.as_phrase() for i in self.institutions.all()]
        # Nothing to write it from: the other language's words stand in rather than nothing.
        return join_and(names) or written.text
