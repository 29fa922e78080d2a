"""A document's own wording of a country or an institution in one language (DocumentWording),
laid over the records it reads for one render: the records in the database stay as they are,
and another document, or the other language, still reads them unchanged."""

from django.utils.translation import get_language

from .models import Document, DocumentWording


def apply_wording(document: Document, records) -> None:
    """Rename, in memory, the countries and institutions among `records` (and the countries of
    those institutions) as the document words them in the active language."""
    lang = (get_language() or "en")[:2]
    wordings = list(DocumentWording.objects.filter(document=document, language=lang))
    if not wordings:
        return
    countries = {w.country_id: w for w in wordings if w.country_id}
    institutions = {w.institution_id: w for w in wordings if w.institution_id}
    for record in records:
        if record is None:
            continue
        if record._meta.model_name == "country" and record.pk in countries:
            _reword(record, countries[record.pk], lang, ("name", "name_in_phrase"))
        elif record._meta.model_name == "institution":
            if record.pk in institutions:
                _reword(record, institutions[record.pk], lang, ("name",))
            if record.country_id in countries:
                _reword(record.country, countries[record.country_id], lang, ("name", "name_in_phrase"))


def _reword(record, wording: DocumentWording, lang: str, names) -> None:
    if wording.name:
        for name in names:
            setattr(record, f"{name}_{lang}", wording.name)
    if wording.without_acronym:
        setattr(record, f"acronym_{lang}", "")
        # Left out on purpose: the other language's acronym must not stand in for it.
        record.unused_texts = [*getattr(record, "unused_texts", []), f"acronym_{lang}"]
