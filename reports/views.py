"""The document register in the browser: the list, and each document's PDF in either language."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.bilingual import LANGUAGES

from .delivery import DocumentPending, document_pdf
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


@require_safe
def document_download(request, symbol, lang):
    if lang not in LANGUAGES:
        raise Http404
    document = get_object_or_404(Document, symbol=symbol)
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


def pdf_response(document: Document, lang: str, *, wait: bool = False) -> HttpResponse:
    """The PDF as an HTTP response, shown in the browser and saved under its symbol's name. A
    live document says how old the copy is and whether a newer one is being rendered."""
    pdf = document_pdf(document, lang, wait=wait)
    response = HttpResponse(pdf.content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pdf.filename}"'
    response["X-Document-Source"] = pdf.source
    response["X-Content-SHA256"] = pdf.sha256
    if pdf.age is not None:
        response["X-Document-Age"] = str(pdf.age)
        response["X-Document-Refreshing"] = "yes" if pdf.refreshing else "no"
    if pdf.source != "issued":
        # A live document changes with its data: never let a browser keep a stale copy.
        response["Cache-Control"] = "no-cache"
    return response
