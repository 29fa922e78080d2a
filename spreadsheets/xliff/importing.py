"""A translated XLIFF file against the database: the preview says, unit by unit, what importing
it would change; the import writes it all, in one transaction, through
reporting.services.texts_translate. A file with any problem (a unit naming no text of the
portal, a translation its field refuses) writes nothing; a unit whose source text changed in the
database since the export is refused alone, and the others go in."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from modeltranslation.utils import build_localized_fieldname

from core.bilingual import not_used
from core.text import clean_text
from reporting.services.translations import TextWrite, texts_translate
from reports.models import Document, DocumentPart

from . import files, scope

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
UNTRANSLATED, REFUSED = "untranslated", "refused"
STATUS_LABELS = {
    NEW: gettext_lazy("new"),
    CHANGED: gettext_lazy("changed"),
    UNCHANGED: gettext_lazy("unchanged"),
    UNTRANSLATED: gettext_lazy("not translated in the file"),
    REFUSED: gettext_lazy("refused"),
}
# As a sentence names them: "the English text" / "el texto en inglés".
LANGUAGE_NAMES = {
    "en": pgettext_lazy("a language, inside a sentence", "English"),
    "es": pgettext_lazy("a language, inside a sentence", "Spanish"),
}


@dataclass(frozen=True)
class Problem:
    """Why the whole file is refused: a unit (its line in the file and id) and the reason."""

    line: int
    unit: str
    message: str

    def __str__(self):
        return _("Line %(line)s, unit “%(unit)s”: %(message)s") % {
            "line": self.line,
            "unit": self.unit,
            "message": self.message,
        }


class XliffRefused(Exception):
    """The file has problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


@dataclass
class Line:
    unit: files.Unit
    status: str
    what: str  # what the text is (files.describe), in the reader's language
    old: str = ""
    new: str = ""
    reason: str = ""
    write: TextWrite | None = None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass
class Preview:
    source: str
    target: str
    scope_name: str
    lines: list[Line] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for line in self.lines if line.status == status)

    @property
    def writes(self) -> list[TextWrite]:
        return [line.write for line in self.lines if line.write is not None]

    @property
    def target_name(self) -> str:
        return str(LANGUAGE_NAMES[self.target])

    @property
    def counts(self) -> list[tuple[str, int]]:
        """(status as the reader's language names it, how many units), as the preview lists them."""
        return [(str(label), self.count(status)) for status, label in STATUS_LABELS.items()]

    def summary(self) -> str:
        """The one line the command ends with: "new: 3, changed: 0, unchanged: 1, refused: 1"."""
        counts = ((s, self.count(s)) for s in (NEW, CHANGED, UNCHANGED, REFUSED, UNTRANSLATED))
        return ", ".join(f"{status}: {count}" for status, count in counts if count or status != UNTRANSLATED)

    def still_missing(self) -> int | None:
        """The translation check on what the file was exported for, as the database is now."""
        try:
            return scope.named(self.scope_name).missing(self.target)
        except LookupError:
            return None


def _same(one: str, other: str) -> bool:
    """The same text, whatever spaces and line ends a translator's tool rewrote."""
    return " ".join((one or "").split()) == " ".join((other or "").split())


def _located(units, problems) -> dict:
    """Each unit's (model, pk, field) from its id; a problem for an id that names no text."""
    models = {model._meta.label_lower: model for model in scope.translated_models()}
    located, seen = {}, set()
    for unit in units:
        label, pk, name = (unit.id.split(":") + ["", "", ""])[:3]
        model = models.get(label)
        if unit.id in seen:
            problems.append(Problem(unit.line, unit.id, _("the file has this unit twice.")))
        elif (
            model is None
            or not pk.isdigit()
            or name not in scope.text_fields(model)
            or unit.id.count(":") != 2
        ):
            problems.append(Problem(unit.line, unit.id, _("this id names no text of the portal.")))
        else:
            located[unit.id] = (model, int(pk), name)
        seen.add(unit.id)
    return located


def _records(located) -> dict:
    wanted = {}
    for model, pk, _name in located.values():
        wanted.setdefault(model, set()).add(pk)
    return {
        (model, pk): record
        for model, pks in wanted.items()
        for pk, record in model._default_manager.in_bulk(pks).items()
    }


def _frozen(record) -> bool:
    document = record if isinstance(record, Document) else getattr(record, "document", None)
    return isinstance(record, (Document, DocumentPart)) and document.is_issued


def _refusal(unit, record, name, source, target) -> str:
    """Why this unit alone is not imported, or ""."""
    now = getattr(record, build_localized_fieldname(name, source)) or ""
    if not _same(unit.source, now):
        return _(
            "the %(language)s text changed since the export; it now reads “%(text)s”. Export it again "
            "and translate the new text."
        ) % {"language": LANGUAGE_NAMES[source], "text": now[:200]}
    if _frozen(record):
        return _("the document is issued; its texts no longer change.")
    if not_used(record, name, target):
        return _("the text is marked as not used in %(language)s; unmark it in the admin first.") % {
            "language": LANGUAGE_NAMES[target]
        }
    return ""


def _line(unit, record, name, translated, problems) -> Line:
    source, target = translated.source, translated.target
    what = files.describe(record, name, source)
    if not unit.translated:
        return Line(unit, UNTRANSLATED, what)
    reason = _refusal(unit, record, name, source, target)
    if reason:
        return Line(unit, REFUSED, what, reason=reason)
    localized = build_localized_fieldname(name, target)
    old, new = getattr(record, localized) or "", clean_text(unit.target).strip()
    if new == old:
        return Line(unit, UNCHANGED, what, old, new)
    setattr(record, localized, new)
    try:
        record.clean_fields(exclude=[f.name for f in record._meta.concrete_fields if f.name != localized])
    except ValidationError as error:
        problems.append(Problem(unit.line, unit.id, " ".join(error.messages)))
    return Line(unit, CHANGED if old else NEW, what, old, new, write=TextWrite(record, localized, new))


def preview(content: bytes) -> Preview:
    """What importing the file would change; files.XliffUnreadable or XliffRefused when it
    cannot be imported at all."""
    translated = files.read(content)
    problems = []
    located = _located(translated.units, problems)
    records = _records(located)
    result = Preview(translated.source, translated.target, translated.scope_name)
    for unit in translated.units:
        if unit.id not in located:
            continue
        model, pk, name = located[unit.id]
        record = records.get((model, pk))
        if record is None:
            problems.append(
                Problem(unit.line, unit.id, _("there is no such record (deleted since the export?)."))
            )
            continue
        result.lines.append(_line(unit, record, name, translated, problems))
    if problems:
        raise XliffRefused(problems)
    return result


def import_file(content: bytes, *, user) -> Preview:
    """Preview the file and write what it changes, all in one transaction."""
    with transaction.atomic():
        result = preview(content)
        texts_translate(writes=result.writes, user=user)
    return result
