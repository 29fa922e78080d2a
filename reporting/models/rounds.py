"""A reporting round: the progress reported to one meeting (of the Executive Committee, most
often, or of the Conference itself), and the reminders sent about it."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.wording import MAX_ORDINAL, ordinal
from groups.models import Meeting, Programme, WorkingGroup


def round_order(prefix: str = "", *, descending: bool = False) -> tuple:
    """A programme's rounds in the order they were reported: by number, those without one (past
    rounds whose document gives none) first, by their meeting's date. The same on SQLite and
    PostgreSQL, which otherwise put NULLs at opposite ends. `prefix`: the path to the round
    ("round__" from an entry)."""
    number = F(f"{prefix}number")
    if descending:
        return (number.desc(nulls_last=True), F(f"{prefix}meeting__start_date").desc())
    return (number.asc(nulls_first=True), F(f"{prefix}meeting__start_date").asc())


def rounds_up_to(reporting_round, prefix: str = "") -> Q:
    """The rounds of `reporting_round`'s programme up to it, itself included, in round_order."""
    numberless = Q(**{f"{prefix}number__isnull": True})
    same = Q(**{f"{prefix}programme_id": reporting_round.programme_id})
    if reporting_round.number is None:
        held = Q(**{f"{prefix}meeting__start_date__lte": reporting_round.meeting.start_date})
        return same & numberless & held
    return same & (numberless | Q(**{f"{prefix}number__lte": reporting_round.number}))


class ReportingRoundQuerySet(models.QuerySet):
    def with_meeting(self):
        """Rounds with their meeting and programme, as pages name them (by the meeting's code)."""
        return self.select_related("meeting", "programme")

    def open(self):
        return self.filter(status=ReportingRound.Status.OPEN)

    def with_published_progress(self):
        """Rounds in which readers may see some progress (not only drafts)."""
        from .progress import ProgressEntry  # progress.py imports this module

        return self.filter(
            models.Exists(ProgressEntry.objects.published().filter(round=models.OuterRef("pk")))
        )

    def latest_published(self, programme):
        return (
            self.filter(programme=programme)
            .with_published_progress()
            .select_related("meeting")
            .order_by(*round_order(descending=True))
            .first()
        )

    def previous_to(self, reporting_round):
        """The round reported just before this one on the same programme (round_order), or None."""
        earlier = self.filter(rounds_up_to(reporting_round)).exclude(pk=reporting_round.pk)
        if reporting_round.number is None:
            # Among rounds without a number, one of the same day would otherwise be either side.
            earlier = earlier.filter(meeting__start_date__lt=reporting_round.meeting.start_date)
        return earlier.order_by(*round_order(descending=True)).first()


class ReportingRound(models.Model):
    """The progress reported to one meeting (of the Executive Committee or of the Conference).
    The secretariat opens it, focal points report until it is closed; a past round is recorded
    closed at once (reporting/services/rounds.py moves it along)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("not yet open")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    class Form(models.TextChoices):
        """What the groups report: a percentage per activity, their progress as paragraphs, or both."""

        PERCENTAGES = "percentages", _("a percentage per activity")
        NARRATIVE = "narrative", _("progress as a narrative")
        BOTH = "both", _("both: percentages and a narrative")

    class Publication(models.TextChoices):
        """When readers see a group's figures before the round closes."""

        ON_SUBMISSION = "submission", _("when the group submits them")
        ON_ACCEPTANCE = "acceptance", _("when the secretariat accepts them")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="rounds"
    )
    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("meeting reported to"),
        on_delete=models.PROTECT,
        related_name="reporting_round",
    )
    # A past round takes only what its document gives: no number ("the report of the group to
    # the meeting") and no dates are invented, since whatever is stored is printed.
    number = models.PositiveSmallIntegerField(
        _("report number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ORDINAL)],
        help_text=_(
            "2 for the second report on the implementation of the programme. Leave it empty for a "
            "past round whose document gives no number: its title then has no ordinal."
        ),
    )
    opens_on = models.DateField(
        _("opening date"),
        null=True,
        blank=True,
        help_text=_("Needed to open the round; a past round may have none."),
    )
    deadline = models.DateField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_(
            "The last day for the groups to submit their progress. Needed to open the round; a past "
            "round may have none."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED, editable=False
    )
    progress_form = models.CharField(
        _("what the groups report"), max_length=12, choices=Form.choices, default=Form.PERCENTAGES
    )
    publish_on = models.CharField(
        _("published"),
        max_length=10,
        choices=Publication.choices,
        # Figures carry the secretariat's name once published, so by default they wait for its
        # review (issue 26); rounds made before keep the setting they were made with.
        default=Publication.ON_ACCEPTANCE,
        help_text=_(
            "When the secretariat accepts them: a group's figures stay off the public pages, the "
            "documents and the API until the secretariat has reviewed and accepted its group report "
            "(or the round closes). When the group submits them: readers see them at once, before "
            "any review, and a report returned to its group disappears again until it is resubmitted."
        ),
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)

    objects = ReportingRoundQuerySet.as_manager()

    class Meta:
        db_table = "activities_reportinground"
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["programme", *round_order()]
        constraints = [
            # Rounds without a number are not one another's duplicates (NULLs are distinct).
            models.UniqueConstraint(fields=["programme", "number"], name="round_unique_number"),
            models.CheckConstraint(
                condition=Q(deadline__isnull=True)
                | Q(opens_on__isnull=True)
                | Q(deadline__gte=F("opens_on")),
                name="round_deadline_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=1), name="round_number_positive"
            ),
            # Focal points are told when and until when they report: an open round has both dates.
            models.CheckConstraint(
                condition=~Q(status="open") | Q(opens_on__isnull=False, deadline__isnull=False),
                name="round_open_has_dates",
                violation_error_message=_("Give the round its opening date and deadline before opening it."),
            ),
            # Focal points report to one meeting at a time.
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(status="open"),
                name="round_one_open_per_programme",
                violation_error_message=_("Another round of this programme is open."),
            ),
        ]
        permissions = [("open_close_reportinground", _("Can open and close reporting rounds"))]

    def __str__(self):
        return f"{self.meeting.code}: {self.title}"

    @property
    def title(self) -> str:
        """ "Second report"; "Report" for a round whose document gives no number, so that no
        invented ordinal is printed."""
        from django.utils.translation import gettext, pgettext

        if self.number is None:
            return pgettext("a round without a number", "Report")
        return gettext("%(ordinal)s report") % {"ordinal": ordinal(self.number, feminine=False).capitalize()}

    @property
    def order_key(self) -> tuple:
        """The round's place in round_order(), to sort rounds already read (with their meeting)."""
        return (self.number is not None, self.number or 0, self.meeting.start_date)

    def clean(self):
        errors = {}
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            errors["deadline"] = _("The deadline cannot be before the opening date.")
        # Groups report on the programme in force: a draft has nothing to report on until approved.
        if self.programme_id and self.programme.is_draft:
            errors["programme"] = _("A round reports on an approved programme; this one is still a draft.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def asks_percentages(self) -> bool:
        return self.progress_form != self.Form.NARRATIVE

    @property
    def asks_narrative(self) -> bool:
        return self.progress_form != self.Form.PERCENTAGES


class RoundReminder(models.Model):
    """An e-mail sent to a group's focal points about a round; each kind is sent once."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("round opened")
        DEADLINE = "deadline", _("deadline approaching")

    round = models.ForeignKey(
        ReportingRound, verbose_name=_("reporting round"), on_delete=models.PROTECT, related_name="reminders"
    )
    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent at"))
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        db_table = "activities_roundreminder"
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [models.UniqueConstraint(fields=["round", "group", "kind"], name="reminder_sent_once")]

    def __str__(self):
        return f"{self.round} {self.group.numeral}: {self.get_kind_display()}"
