"""What a network reports beyond a working group's plan: its events, its figures and its links
(its council is a kind of role, GroupRole.Role.COUNCIL)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import LanguageGaps
from core.wording import day_range_label

from .working_groups import WorkingGroup


class Event(LanguageGaps):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("workshop")
        SEMINAR = "seminar", _("seminar")
        COURSE = "course", _("course")
        MEETING = "meeting", _("meeting")
        OTHER = "other", _("other event")

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=400)
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("Empty for a virtual event.")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["group", "order"]
        constraints = [
            models.UniqueConstraint(fields=["group", "order"], name="event_unique_order"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="event_end_not_before_start"
            ),
        ]

    def __str__(self):
        return self.title[:100]

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The event cannot end before it starts.")})

    @property
    def dates(self) -> str:
        return day_range_label(self.start_date, self.end_date)


class Figure(LanguageGaps):
    """A count the network reports: activities held, participants, visits to its site."""

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="figures",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    label = models.CharField(_("what is counted"), max_length=200)
    value = models.PositiveIntegerField(_("number"))

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = ["group", "order"]
        constraints = [
            models.UniqueConstraint(fields=["group", "order"], name="figure_unique_order"),
        ]

    def __str__(self):
        return f"{self.label}: {self.value}"


class Link(LanguageGaps):
    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="links",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    label = models.CharField(_("label"), max_length=200)
    url = models.URLField(_("address"), max_length=500)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["group", "order"]
        constraints = [
            models.UniqueConstraint(fields=["group", "order"], name="link_unique_order"),
        ]

    def __str__(self):
        return self.label
