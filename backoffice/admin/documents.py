"""Secretariat admin for the document register: edit a document in both languages, download
its PDF, issue it. An issued document is frozen: it can be viewed, not changed or deleted."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.bilingual import LANGUAGES
from reporting import policy
from reports.models import Document, DocumentPart, DocumentWording, IssuedFile
from reports.rendering import document_html
from reports.services import document_issue
from reports.views import pdf_response
from spreadsheets.admin import SpreadsheetAdmin
from spreadsheets.from_word.admin import WordImportAdmin
from spreadsheets.resources.documents import DocumentResource
from spreadsheets.xliff.admin import TranslationsAdmin

from ..document_kinds import kind_rules
from ..forms import COMPACT_TEXT, DocumentPartForm, WrittenDates


class DocumentPartInline(TranslationTabularInline):
    """The document's composition: the parts it prints, in order (empty: its kind's defaults)."""

    model = DocumentPart
    form = DocumentPartForm
    extra = 0
    fields = ("order", "part", "within", "heading", "print_empty")


class DocumentWordingInline(admin.TabularInline):
    model = DocumentWording
    extra = 0
    fields = ("language", "country", "institution", "name", "without_acronym")
    autocomplete_fields = ("country", "institution")


class IssuedFileInline(admin.TabularInline):
    model = IssuedFile
    extra = 0
    fields = ("language", "format", "sha256", "size", "created_at")
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(WordImportAdmin, TranslationsAdmin, WrittenDates, SpreadsheetAdmin, TranslationAdmin):
    resource_classes = [DocumentResource]
    list_display = ("symbol", "kind", "title", "meeting", "status", "pdf_links")
    list_filter = ("kind", "distribution", ("issued_at", admin.EmptyFieldListFilter))
    search_fields = ("symbol", "title_en", "title_es")
    list_select_related = ("meeting", "round")
    formfield_overrides = COMPACT_TEXT
    readonly_fields = ("issued_at", "issued_by", "pdf_links", "preview_links", "composition_help")
    inlines = [DocumentPartInline, DocumentWordingInline, IssuedFileInline]
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
        (
            _("Composition"),
            {
                "fields": (
                    "composition_help",
                    "numbering",
                    "commission_line",
                    ("objective_headings", "specific_objectives_as_table"),
                    ("outputs_as", "outputs_timetable"),
                    ("plan_as", "plan_by_objective"),
                    "in_charge_column",
                    "preview_links",
                ),
                "description": _(
                    "How the document is laid out. Its parts, their order and their headings are "
                    "listed below; save, then preview the effect."
                ),
            },
        ),
        (_("Issue"), {"fields": ("issued_at", "issued_by", "pdf_links")}),
    )

    @admin.display(description=_("parts"))
    def composition_help(self, obj):
        kind = obj.kind_class if obj else None
        if kind is None or not kind.parts:
            return gettext("This kind of document has a fixed composition.")
        return format_html(
            "{}<br>{} {}",
            kind.help,
            gettext("Parts it may print:"),
            ", ".join(kind.parts),
        )

    @admin.display(description=_("preview"))
    def preview_links(self, obj):
        if not obj or not obj.pk:
            return "—"
        return format_html_join(
            " · ",
            '<a href="{}" target="_blank">{}</a>',
            (
                (reverse("admin:reports_document_preview", args=[obj.pk, code]), code.upper())
                for code in LANGUAGES
            ),
        )

    def render_change_form(self, request, context, *args, **kwargs):
        # The kinds' rules, for the page's script to grey what the chosen kind does not use
        # (templates/admin/reports/document/change_form.html).
        context["kind_rules"] = kind_rules()
        return super().render_change_form(request, context, *args, **kwargs)

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<int:pk>/preview/<str:lang>/", preview, name="reports_document_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk, lang):
        """The document as it prints now, in the browser: its HTML with the PDF's stylesheet, so
        the secretariat sees a change of composition at once (the PDF follows in the background)."""
        document = self.get_object(request, str(pk))
        if document is None or lang not in LANGUAGES or not self.has_view_permission(request, document):
            raise Http404
        html = document_html(document, lang).html.replace(
            "<head>", f'<head><base href="{settings.STATIC_URL}">', 1
        )
        response = HttpResponse(html)
        # The preview may read the stylesheet and fonts, nothing else, and runs no script.
        response["Content-Security-Policy"] = "default-src 'self'; script-src 'none'"
        return response

    @admin.display(description=_("status"))
    def status(self, obj):
        return obj.state

    @admin.display(description=_("PDF and Word"))
    def pdf_links(self, obj):
        if not obj.pk:
            return "—"
        return format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            (
                (reverse(f"reports:{kind}", args=[obj.symbol, code]), f"{label} {code.upper()}")
                for kind, label in (("pdf", "PDF"), ("docx", "Word"))
                for code in LANGUAGES
            ),
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
