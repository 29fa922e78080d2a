"""The reporting workflow: the rounds in which groups report to a meeting of the Executive
Committee, the progress reported in each, each group's report with its history of changes,
and the reminders sent. The tables keep the names they had when these models lived in
activities/ (migrations moved them without touching the database)."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from core.wording import ordinal
from groups.models import Meeting, Programme, WorkingGroup


class ReportingRoundQuerySet(models.QuerySet):
    def with_meeting(self):
        """Rounds with their meeting and programme, as pages name them (by the meeting's code)."""
        return self.select_related("meeting", "programme")

    def latest_for(self, programme):
        return self.filter(programme=programme).order_by("-number").first()

    def open(self):
        return self.filter(status=ReportingRound.Status.OPEN)

    def with_published_progress(self):
        """Rounds in which readers may see some progress (not only drafts)."""
        return self.filter(models.Exists(ProgressEntry.objects.published()
                                         .filter(round=models.OuterRef("pk"))))

    def latest_published(self, programme):
        return self.filter(programme=programme).with_published_progress() \
            .select_related("meeting").order_by("-number").first()

    def previous_to(self, reporting_round):
        """The round reported just before this one on the same programme, or None."""
        return self.filter(programme_id=reporting_round.programme_id,
                           number__lt=reporting_round.number).order_by("-number").first()


class ReportingRound(models.Model):
    """The progress reported to one meeting of the Executive Committee. The secretariat opens
    it, focal points report until it is closed (activities/services.py moves it along)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("not yet open")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

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
    deadline = models.DateField(
        _("deadline"), help_text=_("The last day for the groups to submit their progress."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PLANNED, editable=False)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)

    objects = ReportingRoundQuerySet.as_manager()

    class Meta:
        db_table = "activities_reportinground"
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="round_unique_number"),
            models.CheckConstraint(
                condition=Q(deadline__gte=F("opens_on")), name="round_deadline_after_opening"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="round_number_positive"),
            # Focal points report to one meeting at a time.
            models.UniqueConstraint(fields=["programme"], condition=Q(status="open"),
                                    name="round_one_open_per_programme",
                                    violation_error_message=_("Another round of this programme is open.")),
        ]
        permissions = [("open_close_reportinground", _("Can open and close reporting rounds"))]

    def __str__(self):
        return f"{self.meeting.code}: {self.title}"

    @property
    def title(self) -> str:
        from django.utils.translation import gettext

        return gettext("%(ordinal)s report") % {
            "ordinal": ordinal(self.number, feminine=False).capitalize()}

    def clean(self):
        errors = {}
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            errors["deadline"] = _("The deadline cannot be before the opening date.")
        if self.meeting_id and self.meeting.body != Meeting.Body.EXECUTIVE_COMMITTEE:
            errors["meeting"] = _("Progress is reported to a meeting of the Executive Committee.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ProgressEntryQuerySet(models.QuerySet):
    def published(self):
        """Entries readers may see: those of a closed round, or of a group whose report in its
        round has been submitted or accepted. Drafts stay with the group and the secretariat."""
        shared = GroupReport.objects.filter(
            round=models.OuterRef("round"), group=models.OuterRef("activity__group"),
            status__in=GroupReport.PUBLISHED,
        )
        return self.filter(Q(round__status=ReportingRound.Status.CLOSED) | models.Exists(shared))


class ProgressEntry(models.Model):
    """An activity's progress as reported in one round."""

    # PROTECT: a round or an activity with reported progress is part of the record.
    round = models.ForeignKey(
        ReportingRound, verbose_name=_("reporting round"), on_delete=models.PROTECT,
        related_name="entries",
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="progress"
    )
    percent = models.PositiveSmallIntegerField(
        _("progress (percentage)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    remarks = models.TextField(_("remarks"), blank=True)

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
                _("This progress entry has a history of changes and cannot be deleted; change its "
                  "values instead."), protected)
        return super().delete(*args, **kwargs)

    def clean(self):
        if (self.round_id and self.activity_id
                and self.activity.group.programme_id != self.round.programme_id):
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
    PUBLISHED = (Status.SUBMITTED, Status.ACCEPTED)

    round = models.ForeignKey(
        ReportingRound, verbose_name=_("reporting round"), on_delete=models.PROTECT,
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
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.NOT_STARTED)
    review_comment = models.TextField(
        _("secretariat's comment"), blank=True,
        help_text=_("Why the report was returned, for the group's focal points."),
    )
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    updated_at = models.DateTimeField(_("last saved at"), null=True, blank=True, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("last saved by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
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
                violation_error_message=_("Say why the report is returned."),
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

    # PROTECT: the history cannot be erased by deleting what it is the history of.
    report = models.ForeignKey(GroupReport, verbose_name=_("group report"),
                               on_delete=models.PROTECT, related_name="changes")
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="changes")
    field = models.CharField(_("field"), max_length=30)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("changed by"),
                                   on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    changed_at = models.DateTimeField(_("changed at"))
    source = models.CharField(_("made in"), max_length=10, choices=Source.choices)
    version = models.PositiveIntegerField(_("report version"))

    class Meta:
        db_table = "activities_progresschange"
        verbose_name = _("change of progress")
        verbose_name_plural = _("history of progress")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["report", "version"])]

    FIELD_LABELS = {
        "percent": _("percentage"), "remarks_en": _("remarks (English)"),
        "remarks_es": _("remarks (Spanish)"), "obstacles_en": _("main obstacles (English)"),
        "obstacles_es": _("main obstacles (Spanish)"),
        "gender_notes_en": _("gender perspective (English)"),
        "gender_notes_es": _("gender perspective (Spanish)"),
        "status": _("status"), "review_comment": _("secretariat's comment"),
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


class RoundReminder(models.Model):
    """An e-mail sent to a group's focal points about a round; each kind is sent once."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("round opened")
        DEADLINE = "deadline", _("deadline approaching")

    round = models.ForeignKey(ReportingRound, verbose_name=_("reporting round"),
                              on_delete=models.PROTECT, related_name="reminders")
    group = models.ForeignKey(WorkingGroup, verbose_name=_("working group"),
                              on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent at"))
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        db_table = "activities_roundreminder"
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [models.UniqueConstraint(fields=["round", "group", "kind"],
                                               name="reminder_sent_once")]

    def __str__(self):
        return f"{self.round} {self.group.numeral}: {self.get_kind_display()}"
