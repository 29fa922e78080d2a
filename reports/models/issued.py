"""The files of an issued document, stored as they were issued and served unchanged."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .documents import Document


class IssuedFile(models.Model):
    """The PDF or the Word file of an issued document in one language, stored as it was issued
    and served unchanged from then on."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (.docx)"

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="issued_files"
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices, default=Format.PDF)
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("issued file")
        verbose_name_plural = _("issued files")
        ordering = ["document", "language", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language", "format"], name="issued_file_one_per_language_and_format"
            ),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="issued_file_sha256_hex"
            ),
        ]

    def __str__(self):
        return f"{self.document} ({self.language}, {self.format})"
