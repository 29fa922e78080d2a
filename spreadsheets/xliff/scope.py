"""What an export covers: the records of a document, a working group or a reporting round whose
texts are translated, and which of their texts lack a language.

Which models and fields are translated is modeltranslation's registry (each app's
translation.py), as for check_translations; which records belong to a group or a round follows
their foreign keys to it, so a translated model added later is covered without a list here."""

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from django.db import models
from django.db.models import Q
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from core.bilingual import LANGUAGES, missing_in
from groups.models import Programme, WorkingGroup
from reporting.models import ReportingRound
from reports.models import Document

# How far a record may stand from what it belongs to (an action line: area, objective, group,
# programme).
MAX_DEPTH = 4


@cache
def path_to(model, anchor) -> str | None:
    """The lookup from `model` to `anchor` along foreign keys, shortest first ("activity__group"),
    "pk" for the anchor itself; None where none leads there."""
    if model is anchor:
        return "pk"
    frontier = [(model, "")]
    for _depth in range(MAX_DEPTH):
        following = []
        for current, prefix in frontier:
            for field in current._meta.get_fields():
                if field.many_to_one and field.concrete:
                    if field.related_model is anchor:
                        return prefix + field.name
                    following.append((field.related_model, f"{prefix}{field.name}__"))
        frontier = following
    return None


def text_fields(model) -> list[str]:
    """The model's translated texts (not its translated dates), in the model's order."""
    registered = set(translator.get_options_for_model(model).fields)
    return [
        field.name
        for field in model._meta.get_fields()
        if field.name in registered and isinstance(field, (models.CharField, models.TextField))
    ]


def translated_models() -> list:
    return [model for model in translator.get_registered_models(abstract=False) if text_fields(model)]


def unit_id(record, field: str) -> str:
    """A text's name in the file: its record and field, "activities.activity:123:text"."""
    return f"{record._meta.label_lower}:{record.pk}:{field}"


@dataclass(frozen=True)
class Text:
    record: models.Model
    field: str

    @property
    def id(self) -> str:
        return unit_id(self.record, self.field)

    def value(self, lang: str) -> str:
        return getattr(self.record, build_localized_fieldname(self.field, lang)) or ""


class Scope:
    """The records an export covers. `name` says what it is in a file and on a command line
    ("group:2020-2021/IV", "round:CE.20", "document:LC/CE.20/3"), `slug` in a file's name."""

    def __init__(self, name: str, slug: str):
        self.name, self.slug = name, slug

    def condition(self, model) -> Q | None:
        raise NotImplementedError

    def texts(self) -> Iterator[Text]:
        for model in translated_models():
            condition = self.condition(model)
            if condition is None:
                continue
            fields = text_fields(model)
            for record in model._default_manager.filter(condition).order_by("pk"):
                for field in fields:
                    yield Text(record, field)

    def to_translate(self, source: str, target: str, revision: bool = False) -> list[Text]:
        """The texts written in `source` that lack `target` (with `revision`, every text written in
        `source` and used in `target`)."""
        return [
            text
            for text in self.texts()
            if text.value(source).strip()
            and (missing_in(text.record, text.field, target) or (revision and text.value(target)))
        ]

    def missing(self, lang: str) -> int:
        """The translation check: how many texts written in another language lack `lang`."""
        others = [other for other in LANGUAGES if other != lang]
        return sum(
            1
            for text in self.texts()
            if missing_in(text.record, text.field, lang) and any(text.value(o).strip() for o in others)
        )


class Under(Scope):
    """Every record that hangs from one record (a working group, a reporting round)."""

    def __init__(self, anchor: models.Model, name: str, slug: str):
        super().__init__(name, slug)
        self.anchor = anchor

    def condition(self, model):
        path = path_to(model, type(self.anchor))
        return None if path is None else Q(**{path: self.anchor.pk})


class OfDocument(Scope):
    """A document's own texts and parts, and the records of what it covers: the group, the round
    and the programme it is about (a record of another round only where it covers a round)."""

    def __init__(self, document: Document):
        super().__init__(f"document:{document.symbol}", "document-" + document.symbol.replace("/", "-"))
        self.document = document
        programme = document.kind_class.covered_programme(document)
        self.covered = {
            WorkingGroup: document.group_id,
            ReportingRound: document.round_id,
            Programme: programme.pk if programme else None,
        }

    def condition(self, model):
        own = path_to(model, Document)
        if own is not None:
            return Q(**{own: self.document.pk})
        condition, anchored = Q(), False
        for anchor, pk in self.covered.items():
            path = path_to(model, anchor)
            if path is None:
                continue
            if pk is None:
                if anchor is ReportingRound:
                    return None
                continue
            condition &= Q(**{path: pk})
            anchored = True
        return condition if anchored else None


def of_group(group: WorkingGroup) -> Scope:
    return Under(group, f"group:{group.code}", "group-" + group.code.replace("/", "-"))


def of_round(reporting_round: ReportingRound) -> Scope:
    code = reporting_round.meeting.code
    return Under(reporting_round, f"round:{code}", f"round-{code}")


def of_document(document: Document) -> Scope:
    return OfDocument(document)


def named(name: str) -> Scope:
    """The scope a file or a command line names; LookupError when there is no such record."""
    kind, _, key = (name or "").partition(":")
    try:
        if kind == "group":
            period, _, numeral = key.partition("/")
            return of_group(WorkingGroup.objects.select_related("programme").by_code(period, numeral))
        if kind == "round":
            return of_round(ReportingRound.objects.select_related("meeting").get(meeting__code=key))
        if kind == "document":
            return of_document(Document.objects.get(symbol=key))
    except (WorkingGroup.DoesNotExist, ReportingRound.DoesNotExist, Document.DoesNotExist):
        pass
    raise LookupError(name)
