"""An issued document is frozen for the sheets as it is in the admin: a row that would change its
register entry, a part of its composition or a wording (or add one) is refused, naming the
document, and nothing is written; its .docx read back unedited still changes nothing. A live
document's rows go in as before."""

import pytest
from django.utils import timezone

from core.roles import SYSTEM
from reports.models import Document, DocumentPart
from reports.rendering import render_docx
from spreadsheets.folders import FolderRefused, import_rows
from spreadsheets.from_word.importing import import_document

pytestmark = pytest.mark.django_db

SYMBOL = "LC/CE.20/3"


def _issued():
    document = Document.objects.get(symbol=SYMBOL)
    Document.objects.filter(pk=document.pk).update(issued_at=timezone.now())
    return document


def test_a_change_to_an_issued_documents_entry_or_composition_is_refused():
    document = _issued()
    entry = {"symbol": SYMBOL, "title_en": "Another title"}
    with pytest.raises(FolderRefused) as refused:
        import_rows({"documents": [entry]}, user=SYSTEM)
    assert f"{SYMBOL} has been issued" in str(refused.value)
    part = {"document": SYMBOL, "order": 99, "part": "introduction"}
    with pytest.raises(FolderRefused) as refused:
        import_rows({"document_parts": [part]}, user=SYSTEM)
    assert f"{SYMBOL} has been issued" in str(refused.value)
    document.refresh_from_db()
    assert document.title_en.startswith("Second report")
    assert not DocumentPart.objects.filter(order=99).exists()


def test_an_issued_documents_own_file_read_back_unedited_changes_nothing():
    document = Document.objects.get(symbol=SYMBOL)
    content = render_docx(document, "en")
    _issued()
    result = import_document([content], user=SYSTEM)
    assert result.problems == [] and result.summary().startswith("new: 0, changed: 0")


def test_a_live_documents_entry_still_changes():
    import_rows({"documents": [{"symbol": SYMBOL, "title_en": "Another title"}]}, user=SYSTEM)
    assert Document.objects.get(symbol=SYMBOL).title_en == "Another title"
