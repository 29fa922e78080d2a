"""One document read from Word and imported (issue 29), for `manage.py import_document` and the
admin's upload page: `read` gives the Reading of one or two .docx (the portal's own, own.py, or a
report a person typed, typed.py), `import_reading` checks its rows (preview) or writes them
(confirm) through the sheets' resources, all or nothing (spreadsheets.folders.import_rows).
Nothing here prints: the result carries the counts, the problems and the lines to show."""

import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import docx
from django.utils.translation import gettext as _

from groups.models import Programme

from ..folders import FolderImport, FolderRefused, import_rows
from .own import read_own
from .provenance import provenance_of
from .reading import Question, Reading, Unreadable

# django-import-export's row outcomes, as the clerk reads them.
OUTCOMES = (("new", "new"), ("changed", "update"), ("unchanged", "skip"))


def _opened(item):
    if isinstance(item, docx.document.Document):
        return item
    if isinstance(item, (str, Path)):
        item = Path(item).read_bytes()
    if isinstance(item, bytes):
        item = io.BytesIO(item)
    try:
        return docx.Document(item)
    except Exception as error:  # noqa: BLE001 - python-docx raises zip, XML and key errors alike
        not_docx = _("This file is not a Word document (.docx): %(error)s")
        raise Unreadable(not_docx % {"error": error}) from None


def read(paths_or_files) -> Reading:
    """The Reading of one document from one .docx or two (one per language): paths, bytes, file
    objects or python-docx Documents. The portal's own files are read by own.py, others by the
    reader of typed reports (typed.py)."""
    files = [_opened(item) for item in paths_or_files]
    if not files or len(files) > 2:
        raise Unreadable(_("Give one .docx, or two: the document in English and in Spanish."))
    own = [provenance_of(word) is not None for word in files]
    if all(own):
        return read_own(files)
    if any(own):
        raise Unreadable(_("One file was written by the portal and the other was not: give two of one kind."))
    try:
        from .typed import read_typed
    except ImportError:
        raise Unreadable(
            _("This .docx was not written by the portal, and reading a typed report is not installed yet.")
        ) from None
    return read_typed(files)


@dataclass
class DocumentImport:
    """What importing a Reading found (preview) or did (confirm)."""

    reading: Reading
    outcome: FolderImport = field(default_factory=FolderImport)
    problems: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def questions(self) -> list[Question]:
        return self.reading.questions

    def totals(self) -> Counter:
        """new, changed, unchanged over every sheet."""
        totals = Counter()
        for counts in self.outcome.counts.values():
            totals.update({name: counts.get(kind, 0) for name, kind in OUTCOMES})
        return totals

    def summary(self) -> str:
        totals = self.totals()
        return _("new: %(new)s, changed: %(changed)s, unchanged: %(unchanged)s") % {
            name: totals[name] for name, _kind in OUTCOMES
        }

    def sheet_lines(self) -> list[str]:
        return [
            f"{name}: " + ", ".join(f"{_(label)} {counts.get(kind, 0)}" for label, kind in OUTCOMES)
            for name, counts in self.outcome.counts.items()
        ]

    def record_lines(self) -> list[str]:
        """Each new or changed record beside the passage it came from, for the clerk to check.
        Rows are numbered as in the sheet the records would be written to (and as the problems
        number them): the first record is row 2, under the header."""
        labels = {kind: label for label, kind in OUTCOMES}
        lines = []
        for stem, outcomes in self.outcome.outcomes.items():
            for index, kind in enumerate(outcomes):
                if kind not in ("new", "update"):
                    continue
                passages = self.reading.sources.get((stem, index)) or []
                where = "; ".join(f"{p.where} ({p.lang}): {_shortened(p.text)}" for p in passages[:2])
                line = _("%(sheet)s, row %(row)s, %(outcome)s") % {
                    "sheet": stem,
                    "row": index + 2,
                    "outcome": _(labels[kind]),
                }
                lines.append(f"  {line}" + (f" <- {where}" if where else ""))
        return lines

    def lines(self) -> list[str]:
        """Everything to show, the summary last: per sheet, each new or changed record with its
        passage, the questions, warnings and problems."""
        lines = [*self.sheet_lines(), *self.record_lines()]
        for question in self.questions:
            choices = "; ".join(f"{value} ({label})" for value, label in question.choices)
            line = _("Question %(key)s: %(found)s (%(where)s) -> %(sheet)s, row %(row)s, %(column)s") % {
                "key": question.key,
                "found": question.found,
                "where": question.passage.where,
                "sheet": question.sheet,
                "row": question.row + 2,
                "column": question.column,
            }
            lines.append(line + (_("; choices: %(choices)s") % {"choices": choices} if choices else ""))
        lines += [_("Check: %(warning)s") % {"warning": warning} for warning in self.reading.warnings]
        lines += [_("Problem: %(problem)s") % {"problem": problem} for problem in self.problems]
        return [*lines, self.summary()]


def _shortened(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def import_reading(reading: Reading, *, user, confirm=False, answers=None) -> DocumentImport:
    """Check the reading's rows with the clerk's `answers` (question key -> value) and, with
    `confirm`, write them, all or nothing; nothing is written while a question is unanswered
    or a row has a problem. Into a database without a programme, rounds are restored as the
    document has them (closed rounds with their progress), as import_sheets restores them."""
    answered = reading.answered(answers or {})
    result = DocumentImport(answered)
    if confirm and answered.questions:
        result.problems.append(_("Answer every question before confirming: nothing was written."))
        confirm = False
    restoring = not Programme.objects.exists()
    # Before the answers, the rest is checked without the names asked about (never written).
    checked = answered.provisional() if answered.questions else answered
    try:
        result.outcome = import_rows(checked.sheets, user=user, dry_run=not confirm, restoring=restoring)
    except FolderRefused as refused:
        result.outcome = refused.outcome
        result.problems += refused.outcome.problems
        return result
    result.written = confirm
    return result


def import_document(paths_or_files, *, user, confirm=False, answers=None) -> DocumentImport:
    """read() and import_reading() in one: what `manage.py import_document` does."""
    return import_reading(read(paths_or_files), user=user, confirm=confirm, answers=answers)
