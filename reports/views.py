"""The document register in the browser: the list, and each document's PDF and Word file in
either language."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.bilingual import LANGUAGES

from .delivery import DeliveredFile, DocumentPending, document_docx, document_pdf
from .models import Document

RETRY_SECONDS = 30


@require_safe
def document_list(request):
    return render(
        request,
        "reports/document_list.html",
        {
            "documents": Document.objects.for_register(),
        },
    )


def _document(symbol, lang) -> Document:
    if lang not in LANGUAGES:
        raise Http404
    return get_object_or_404(Document, symbol=symbol)


@require_safe
def document_download(request, symbol, lang):
    document = _document(symbol, lang)
    try:
        return pdf_response(document, lang)
    except DocumentPending:
        # Rendering in the background: a page that says so and reloads itself (Retry-After for
        # programs), never the request waiting past the app server's timeout.
        response = render(
            request, "reports/pending.html", {"document": document, "retry": RETRY_SECONDS}, status=503
        )
        response["Retry-After"] = str(RETRY_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


@require_safe
def document_docx_download(request, symbol, lang):
    return docx_response(_document(symbol, lang), lang)


def pdf_response(document: Document, lang: str, *, wait: bool = False) -> HttpResponse:
    """The PDF as an HTTP response, shown in the browser and saved under its symbol's name. A
    live document says how old the copy is and whether a newer one is being rendered."""
    return file_response(document_pdf(document, lang, wait=wait), disposition="inline")


def docx_response(document: Document, lang: str) -> HttpResponse:
    """The Word file as an HTTP response, saved under its symbol's name (a browser cannot show
    it). 404 for an issued document whose Word file was not stored when it was issued."""
    docx = document_docx(document, lang)
    if docx is None:
        raise Http404
    return file_response(docx, disposition="attachment")


def file_response(delivered: DeliveredFile, *, disposition: str) -> HttpResponse:
    """Either file with the headers that say where its bytes came from."""
    response = HttpResponse(delivered.content, content_type=delivered.content_type)
    response["Content-Disposition"] = f'{disposition}; filename="{delivered.filename}"'
    response["X-Document-Source"] = delivered.source
    response["X-Content-SHA256"] = delivered.sha256
    if delivered.age is not None:
        response["X-Document-Age"] = str(delivered.age)
        response["X-Document-Refreshing"] = "yes" if delivered.refreshing else "no"
    if delivered.source != "issued":
        # A live document changes with its data: never let a browser keep a stale copy.
        response["Cache-Control"] = "no-cache"
    return response
