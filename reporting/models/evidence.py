"""Evidence a group attaches to its report in a round: a file (a PDF, a Word document, a
workbook, an image) or a link, about one of its activities or outputs. The file is kept through
Django's storage API (settings.STORAGES["default"]): a folder on one machine, object storage in
production. Readers see evidence once the report it belongs to is published."""

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, Output
from core.uploads import KINDS

from .progress import GroupReport
from .rounds import ReportingRound, round_order


def evidence_path(evidence, _name) -> str:
    """Where the file is stored: a name of our own, with the extension of what the file is
    (core.uploads), never the uploader's name, which may hold anything."""
    report = evidence.report
    return f"evidence/{report.round_id}/{report.group_id}/{uuid.uuid4().hex}.{evidence.extension}"


class EvidenceQuerySet(models.QuerySet):
    def published(self):
        """Evidence readers may see: of a closed round, or of a published report."""
        shown = GroupReport.objects.filter(pk=models.OuterRef("report")).filter(
            GroupReport.published_condition()
        )
        return self.filter(Q(report__round__status=ReportingRound.Status.CLOSED) | models.Exists(shown))

    def shown(self):
        return self.select_related("activity", "output", "report__round__meeting").order_by(
            *round_order("report__round__"), "activity__order", "output__order", "pk"
        )


class Evidence(models.Model):
    """A file or a link that shows an activity's progress, or an output, as reported in a round."""

    report = models.ForeignKey(
        GroupReport, verbose_name=_("group report"), on_delete=models.CASCADE, related_name="evidence"
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
    )
    output = models.ForeignKey(
        Output,
        verbose_name=_("output"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=evidence_path, blank=True, max_length=200)
    file_name = models.CharField(
        _("file name"),
        max_length=120,
        blank=True,
        help_text=_("The name the file had, offered when it is downloaded."),
    )
    content_type = models.CharField(_("type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"))

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["report", "activity__order", "output__order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(activity__isnull=False, output__isnull=True)
                | Q(activity__isnull=True, output__isnull=False),
                name="evidence_of_an_activity_or_an_output",
                violation_error_message=_("Attach the evidence to an activity or to an output."),
            ),
            models.CheckConstraint(
                condition=(~Q(file="") & Q(url="")) | (Q(file="") & ~Q(url="")),
                name="evidence_a_file_or_a_link",
                violation_error_message=_("Give a file or a link, not both."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def extension(self) -> str:
        return self.file_name.rsplit(".", 1)[-1] if "." in self.file_name else "bin"

    @property
    def content_type_label(self) -> str:
        return next(
            (kind.label for kind in KINDS if kind.content_type == self.content_type), self.content_type
        )

    @property
    def url_host(self) -> str:
        return urlsplit(self.url).hostname or self.url

    @property
    def about(self):
        return self.activity or self.output

    def clean(self):
        about = self.about
        if about is not None and self.report_id and about.group_id != self.report.group_id:
            raise ValidationError(_("The evidence must be about one of the group's activities or outputs."))
