"""Search across working groups, activities, outputs, published remarks, countries,
institutions and documents (by symbol or title), in the reader's language.

Matching is done here rather than with the database's LIKE: SQLite folds only ASCII case and
neither engine ignores accents, while a reader typing "estadistica" or "ESTADÍSTICA" expects
"estadística". The programme's texts are a few thousand short records, read in three queries."""

import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from activities.models import Activity, Output
from core.bilingual import Shown, shown
from groups.models import Country, GroupRole, Institution, WorkingGroup
from reporting.models import ProgressEntry
from reports.models import Document

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
MAX_RESULTS = 50  # per kind of record


def _fold(char: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).casefold()


def folded(text: str) -> tuple[str, list[int]]:
    """`text` without accents and case, and for each of its characters the index of the
    character of `text` it came from (so that a match can be marked in the original)."""
    out, origin = [], []
    for index, char in enumerate(text):
        for piece in _fold(char):
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


class QueryError(ValueError):
    pass


def words_of(query: str) -> list[str]:
    """The words to look for; QueryError with the reader's message when there are none or
    too many."""
    query = (query or "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(_("Search for at most %(count)d characters.") % {"count": MAX_QUERY_LENGTH})
    words = [w for w in (folded(part)[0] for part in query.split()) if w]
    if not words:
        raise QueryError(_("Type a word to search for."))
    if len(words) > MAX_WORDS:
        raise QueryError(_("Search for at most %(count)d words.") % {"count": MAX_WORDS})
    return words


@dataclass
class Hit:
    """A record whose text holds every word, the text cut into (piece, matched) parts."""

    record: object
    group: WorkingGroup
    parts: list
    untranslated: bool
    lang: str


def _text(record, field) -> Shown:
    """A translated field in the reader's language; any other (a document's symbol) as it is."""
    if hasattr(record, f"{field}_en"):
        return shown(record, field)
    return Shown(str(getattr(record, field) or ""), "", False)


def _match(record, group, field, words):
    text = _text(record, field)
    haystack, origin = folded(text.text)
    marks = [False] * len(text.text)
    for word in words:
        start = haystack.find(word)
        if start < 0:
            return None
        while start >= 0:
            for i in range(start, start + len(word)):
                marks[origin[i]] = True
            start = haystack.find(word, start + len(word))
    parts = []
    for char, marked in zip(text.text, marks, strict=True):
        if parts and parts[-1][1] == marked:
            parts[-1][0] += char
        else:
            parts.append([char, marked])
    return Hit(record, group, [tuple(p) for p in parts], text.untranslated, text.lang)


def _hits(records, fields, words, group_of):
    hits = []
    for record in records:
        for field in fields:
            hit = _match(record, group_of(record), field, words)
            if hit:
                hits.append(hit)
                break
    return hits


@dataclass
class Results:
    groups: list
    activities: list
    outputs: list
    remarks: list
    countries: list
    institutions: list
    documents: list

    @property
    def count(self) -> int:
        return sum(
            len(hits)
            for hits in (
                self.groups,
                self.activities,
                self.outputs,
                self.remarks,
                self.countries,
                self.institutions,
                self.documents,
            )
        )


def search(words: list[str]) -> Results:
    """Groups (by output, name or theme), activities, outputs and published remarks holding
    every word in the reader's language, in the programme's order, newest programme first; then
    countries, institutions (by name or acronym, with the groups they take part in) and
    documents (by symbol or title). Remarks are published ones only, as the pages show them."""
    groups = list(
        WorkingGroup.objects.select_related("programme").order_by("-programme__start_year", "number")
    )
    by_pk = {g.pk: g for g in groups}
    activities = Activity.objects.order_by("-group__programme__start_year", "group__number", "order")
    outputs = Output.objects.order_by("-group__programme__start_year", "group__number", "order")
    remarks = (
        ProgressEntry.objects.published()
        .exclude(remarks_en="", remarks_es="")
        .select_related("activity", "round__meeting")
        .order_by(
            "-activity__group__programme__start_year",
            "activity__group__number",
            "activity__order",
            "round__number",
        )
    )
    return Results(
        _hits(groups, ("output", "name", "theme"), words, lambda g: g),
        _hits(activities, ("text",), words, lambda a: by_pk[a.group_id]),
        _hits(outputs, ("text",), words, lambda o: by_pk[o.group_id]),
        _hits(remarks, ("remarks",), words, lambda e: by_pk[e.activity.group_id]),
        _hits(Country.objects.order_by("name_en"), ("name",), words, lambda c: None),
        _institution_hits(words, by_pk),
        _hits(Document.objects.for_register(), ("symbol", "title"), words, lambda d: d.group),
    )


def _institution_hits(words, groups_by_pk):
    """Institutions by name or acronym, each with the groups it takes part in (`hit.groups`)."""
    taking_part = {}
    for role in GroupRole.objects.exclude(institution=None).values("institution_id", "group_id").distinct():
        taking_part.setdefault(role["institution_id"], []).append(groups_by_pk[role["group_id"]])
    hits = _hits(
        Institution.objects.select_related("country").order_by("name_en"),
        ("name", "acronym"),
        words,
        lambda i: None,
    )
    for hit in hits:
        hit.groups = sorted(
            taking_part.get(hit.record.pk, []), key=lambda g: (-g.programme.start_year, g.number)
        )
    return hits
