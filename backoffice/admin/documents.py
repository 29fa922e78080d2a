"""Secretariat admin for the document register: edit a document in both languages, download
its PDF, issue it. An issued document is frozen: it can be viewed, not changed or deleted."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.bilingual import LANGUAGES
from reporting import policy
from reports.models import Document, IssuedFile
from reports.services import document_issue
from reports.views import pdf_response
from spreadsheets.admin import SpreadsheetAdmin
from spreadsheets.resources.documents import DocumentResource

from ..forms import COMPACT_TEXT


class IssuedFileInline(admin.TabularInline):
    model = IssuedFile
    extra = 0
    fields = ("language", "sha256", "size", "created_at")
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [DocumentResource]
    list_display = ("symbol", "kind", "title", "meeting", "status", "pdf_links")
    list_filter = ("kind", "distribution", ("issued_at", admin.EmptyFieldListFilter))
    search_fields = ("symbol", "title_en", "title_es")
    list_select_related = ("meeting", "round")
    formfield_overrides = COMPACT_TEXT
    readonly_fields = ("issued_at", "issued_by", "pdf_links")
    inlines = [IssuedFileInline]
    actions = ["download_pdf", "issue"]
    fieldsets = (
        (None, {"fields": ("symbol", "kind", "layout", "title")}),
        (
            _("Heading block"),
            {"fields": ("date", "distribution", "original_language", "job_number", "meeting")},
        ),
        (
            _("What it covers"),
            {
                "fields": ("programme", "round", "group"),
                "description": _(
                    "A draft biennial programme covers a programme; a report on the "
                    "implementation, a reporting round; a report of a working group, a "
                    "reporting round and a group."
                ),
            },
        ),
        (
            _("The secretariat's sections"),
            {
                "fields": ("introduction", "obstacles", "gender", "document_type"),
                "description": _("Only a report on the implementation has the last three."),
            },
        ),
        (_("Issue"), {"fields": ("issued_at", "issued_by", "pdf_links")}),
    )

    @admin.display(description=_("status"))
    def status(self, obj):
        return obj.state

    @admin.display(description=_("PDF"))
    def pdf_links(self, obj):
        if not obj.pk:
            return "—"
        return format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            ((reverse("reports:pdf", args=[obj.symbol, code]), code.upper()) for code in LANGUAGES),
        )

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_issued:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_issued:
            return False
        return super().has_delete_permission(request, obj)

    def has_issue_permission(self, request):
        return policy.can_issue(request.user)

    @admin.action(description=_("Download the PDF of the selected document (in the current language)"))
    def download_pdf(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, gettext("Select exactly one document to download its PDF."), messages.ERROR
            )
            return None
        # The secretariat checks what it just changed: the current copy, rendered if need be.
        return pdf_response(queryset.get(), (get_language() or LANGUAGES[0])[:2], wait=True)

    @admin.action(description=_("Issue the selected documents (freezes their PDFs)"), permissions=["issue"])
    def issue(self, request, queryset):
        for document in queryset.order_by("symbol"):
            try:
                pdfs = document_issue(document=document, user=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                continue
            self.message_user(
                request,
                format_html(
                    "{} {}",
                    gettext("%(symbol)s issued.") % {"symbol": document.symbol},
                    ", ".join(f"{pdf.language.upper()} SHA-256 {pdf.sha256}" for pdf in pdfs),
                ),
                messages.SUCCESS,
            )
