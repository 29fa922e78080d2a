"""What every translated record may carry: texts marked as not used in a language."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguageGaps(models.Model):
    """The two languages are not word for word parallel: a text one language leaves empty on
    purpose (an acronym the Spanish original does not use) is listed here by its localized field
    name ("acronym_es"). It is then not a missing translation, does not block issuing, and no
    other language stands in for it (core.bilingual.shown)."""

    unused_texts = models.JSONField(
        _("texts not used in a language"), default=list, blank=True,
        help_text=_("Texts left empty in a language on purpose: not a missing translation."),
    )

    class Meta:
        abstract = True
