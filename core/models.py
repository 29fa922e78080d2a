"""What every translated record may carry: texts marked as not used in a language."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguageGaps(models.Model):
    """The two languages are not word for word parallel: a text one language leaves empty on
    purpose (an acronym the Spanish original does not use) is listed here by its localized field
    name ("acronym_es"). It is then not a missing translation, does not block issuing, and no
    other language stands in for it (core.bilingual.shown)."""

    unused_texts = models.JSONField(
        _("texts not used in a language"),
        default=list,
        blank=True,
        help_text=_("Texts left empty in a language on purpose: not a missing translation."),
    )

    class Meta:
        abstract = True

    @classmethod
    def translated_texts(cls) -> list[str]:
        """The localized field names a record may mark: "acronym_en", "acronym_es", ..."""
        from modeltranslation.translator import translator
        from modeltranslation.utils import build_localized_fieldname

        from .bilingual import LANGUAGES

        names = translator.get_options_for_model(cls).get_field_names()
        return [build_localized_fieldname(name, lang) for name in names for lang in LANGUAGES]

    def clean_fields(self, exclude=None):
        """A marked text is one of the record's translated texts, and empty: a text written in
        a language is used in it."""
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "unused_texts" not in (exclude or ()) and "unused_texts" not in errors:
            known = self.translated_texts()
            unknown = [name for name in self.unused_texts or () if name not in known]
            filled = [name for name in self.unused_texts or () if name in known and getattr(self, name)]
            if unknown:
                errors.setdefault("unused_texts", []).append(
                    ValidationError(
                        _("%(names)s: no such text; the texts are %(known)s.")
                        % {"names": ", ".join(unknown), "known": ", ".join(known)}
                    )
                )
            if filled:
                errors.setdefault("unused_texts", []).append(
                    ValidationError(
                        _("%(names)s: marked as not used, yet written; empty it or unmark it.")
                        % {"names": ", ".join(filled)}
                    )
                )
        if errors:
            raise ValidationError(errors)


from .outbox import OutgoingEmail  # noqa: E402, F401  (the outbox's model lives beside its delivery)
