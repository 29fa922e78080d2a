"""What a group reports in a round: an entry per activity, the group's report with its status
and version, and the history of every changed value."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from core.limits import NOTE, PARAGRAPHS, REMARK, limited
from groups.models import WorkingGroup

from .rounds import ReportingRound


class ProgressEntryQuerySet(models.QuerySet):
    def published(self):
        """Entries readers may see: those of a closed round, or of a group whose report in its
        round has been submitted or accepted. Drafts stay with the group and the secretariat."""
        shared = GroupReport.objects.filter(
            round=models.OuterRef("round"),
            group=models.OuterRef("activity__group"),
        ).filter(GroupReport.published_condition())
        return self.filter(Q(round__status=ReportingRound.Status.CLOSED) | models.Exists(shared))


class ProgressEntry(models.Model):
    """An activity's progress as reported in one round."""

    # PROTECT: a round or an activity with reported progress is part of the record.
    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("reporting round"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="progress"
    )
    percent = models.PositiveSmallIntegerField(
        _("progress (percentage)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    remarks = models.TextField(_("remarks"), blank=True, **limited(REMARK))

    objects = ProgressEntryQuerySet.as_manager()

    class Meta:
        db_table = "activities_progressentry"
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

    def history(self):
        """The changes recorded for this entry's activity in its group's report of the round."""
        return ProgressChange.objects.filter(report__round_id=self.round_id, activity_id=self.activity_id)

    def delete(self, *args, **kwargs):
        # Refused like a PROTECT foreign key: its history would lose what it is about. Clearing
        # a percentage in the progress form removes an entry through the services, recorded.
        protected = list(self.history()[:5])
        if protected:
            raise models.ProtectedError(
                _(
                    "This progress entry has a history of changes and cannot be deleted; change its "
                    "values instead."
                ),
                protected,
            )
        return super().delete(*args, **kwargs)

    def clean(self):
        if self.round_id and self.activity_id and self.activity.group.programme_id != self.round.programme_id:
            raise ValidationError(
                {"activity": _("The activity belongs to another programme than the round.")}
            )


class GroupReport(models.Model):
    """What a group reports in a round beyond its activities, and where its submission stands.
    `version` grows with every saved change, so that a save based on an older version is
    refused instead of overwriting someone else's work."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned with comments")
        ACCEPTED = "accepted", _("accepted")

    # Focal points may change their report in these states (while the round is open).
    EDITABLE = (Status.NOT_STARTED, Status.DRAFT, Status.RETURNED)

    @classmethod
    def published_condition(cls) -> Q:
        """Group reports readers may see before their round closes: accepted ones, and submitted ones
        where the round publishes on submission (ReportingRound.publish_on)."""
        return Q(status=cls.Status.ACCEPTED) | Q(
            status=cls.Status.SUBMITTED, round__publish_on=ReportingRound.Publication.ON_SUBMISSION
        )

    @property
    def is_published(self) -> bool:
        """What published_condition() says of this group report, or its round is closed."""
        return (
            self.round.status == self.round.Status.CLOSED
            or self.status == self.Status.ACCEPTED
            or (
                self.status == self.Status.SUBMITTED
                and self.round.publish_on == ReportingRound.Publication.ON_SUBMISSION
            )
        )

    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("reporting round"),
        on_delete=models.PROTECT,
        related_name="group_reports",
    )
    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="group_reports",
    )
    output_as_reported = models.CharField(
        _("output as titled in the group report"),
        max_length=400,
        blank=True,
        help_text=_("Only when the group report titles the output differently from the programme."),
    )
    progress_narrative = models.TextField(
        _("progress to date"),
        blank=True,
        **limited(PARAGRAPHS),
        help_text=_("The group's progress as paragraphs, where its round asks for a narrative."),
    )
    obstacles = models.TextField(_("main obstacles"), blank=True, **limited(NOTE))
    gender_notes = models.TextField(_("mainstreaming of the gender perspective"), blank=True, **limited(NOTE))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    review_comment = models.TextField(
        _("secretariat's comment"),
        blank=True,
        **limited(REMARK),
        help_text=_("Why the group report was returned, for its focal points."),
    )
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    updated_at = models.DateTimeField(_("last saved at"), null=True, blank=True, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last saved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)

    class Meta:
        db_table = "activities_groupreport"
        verbose_name = _("group report")
        verbose_name_plural = _("group reports")
        ordering = ["round", "group__number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "group"], name="group_report_one_per_round"),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(review_comment=""),
                name="group_report_returned_with_comment",
                violation_error_message=_("Say why the group report is returned."),
            ),
        ]
        permissions = [("review_groupreport", _("Can return or accept a group's report"))]

    def __str__(self):
        return f"{self.group} — {self.round}"

    def clean(self):
        if self.round_id and self.group_id and self.group.programme_id != self.round.programme_id:
            raise ValidationError({"group": _("The group belongs to another programme than the round.")})


class ProgressChange(models.Model):
    """One changed value of a group's progress: who changed it, when, from what, to what and
    where (the progress form, the admin or an imported workbook)."""

    class Source(models.TextChoices):
        FORM = "form", _("progress form")
        ADMIN = "admin", _("administration")
        IMPORT = "import", _("spreadsheet import")
        FIXTURES = "fixtures", _("fixture files")
        API = "api", _("API")
        # The secretariat changing a group's values itself ("Correct it myself"), not the group.
        CORRECTION = "correction", _("the secretariat's correction")

    # PROTECT: the history cannot be erased by deleting what it is the history of.
    report = models.ForeignKey(
        GroupReport, verbose_name=_("group report"), on_delete=models.PROTECT, related_name="changes"
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="changes",
    )
    field = models.CharField(_("field"), max_length=30)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"))
    source = models.CharField(_("made in"), max_length=10, choices=Source.choices)
    version = models.PositiveIntegerField(_("group report version"))
    # Why the secretariat changed a closed round's values (the group's figures as recorded then):
    # required for such a correction, empty for every other change.
    reason = models.TextField(_("reason for the correction"), blank=True, **limited(REMARK))

    class Meta:
        db_table = "activities_progresschange"
        verbose_name = _("change of progress")
        verbose_name_plural = _("history of progress")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["report", "version"])]

    FIELD_LABELS = {
        "percent": _("percentage"),
        "remarks_en": _("remarks (English)"),
        "remarks_es": _("remarks (Spanish)"),
        "progress_narrative_en": _("progress to date (English)"),
        "progress_narrative_es": _("progress to date (Spanish)"),
        "obstacles_en": _("main obstacles (English)"),
        "obstacles_es": _("main obstacles (Spanish)"),
        "gender_notes_en": _("gender perspective (English)"),
        "gender_notes_es": _("gender perspective (Spanish)"),
        "status": _("status"),
        "review_comment": _("secretariat's comment"),
        "evidence": _("evidence"),
        "output_evidence": _("evidence of an output"),
    }

    def __str__(self):
        return f"{self.field}: {self.old_value[:30]} -> {self.new_value[:30]}"

    @property
    def field_label(self) -> str:
        return self.FIELD_LABELS.get(self.field, self.field)

    def _shown(self, value):
        if self.field == "status" and value:
            return GroupReport.Status(value).label
        return value

    @property
    def old_shown(self):
        return self._shown(self.old_value)

    @property
    def new_shown(self):
        return self._shown(self.new_value)
