"""The admin's door to `import_document`: on the documents' list, "Read a document from Word"
takes the .docx in one language or both, shows what it proposes (each record beside the passage
it came from, the questions where a name matched no record or several, what to check), and
writes it when the clerk confirms, all or nothing. Between the pages the files wait in
spreadsheets.pending (one zip of both), bound to the clerk's session; the answers travel with
the form. The preview offers what was read as a workbook (workbook.py), which the clerk may
correct in Excel and upload in the first field instead of the .docx: one field takes either,
since a workbook is the reading in both languages and there is nothing to give beside it.
Who may: reporting.policy's can_import_document."""

import io
import zipfile

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from reporting import policy

from .. import pending
from ..errors import SpreadsheetError
from ..formats import check_upload_size
from .importing import import_reading
from .reading import Unreadable
from .workbook import SUFFIX, is_workbook, read_named, workbook_of

PENDING_KIND = "word"
DOCX = ".docx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class WordUploadForm(forms.Form):
    first = forms.FileField(
        label=gettext_lazy("The document in Word (.docx), or the workbook of a reading (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": f"{DOCX},{SUFFIX}"}),
    )
    second = forms.FileField(
        label=gettext_lazy("The same document in the other language (.docx, if you have it)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": DOCX}),
    )

    def _checked(self, name):
        upload = self.cleaned_data.get(name)
        if upload is None:
            return None
        try:
            check_upload_size(upload.size)
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error)) from error
        if name == "first" and is_workbook(upload.name):
            return upload
        if not upload.name.lower().endswith(DOCX):
            raise forms.ValidationError(_("Give a Word document saved as .docx (not .doc, .pdf or .odt)."))
        return upload

    def clean(self):
        first, second = self.cleaned_data.get("first"), self.cleaned_data.get("second")
        if first is not None and second is not None and is_workbook(first.name):
            self.add_error("second", _("Give the workbook alone: it holds the document in both languages."))
        return self.cleaned_data

    def named_contents(self) -> list[tuple[str, bytes]]:
        return [
            (upload.name, upload.read())
            for upload in (self.cleaned_data["first"], self.cleaned_data["second"])
            if upload
        ]

    def clean_first(self):
        return self._checked("first")

    def clean_second(self):
        return self._checked("second")


def _packed(named: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as packed:
        for number, (name, content) in enumerate(named, start=1):
            packed.writestr(f"{number}{SUFFIX if is_workbook(name) else DOCX}", content)
    return buffer.getvalue()


def _unpacked(content: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(content)) as packed:
        return [(name, packed.read(name)) for name in sorted(packed.namelist())]


class AnswersForm(forms.Form):
    """One field per question of the preview: a choice among the records that matched, or the
    value typed where none did. Named by position (the keys are the reader's), kept in order."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for number, question in enumerate(self.questions):
            label = _("“%(found)s” (%(where)s)") % {"found": question.found, "where": question.passage.where}
            if question.choices:
                self.fields[f"q{number}"] = forms.ChoiceField(
                    label=label, choices=[("", "---------"), *question.choices], required=False
                )
            else:
                self.fields[f"q{number}"] = forms.CharField(
                    label=label, required=False, help_text=_("No record matched: type its code.")
                )

    def answers(self) -> dict[str, str]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            question.key: data[f"q{number}"]
            for number, question in enumerate(self.questions)
            if data.get(f"q{number}")
        }


class WordImportAdmin:
    """For the documents' admin: the list's button and the reading page."""

    change_list_template = "admin/from_word/document_change_list.html"

    def _word_url_name(self):
        opts = self.model._meta
        return f"{opts.app_label}_{opts.model_name}_import_word"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import-word/", view(self.word_import_view), name=self._word_url_name()),
            path(
                "import-word/<str:token>/workbook.xlsx",
                view(require_safe(self.word_workbook_view)),
                name=f"{self._word_url_name()}_workbook",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "word_import_allowed": policy.can_import_document(request.user),
        }
        return super().changelist_view(request, extra_context)

    def word_import_view(self, request):
        if not policy.can_import_document(request.user):
            raise PermissionDenied
        if request.method != "POST":
            return self._word_page(request, form=WordUploadForm())
        token = request.POST.get("token", "")
        if not token:
            return self._word_uploaded(request)
        if "cancel" in request.POST:
            pending.take(request, token, kind=PENDING_KIND)
            messages.info(request, _("The reading was cancelled; nothing was written."))
            return redirect(request.path)
        kept = pending.content(token) if pending.details(request, token) else None
        if kept is None:
            messages.error(
                request, _("This reading is no longer waiting for confirmation; upload the files again.")
            )
            return redirect(request.path)
        return self._word_previewed(
            request, token, read_named(_unpacked(kept)), confirm="confirm" in request.POST
        )

    def word_workbook_view(self, request, token):
        """What the preview read, after the answers given (in the query), as a workbook; only
        for the user whose reading waits under `token`."""
        if not policy.can_import_document(request.user):
            raise PermissionDenied
        details = pending.details(request, token) or {}
        kept = pending.content(token) if details.get("kind") == PENDING_KIND else None
        if kept is None:
            raise Http404(_("This reading is no longer waiting for confirmation; upload the files again."))
        reading = read_named(_unpacked(kept))
        answers = AnswersForm(reading.questions, request.GET or None).answers()
        response = HttpResponse(workbook_of(reading.answered(answers)), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{_file_name(reading)}"'
        return response

    def _word_uploaded(self, request):
        form = WordUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._word_page(request, status=400, form=form)
        named = form.named_contents()
        try:
            reading = read_named(named)
        except Unreadable as error:
            for problem in getattr(error, "problems", None) or [error]:
                form.add_error("first", str(problem))
            return self._word_page(request, status=400, form=form)
        token = pending.keep(request, _packed(named), kind=PENDING_KIND)
        return self._word_previewed(request, token, reading, confirm=False, bound=False)

    def _word_previewed(self, request, token, reading, *, confirm, bound=True):
        answers_form = AnswersForm(reading.questions, request.POST if bound else None)
        result = import_reading(reading, user=request.user, confirm=confirm, answers=answers_form.answers())
        if result.written:
            pending.take(request, token, kind=PENDING_KIND)
            messages.success(
                request, _("The document was read and written: %(summary)s.") % {"summary": result.summary()}
            )
            return redirect(
                reverse(f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist")
            )
        return self._word_page(
            request,
            status=400 if confirm else 200,
            token=token,
            result=result,
            answers_form=answers_form if reading.questions else None,
            records=_records(result),
            workbook_url=_word_workbook_url(f"admin:{self._word_url_name()}_workbook", token, answers_form),
        )

    def _word_page(self, request, status=200, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Read a document from Word"),
            "action": request.path,
            **context,
        }
        return TemplateResponse(request, "admin/from_word/import.html", context, status=status)


def _word_workbook_url(name, token, answers_form) -> str:
    """The download's address, with the answers the preview was made with."""
    given = answers_form.cleaned_data if answers_form.is_bound and answers_form.is_valid() else {}
    query = urlencode({field: value for field, value in given.items() if value})
    return reverse(name, args=[token]) + (f"?{query}" if query else "")


def _file_name(reading) -> str:
    symbol = next((row.get("symbol") for row in reading.sheets.get("documents", []) if row.get("symbol")), "")
    safe = "".join(c if c.isalnum() or c in ".-" else "-" for c in str(symbol))
    return f"reading-{safe}.xlsx" if safe else "reading.xlsx"


def _records(result) -> list[dict]:
    """Each new or changed record of the preview with the passages it came from."""
    shown = []
    for stem, outcomes in result.outcome.outcomes.items():
        rows = result.reading.sheets.get(stem, [])
        for index, outcome in enumerate(outcomes):
            if outcome not in ("new", "update"):
                continue
            shown.append(
                {
                    "sheet": stem,
                    "row": index + 2,
                    "new": outcome == "new",
                    "values": rows[index] if index < len(rows) else {},
                    "passages": result.reading.sources.get((stem, index), []),
                }
            )
    return shown
