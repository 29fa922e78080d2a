"""Texts of the document register that readers see, in English and Spanish."""

from modeltranslation.translator import TranslationOptions, register

from .models import Document, DocumentPart


@register(Document)
class DocumentTranslation(TranslationOptions):
    # Each language version carries its own date, as the published documents do.
    fields = ("title", "date", "introduction", "obstacles", "gender", "document_type")


@register(DocumentPart)
class DocumentPartTranslation(TranslationOptions):
    fields = ("heading",)
