"""The conversations between the secretariat and a group's focal points: about a group report,
and about a group's proposal for the next programme. Each message dated and signed, kept through
every return and acceptance (the review's own comments are messages of it too), so that what was
asked and answered stays with what it is about."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.limits import REMARK, limited

from .progress import GroupReport


class ReportCommentQuerySet(models.QuerySet):
    def thread(self):
        """Oldest first, as a conversation reads, with whoever wrote each message."""
        return self.select_related("author").order_by("created_at", "pk")


class Message(models.Model):
    """One message of a conversation, from the secretariat or from the group; the concrete
    models add what it is about."""

    class Side(models.TextChoices):
        SECRETARIAT = "secretariat", _("the secretariat")
        GROUP = "group", _("the group")

    class Decision(models.TextChoices):
        """The review the message came with, if any: a comment on returning or on accepting."""

        NONE = "", _("none")
        RETURNED = "returned", _("returned to the group")
        ACCEPTED = "accepted", _("accepted")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Which side wrote it, as it stood then: a person's role may change afterwards.
    side = models.CharField(_("from"), max_length=12, choices=Side.choices)
    decision = models.CharField(_("with the review"), max_length=10, choices=Decision.choices, blank=True)
    body = models.TextField(_("message"), **limited(REMARK))
    # The page's language when it was written: the language its author reads (notifications).
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, blank=True)
    created_at = models.DateTimeField(_("written at"))

    objects = ReportCommentQuerySet.as_manager()

    class Meta:
        abstract = True


class ReportComment(Message):
    """One message about a group report."""

    # PROTECT, like the history: a report with a conversation is part of the record.
    report = models.ForeignKey(
        GroupReport, verbose_name=_("group report"), on_delete=models.PROTECT, related_name="comments"
    )

    class Meta:
        verbose_name = _("message about a group report")
        verbose_name_plural = _("messages about group reports")
        ordering = ["report", "created_at", "pk"]
        indexes = [models.Index(fields=["report", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=~models.Q(body=""), name="report_comment_not_empty"),
        ]

    def __str__(self):
        return f"{self.report}: {self.body[:40]}"
