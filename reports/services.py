"""Writes on the document register that touch several records."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.bilingual import LANGUAGES
from reporting import policy

from .models import Document, IssuedFile
from .rendering import document_html, html_to_pdf, render_docx

MAX_LISTED_GAPS = 5


def document_issue(*, document: Document, user) -> list[IssuedFile]:
    """Freeze the document: render it in every language as PDF and as Word, store each file with
    its SHA-256 and serve those from now on. Refused, with nothing written, when it was issued already or
    when a text is missing in some language (an official version is never issued with
    stand-in texts). Only whoever reporting.policy.can_issue allows may issue."""
    if not policy.can_issue(user):
        raise PermissionDenied
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.is_issued:
            raise ValidationError(_("%(symbol)s was issued already.") % {"symbol": document.symbol})
        versions = {lang: document_html(document, lang) for lang in LANGUAGES}
        gaps = [
            f"{lang.upper()}: {gap}" for lang, version in versions.items() for gap in version.untranslated
        ]
        if gaps:
            listed = "; ".join(gaps[:MAX_LISTED_GAPS]) + ("…" if len(gaps) > MAX_LISTED_GAPS else "")
            raise ValidationError(
                _("%(symbol)s cannot be issued: %(count)d texts are missing in a language (%(list)s).")
                % {"symbol": document.symbol, "count": len(gaps), "list": listed}
            )
        issued = [
            _stored(document, lang, format, content)
            for lang, version in versions.items()
            for format, content in (
                (IssuedFile.Format.PDF, html_to_pdf(version.html)),
                (IssuedFile.Format.DOCX, render_docx(document, lang)),
            )
        ]
        document.issued_at = timezone.now()
        document.issued_by = user
        document.save(update_fields=["issued_at", "issued_by"])
    return issued


def _stored(document: Document, lang: str, format: str, content: bytes) -> IssuedFile:
    issued = IssuedFile(
        document=document,
        language=lang,
        format=format,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    issued.full_clean()
    issued.save()
    return issued
