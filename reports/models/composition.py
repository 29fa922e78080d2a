"""A document's composition: the parts it prints, in order, with their headings, and how it
words a country or an institution in one language. The parts each kind may have, their default
headings and what data they need are in reports/kinds.py; the numbering and the table variants
are fields of the document."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from groups.models import Country, Institution

from .documents import Document


class DocumentPart(models.Model):
    """A part the document prints. A document without any prints its kind's default parts."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="parts"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    part = models.CharField(_("part"), max_length=30)
    within = models.BooleanField(
        _("inside the part before"),
        default=False,
        help_text=_("Lettered (a), (b) ... inside the numbered part before it."),
    )
    heading = models.CharField(
        _("heading"), max_length=300, blank=True, help_text=_("Empty: the kind's own heading.")
    )
    print_empty = models.BooleanField(
        _("print when empty"),
        default=False,
        help_text=_("Otherwise a part without data is left out, and the parts after it take its number."),
    )

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("composition: the parts it prints, in order")
        ordering = ["document", "order"]
        constraints = [
            models.UniqueConstraint(fields=["document", "order"], name="document_part_unique_order"),
            models.UniqueConstraint(fields=["document", "part"], name="document_part_once"),
        ]

    def __str__(self):
        return self.part

    def clean(self):
        kind = self.document.kind_class if self.document_id else None
        if kind is not None and self.part not in kind.parts:
            raise ValidationError({"part": _("This kind of document has no such part.")})


class DocumentWording(models.Model):
    """How the document names a country or an institution in one language, in its lists, when
    it differs from the record ("Bolivia (Plurinational State of)", an institution without its
    acronym). The records stay as they are."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="wordings"
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(
        _("name in this document"), max_length=255, blank=True, help_text=_("Empty: the record's name.")
    )
    without_acronym = models.BooleanField(_("without its acronym"), default=False)

    class Meta:
        verbose_name = _("wording in this document")
        verbose_name_plural = _("wording in this document")
        ordering = ["document", "language", "pk"]
        constraints = [
            models.CheckConstraint(
                name="document_wording_names_one_record",
                condition=Q(country__isnull=True, institution__isnull=False)
                | Q(country__isnull=False, institution__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["document", "language", "country"], name="document_wording_country_once"
            ),
            models.UniqueConstraint(
                fields=["document", "language", "institution"], name="document_wording_institution_once"
            ),
        ]

    def __str__(self):
        return f"{self.country or self.institution} ({self.language})"

    def clean(self):
        if (self.country_id is None) == (self.institution_id is None):
            raise ValidationError(_("Name either a country or an institution."))
        if self.country_id and self.without_acronym:
            raise ValidationError({"without_acronym": _("A country has no acronym.")})
        if not self.name and not self.without_acronym:
            raise ValidationError(
                {"name": _("Give the name this document writes, or leave out the acronym.")}
            )
