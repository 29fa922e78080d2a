"""The document register in the browser: the list, and each document's PDF and Word file in
either language. A browser never waits in silence for a PDF: one not rendered yet, or rendered
before the latest change to what it shows, is a page that says so, dates the older copy and
offers it, and reloads itself until the new one is ready."""

from datetime import timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from core.bilingual import LANGUAGES
from core.paging import asked_page, paged
from reporting import policy

from .delivery import DeliveredFile, document_docx, document_pdf
from .live import DocumentPending
from .models import Document

RETRY_SECONDS = 30  # a program told to come back (Retry-After)
PAGE_RETRY_SECONDS = 5  # a browser's page reloads itself: a first render takes seconds, not minutes
PREVIOUS = "previous"  # ?copy=previous: the older copy the page offers, at once


@require_safe
def document_list(request):
    """The register, a page at a time: it grows by a few documents a meeting, for decades."""
    return render(
        request,
        "reports/document_list.html",
        {
            "paged": paged(
                Document.objects.for_register().of_programmes(policy.readable_programmes(request.user)),
                asked_page(request),
            )
        },
    )


def _document(request, symbol, lang) -> Document:
    """The document, if the reader may read its programme (a draft's, only once published)."""
    if lang not in LANGUAGES:
        raise Http404
    document = get_object_or_404(Document, symbol=symbol)
    if not policy.can_read_programme(request.user, document.covered_programme):
        raise Http404
    return document


@require_safe
def document_download(request, symbol, lang):
    document = _document(request, symbol, lang)
    browser = _is_browser(request) and request.GET.get("copy") != PREVIOUS
    try:
        delivered = document_pdf(document, lang, browser=browser)
    except DocumentPending:
        return _pending(request, document, lang, retry=PAGE_RETRY_SECONDS if browser else RETRY_SECONDS)
    if browser and delivered.refreshing:
        return _pending(request, document, lang, retry=PAGE_RETRY_SECONDS, previous=delivered)
    response = file_response(delivered, disposition="inline")
    patch_vary_headers(response, ["Accept"])
    return response


def _is_browser(request) -> bool:
    """A browser's navigation prefers a page to a PDF (its Accept names text/html); a program's
    (no Accept, or */*) takes the PDF, and the headers that say how old it is."""
    return request.get_preferred_type(["application/pdf", "text/html"]) == "text/html"


def _pending(request, document, lang, *, retry: int, previous: DeliveredFile | None = None):
    """A page that says the document is being prepared and reloads itself (Retry-After for
    programs), never the request waiting past the app server's timeout. With an older copy
    ready, the page gives its date and a link to it."""
    context = {"document": document, "lang": lang, "retry": retry}
    if previous is not None:
        context["previous_at"] = timezone.now() - timedelta(seconds=previous.age)
        context["previous_url"] = f"{request.path}?copy={PREVIOUS}"
    response = render(request, "reports/pending.html", context, status=503)
    response["Retry-After"] = str(retry)
    response["Cache-Control"] = "no-store"
    patch_vary_headers(response, ["Accept"])
    # A documented answer, not a fault: Django would log every 503 as a server error (and mail
    # it to the ADMINS), once per reader and per reload while a render or a Redis outage lasts.
    response._has_been_logged = True
    return response


@require_safe
def document_docx_download(request, symbol, lang):
    return docx_response(_document(request, symbol, lang), lang)


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
