"""The plan and its progress: objectives, activities with their schedule, outputs,
reporting rounds and the progress reported in each."""
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from groups.bilingual import has_text
from groups.models import Institution, Meeting, Programme, WorkingGroup
from groups.wording import month_label, ordinal

from .fields import MonthField


class Objective(models.Model):
    class Kind(models.TextChoices):
        GENERAL = "general", _("general objective")
        SPECIFIC = "specific", _("specific objective")

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE,
        related_name="objectives",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("short title"), max_length=200, blank=True)
    text = models.TextField(_("description"))

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["group", "kind", "order"]  # "general" sorts before "specific"
        constraints = [
            models.UniqueConstraint(fields=["group", "kind", "order"], name="objective_unique_order"),
        ]

    def __str__(self):
        return self.title or self.text[:80]


class Topic(models.Model):
    """A heading shared by several activities of a group (e.g. a chapter of the output)."""

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE,
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


class Activity(models.Model):
    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE,
        related_name="activities",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("activity"))
    plan_no = models.PositiveSmallIntegerField(
        _("number in the plan"), null=True, blank=True,
        help_text=_("Its number in the programme's plan of activities; empty when it was added later."),
    )
    objective = models.ForeignKey(
        Objective, verbose_name=_("programme objective"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="activities",
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic heading"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="activities",
    )
    coordination = models.CharField(_("coordination"), max_length=300, blank=True)
    start_month = MonthField(_("start month"), null=True, blank=True)
    start_text = models.CharField(
        _("start (as a phrase)"), max_length=200, blank=True,
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
                condition=Q(start_month__isnull=True) | Q(end_month__isnull=True)
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


class Output(models.Model):
    """A deliverable the group submits to the Conference."""

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE,
        related_name="outputs",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.TextField(_("output"))
    by_coordinating_countries = models.BooleanField(_("responsible: coordinating countries"), default=False)
    by_member_countries = models.BooleanField(_("responsible: member countries"), default=False)
    institutions = models.ManyToManyField(
        Institution, verbose_name=_("responsible institutions"), blank=True, related_name="outputs"
    )
    timetable = models.CharField(_("timetable or status"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["group", "order"]
        constraints = [
            models.UniqueConstraint(fields=["group", "order"], name="output_unique_order"),
        ]

    def __str__(self):
        return self.text[:100]

    def responsible_names(self) -> list[str]:
        """The agencies responsible, as the output table lists them."""
        from django.utils.translation import gettext

        from groups.bilingual import shown

        names = []
        if self.by_coordinating_countries:
            names.append(gettext("Coordinating countries"))
        if self.by_member_countries:
            names.append(gettext("Member countries"))
        return names + [shown(i, "name").text for i in self.institutions.all()]


class ReportingRoundQuerySet(models.QuerySet):
    def latest_for(self, programme):
        return self.filter(programme=programme).order_by("-number").first()


class ReportingRound(models.Model):
    """The progress reported to one meeting of the Executive Committee."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="rounds"
    )
    meeting = models.OneToOneField(
        Meeting, verbose_name=_("Executive Committee meeting"), on_delete=models.PROTECT,
        related_name="reporting_round",
    )
    number = models.PositiveSmallIntegerField(
        _("report number"), validators=[MinValueValidator(1)],
        help_text=_("2 for the second report on the programme."),
    )
    opens_on = models.DateField(_("opening date"))
    closes_on = models.DateField(_("closing date"))

    objects = ReportingRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="round_unique_number"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="round_closes_after_opening"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="round_number_positive"),
        ]

    def __str__(self):
        return f"{self.meeting.code}: {self.title}"

    @property
    def title(self) -> str:
        from django.utils.translation import gettext

        return gettext("%(ordinal)s report") % {
            "ordinal": ordinal(self.number, feminine=False).capitalize()}

    def clean(self):
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("The round cannot close before it opens.")
        if self.meeting_id and self.meeting.body != Meeting.Body.EXECUTIVE_COMMITTEE:
            errors["meeting"] = _("Progress is reported to a meeting of the Executive Committee.")
        if errors:
            raise ValidationError(errors)


class ProgressEntry(models.Model):
    """An activity's progress as reported in one round."""

    round = models.ForeignKey(
        ReportingRound, verbose_name=_("reporting round"), on_delete=models.CASCADE,
        related_name="entries",
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="progress"
    )
    percent = models.PositiveSmallIntegerField(
        _("progress (percentage)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    remarks = models.TextField(_("remarks"), blank=True)

    class Meta:
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        ordering = ["round", "activity__group__number", "activity__order"]
        constraints = [
            models.UniqueConstraint(fields=["round", "activity"], name="progress_one_per_activity_and_round"),
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100), name="progress_percent_0_100"
            ),
        ]

    def __str__(self):
        return f"{self.activity} — {self.percent}%"

    def clean(self):
        if (self.round_id and self.activity_id
                and self.activity.group.programme_id != self.round.programme_id):
            raise ValidationError(
                {"activity": _("The activity belongs to another programme than the round.")}
            )


class GroupReport(models.Model):
    """What a group reports in a round beyond its activities."""

    round = models.ForeignKey(
        ReportingRound, verbose_name=_("reporting round"), on_delete=models.CASCADE,
        related_name="group_reports",
    )
    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE,
        related_name="round_reports",
    )
    output_as_reported = models.CharField(
        _("output as titled in the report"), max_length=400, blank=True,
        help_text=_("Only when the report titles the output differently from the programme."),
    )
    obstacles = models.TextField(_("main obstacles"), blank=True)
    gender_notes = models.TextField(_("mainstreaming of the gender perspective"), blank=True)

    class Meta:
        verbose_name = _("group report")
        verbose_name_plural = _("group reports")
        ordering = ["round", "group__number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "group"], name="group_report_one_per_round"),
        ]

    def __str__(self):
        return f"{self.group} — {self.round}"

    def clean(self):
        if self.round_id and self.group_id and self.group.programme_id != self.round.programme_id:
            raise ValidationError({"group": _("The group belongs to another programme than the round.")})
