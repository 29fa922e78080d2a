"""The drafting of the next programme: the secretariat opens it, each group proposes its
programme of work for the new years starting from its current one, the secretariat reviews the
proposals as it reviews reports, and records the Conference's approval.

The draft programme is an ordinary Programme (status draft) whose groups are the proposals'
groups, edited with the same models as any group: the documents, pages, API and workbooks read
it as they read any programme, and approval only changes its status."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.limits import REMARK, limited
from groups.models import Country, Meeting, Programme, WorkingGroup

from .comments import Message


class Drafting(models.Model):
    """The drafting of one programme, from its opening to the Conference's approval."""

    class Status(models.TextChoices):
        OPEN = "open", _("open to proposals")
        APPROVED = "approved", _("approved by the Conference")

    programme = models.OneToOneField(
        Programme, verbose_name=_("draft programme"), on_delete=models.PROTECT, related_name="drafting"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting that will approve it"),
        on_delete=models.PROTECT,
        related_name="draftings",
        help_text=_("The meeting of the Conference the draft programme goes to."),
    )
    deadline = models.DateField(_("deadline for proposals"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(_("opened at"))

    class Meta:
        verbose_name = _("drafting of a programme")
        verbose_name_plural = _("draftings of programmes")
        ordering = ["-programme__start_year"]
        permissions = [("manage_drafting", _("Can open, publish and approve the drafting of a programme"))]

    def __str__(self):
        return str(self.programme)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def clean(self):
        if self.meeting_id and self.meeting.body != Meeting.Body.CONFERENCE:
            raise ValidationError({"meeting": _("A programme is approved at a meeting of the Conference.")})


class ProposalQuerySet(models.QuerySet):
    def with_groups(self):
        """Proposals with their group, the group they continue and their drafting's programme."""
        return self.select_related("group", "continues__programme", "drafting__programme", "proposer")

    def accepted(self):
        return self.filter(status=Proposal.Status.ACCEPTED)


class Proposal(models.Model):
    """A group's proposal for the next programme: its group in the draft programme (the texts,
    roles, objectives, activities, outputs and financing it proposes) and where its review
    stands. A continuing group's proposal starts as a copy of the group it continues; a new
    group's, proposed by the secretariat or a country it names, starts empty. A group may
    propose to end: its proposal then keeps no group once the programme is approved."""

    class Status(models.TextChoices):
        # In a context of their own: Spanish words them for "la propuesta" (feminine).
        NOT_STARTED = "not_started", pgettext_lazy("proposal", "not started")
        DRAFT = "draft", pgettext_lazy("proposal", "draft")
        SUBMITTED = "submitted", pgettext_lazy("proposal", "submitted")
        RETURNED = "returned", pgettext_lazy("proposal", "returned with comments")
        ACCEPTED = "accepted", pgettext_lazy("proposal", "accepted")

    # The focal points may change their proposal in these states (while the drafting is open).
    EDITABLE = (Status.NOT_STARTED, Status.DRAFT, Status.RETURNED)

    drafting = models.ForeignKey(
        Drafting, verbose_name=_("drafting"), on_delete=models.PROTECT, related_name="proposals"
    )
    # SET_NULL: an ending group's copy goes at approval; the proposal and its conversation stay.
    group = models.OneToOneField(
        WorkingGroup,
        verbose_name=_("proposed group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
    )
    continues = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("group it continues"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        help_text=_("Empty for a new group."),
    )
    proposer = models.ForeignKey(
        Country,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        help_text=_(
            "For a new group: the country the secretariat names to propose it (empty: the secretariat)."
        ),
    )
    ends = models.BooleanField(
        _("proposes to end"),
        default=False,
        help_text=_("The group proposes to end with the current programme."),
    )
    end_reason = models.TextField(_("why the group ends"), blank=True, **limited(REMARK))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED, editable=False
    )
    # Grows with every saved change, so a save based on an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("last changed"), null=True, blank=True, editable=False)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal for the next programme")
        verbose_name_plural = _("proposals for the next programme")
        ordering = ["drafting", "group__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["drafting", "continues"],
                condition=Q(continues__isnull=False),
                name="proposal_one_per_continuing_group",
            ),
            # A group ending keeps no activities to propose; a new group has nothing to end.
            models.CheckConstraint(
                condition=Q(ends=False) | Q(continues__isnull=False), name="proposal_only_continuing_ends"
            ),
            models.CheckConstraint(
                condition=Q(proposer__isnull=True) | Q(continues__isnull=True),
                name="proposal_proposer_only_for_new_group",
            ),
        ]

    def __str__(self):
        group = self.group or self.continues
        return f"{self.drafting}: {group.numeral if group else '?'} {group.name if group else ''}".strip()

    @property
    def is_new_group(self) -> bool:
        return self.continues_id is None

    @property
    def is_editable(self) -> bool:
        return self.drafting.is_open and self.status in self.EDITABLE

    def clean(self):
        if self.continues_id and self.drafting_id:
            follows = self.drafting.programme.follows_id
            if follows and self.continues.programme_id != follows:
                raise ValidationError(
                    {"continues": _("A proposal continues a group of the programme the draft follows.")}
                )


class ProposalComment(Message):
    """One message about a group's proposal."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.PROTECT, related_name="comments"
    )

    class Meta:
        verbose_name = _("message about a proposal")
        verbose_name_plural = _("messages about proposals")
        ordering = ["proposal", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="proposal_comment_not_empty"),
        ]

    def __str__(self):
        return f"{self.proposal}: {self.body[:40]}"


class ProposalReminder(models.Model):
    """An e-mail sent to a group's focal points about the drafting; each kind is sent once."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("drafting opened")
        DEADLINE = "deadline", _("deadline approaching")

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent at"))
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        verbose_name = _("reminder about a proposal")
        verbose_name_plural = _("reminders about proposals")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "kind"], name="proposal_reminder_sent_once"),
        ]

    def __str__(self):
        return f"{self.proposal}: {self.get_kind_display()}"


__all__ = ["Drafting", "Proposal", "ProposalComment", "ProposalReminder"]
