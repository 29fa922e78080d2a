"""The admin's doors to the translators' files, on the pages of a working group, a reporting
round and a document: download the texts that lack a language as XLIFF, and upload the file
translated: preview, then confirm or cancel. Between the two the file waits in
spreadsheets.pending, as a group's workbook does; who may do either is reporting.policy's
can_exchange_translations."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.bilingual import LANGUAGES
from groups.models import WorkingGroup
from reporting import policy
from reporting.models import ReportingRound
from reports.models import Document

from .. import pending
from . import files, importing, scope

SCOPES = {WorkingGroup: scope.of_group, ReportingRound: scope.of_round, Document: scope.of_document}
PENDING_KIND = "xliff"
LABELS = {"es": gettext_lazy("Spanish"), "en": gettext_lazy("English")}


class ExportForm(forms.Form):
    target = forms.ChoiceField(
        label=gettext_lazy("Language to translate into"),
        choices=list(LABELS.items()),
        initial="es",
    )
    revision = forms.BooleanField(
        label=gettext_lazy("Every text, for revision (not only those lacking the language)"), required=False
    )


class UploadForm(forms.Form):
    translated = forms.FileField(
        label=gettext_lazy("Translated XLIFF file (.xlf)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlf,.xliff,.xml"}),
    )

    def clean_translated(self):
        upload = self.cleaned_data["translated"]
        if upload.size > settings.SPREADSHEET_MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is larger than %(size)s; nothing was read.")
                % {"size": filesizeformat(settings.SPREADSHEET_MAX_UPLOAD)}
            )
        return upload


class TranslationsAdmin:
    """For the admins of WorkingGroup, ReportingRound and Document: a "Translations (XLIFF)"
    button on each record's page, its export page and the upload page."""

    change_form_template = "admin/xliff/change_form.html"

    def _xliff_names(self):
        opts = self.model._meta
        return (
            f"{opts.app_label}_{opts.model_name}_xliff_export",
            f"{opts.app_label}_{opts.model_name}_xliff_import",
        )

    def get_urls(self):
        export, upload = self._xliff_names()
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/xliff/", view(self.xliff_export_view), name=export),
            path("import-xliff/", view(self.xliff_import_view), name=upload),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, *args, **kwargs):
        # The page the model's admin would show otherwise, which this one extends with its button.
        opts = self.model._meta
        context["xliff_base_template"] = select_template(
            [f"admin/{opts.app_label}/{opts.model_name}/change_form.html", "admin/change_form.html"]
        )
        context["xliff_allowed"] = policy.can_exchange_translations(request.user)
        context["xliff_export_url"] = f"admin:{self._xliff_names()[0]}"
        return super().render_change_form(request, context, *args, **kwargs)

    def _xliff_allowed(self, request):
        if not policy.can_exchange_translations(request.user):
            raise PermissionDenied

    def _xliff_page(self, request, template, title, status=200, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **context,
        }
        return TemplateResponse(request, template, context, status=status)

    def xliff_export_view(self, request, pk):
        self._xliff_allowed(request)
        record = get_object_or_404(self.model, pk=pk)
        covered = SCOPES[self.model](record)
        form = ExportForm(request.GET if "target" in request.GET else None)
        if form.is_bound and form.is_valid():
            target = form.cleaned_data["target"]
            source = next(lang for lang in LANGUAGES if lang != target)
            texts = covered.to_translate(source, target, revision=form.cleaned_data["revision"])
            if texts:
                response = HttpResponse(files.write(covered, texts, source=source, target=target))
                response["Content-Type"] = files.CONTENT_TYPE
                response["Content-Disposition"] = f'attachment; filename="{files.file_name(covered, target)}"'
                return response
            messages.info(
                request,
                _("No text to translate into %(language)s.") % {"language": importing.LANGUAGE_NAMES[target]},
            )
        missing = [(LABELS[lang], covered.missing(lang)) for lang in LANGUAGES]
        return self._xliff_page(
            request,
            "admin/xliff/export.html",
            _("Translations of %(name)s") % {"name": record},
            form=form if form.is_bound else ExportForm(),
            record=record,
            missing=missing,
            import_url=reverse(f"admin:{self._xliff_names()[1]}"),
        )

    def xliff_import_view(self, request):
        self._xliff_allowed(request)
        if request.method == "POST" and "cancel" in request.POST:
            pending.take(request, request.POST.get("token", ""), kind=PENDING_KIND)
            messages.info(request, _("The import was cancelled; nothing was written."))
            return redirect(request.path)
        if request.method == "POST" and "token" in request.POST:
            return self._xliff_confirm(request)
        form, problems, preview, token = UploadForm(), [], None, None
        if request.method == "POST":
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                content = form.cleaned_data["translated"].read()
                try:
                    preview = importing.preview(content)
                except files.XliffUnreadable as error:
                    form.add_error("translated", str(error))
                except importing.XliffRefused as refused:
                    problems = refused.problems
                if preview and preview.writes:
                    token = pending.keep(request, content, kind=PENDING_KIND)
        return self._xliff_page(
            request,
            "admin/xliff/import.html",
            _("Import a translation (XLIFF)"),
            status=400 if request.method == "POST" and preview is None else 200,
            form=form,
            problems=problems,
            preview=preview,
            token=token,
            action=request.path,
        )

    def _xliff_confirm(self, request):
        kept = pending.take(request, request.POST.get("token", ""), kind=PENDING_KIND)
        if kept is None:
            messages.error(
                request, _("This import is no longer waiting for confirmation; upload the file again.")
            )
            return redirect(request.path)
        try:
            result = importing.import_file(kept, user=request.user)
        except (
            files.XliffUnreadable,
            importing.XliffRefused,
        ) as error:  # the texts changed since the preview
            messages.error(request, _("Nothing was imported: %(problems)s") % {"problems": error})
            return redirect(request.path)
        done = _("The translation was imported: %(new)d new, %(changed)d changed, %(refused)d refused.") % {
            "new": result.count(importing.NEW),
            "changed": result.count(importing.CHANGED),
            "refused": result.count(importing.REFUSED),
        }
        missing = result.still_missing()
        if missing is not None:
            done += " " + _("Texts still lacking %(language)s: %(count)d.") % {
                "language": result.target_name,
                "count": missing,
            }
        messages.success(request, done)
        return redirect(request.path)
