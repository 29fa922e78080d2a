"""Search across working groups, activities, outputs, published remarks, countries,
institutions and documents (by symbol or title): the one function the search page calls.
The database finds, counts and orders the records (search/query.py); only the records of the
page shown are read, and only their texts are marked."""

from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, F, Window
from django.db.models.functions import DenseRank
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.bilingual import LANGUAGES
from groups.models import GroupRole, Programme, WorkingGroup

from . import query, text
from .kinds import INSTITUTIONS, KINDS
from .query import Found

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
PREVIEW = 10  # hits of each kind on the page of every kind
PER_PAGE = 25  # hits on a page of one kind
SHOWN_GROUPS = 10  # groups an institution found takes part in


class QueryError(ValueError):
    pass


def words_of(query_text: str) -> list[str]:
    """The words to look for, folded (none if the query holds only punctuation); QueryError
    with the reader's message when nothing is typed or too much."""
    query_text = (query_text or "").strip()
    if len(query_text) > MAX_QUERY_LENGTH:
        raise QueryError(_("Search for at most %(count)d characters.") % {"count": MAX_QUERY_LENGTH})
    typed = query_text.split()
    if not typed:
        raise QueryError(_("Type a word to search for."))
    if len(typed) > MAX_WORDS:
        raise QueryError(_("Search for at most %(count)d words.") % {"count": MAX_WORDS})
    return text.words(query_text)


@dataclass
class Hit:
    """A record found, with the text that matched cut into (piece, matched) parts. `untranslated`:
    that text is not in the reader's language (`lang`: its language, blank for a symbol);
    `translated`: the record has the text in the reader's language too, which did not match."""

    record: object
    group: object
    parts: list
    untranslated: bool
    translated: bool
    lang: str
    groups: list = field(default_factory=list)  # the first of an institution's groups
    group_count: int = 0  # how many groups the institution takes part in


@dataclass
class Section:
    """The hits of one kind shown, of `count`; `page` when the reader pages through the kind."""

    kind: str
    count: int
    hits: list
    page: object = None

    @property
    def title(self):
        return KINDS[self.kind].title


@dataclass
class Results:
    counts: dict  # kind -> how many records of it were found
    sections: list  # what is shown of each kind
    kind: str | None = None  # the one kind paged through, if any
    asked_page: str | None = None  # a page number that does not exist, as asked

    @property
    def count(self) -> int:
        return sum(self.counts.values())

    @property
    def kinds(self) -> list:
        """(kind, its heading, how many) of every kind found, in the page's order."""
        return [(name, kind.title, self.counts[name]) for name, kind in KINDS.items() if name in self.counts]


def _holds(value, words) -> bool:
    """Whether every word starts a word of `value`, as the engines match (search.query)."""
    held = text.words(value)
    return all(any(word_held.startswith(word) for word_held in held) for word in words)


def _matched_text(kind, record, words, lang, in_reader_language) -> tuple[str, str, str]:
    """(field, language, text) of `record` that the engine matched: the first field, in the
    order the kind prefers them, holding every word in the reader's language (or in none),
    else in the other language."""
    other = next(code for code in LANGUAGES if code != lang)
    for name in kind.fields:
        if kind.translated(name):
            text_lang = lang if in_reader_language else other
        elif in_reader_language:
            text_lang = ""
        else:
            continue
        value = str(getattr(record, f"{name}_{text_lang}" if text_lang else name) or "")
        if _holds(value, words):
            return name, text_lang, value
    # Changed since the index was read: shown as it is now.
    return kind.fields[0], "", str(getattr(record, kind.fields[0]) or "")


def _hit(kind, record, found: Found, words, lang) -> Hit:
    name, shown_lang, shown = _matched_text(kind, record, words, lang, found.in_reader_language)
    untranslated = shown_lang not in (lang, "")
    return Hit(
        record,
        kind.group(record),
        text.marked(shown, words),
        untranslated=untranslated,
        translated=untranslated and bool(getattr(record, f"{name}_{lang}", "")),
        lang=shown_lang,
    )


def _hits(found: list[Found], words, lang) -> dict[str, list[Hit]]:
    """The records of `found` read, in its order, kind by kind: one query per kind."""
    by_kind = {}
    for item in found:
        by_kind.setdefault(item.kind, []).append(item)
    hits = {}
    for name, items in by_kind.items():
        kind = KINDS[name]
        records = kind.shown().in_bulk([item.record_id for item in items])
        hits[name] = [
            _hit(kind, records[i.record_id], i, words, lang) for i in items if i.record_id in records
        ]
    _take_part(hits.get(INSTITUTIONS.name, []))
    return hits


def _take_part(hits) -> None:
    """Each institution found with the first SHOWN_GROUPS groups it takes part in, newest
    programme first (`hit.groups`), and how many there are (`hit.group_count`)."""
    if not hits:
        return
    # Not the groups of a draft the secretariat has not published: the results are every reader's.
    roles = GroupRole.objects.filter(
        institution__in=[hit.record.pk for hit in hits], group__programme__in=Programme.objects.readable()
    ).order_by()
    # A group where the institution has several roles takes one place: DENSE_RANK.
    pairs = set(
        roles.annotate(
            place=Window(
                DenseRank(),
                partition_by=[F("institution_id")],
                order_by=[F("group__programme__start_year").desc(), F("group__number")],
            )
        )
        .filter(place__lte=SHOWN_GROUPS)
        .values_list("institution_id", "place", "group_id")
    )
    groups = WorkingGroup.objects.select_related("programme").in_bulk({p[2] for p in pairs})
    counts = dict(roles.values_list("institution_id").annotate(Count("group_id", distinct=True)))
    for hit in hits:
        mine = sorted((place, group_id) for pk, place, group_id in pairs if pk == hit.record.pk)
        hit.groups = [groups[group_id] for _place, group_id in mine]
        hit.group_count = counts.get(hit.record.pk, 0)


class _KindHits:
    """One kind's hits as a sequence the paginator pages through: the count the database gave,
    and only the slice asked for read."""

    def __init__(self, kind, count, words, lang):
        self.kind, self._count, self.words, self.lang = kind, count, words, lang

    def count(self):
        return self._count

    def __getitem__(self, part: slice):
        _counts, found = query.found(self.words, self.lang, [self.kind], start=part.start, stop=part.stop)
        return _hits(found, self.words, self.lang).get(self.kind, [])


def _paged(kind, count, words, lang, number):
    """The page `number` of a kind's hits; a number that is no page gives the last one (the
    first, if not a number), and says so."""
    paginator = Paginator(_KindHits(kind, count, words, lang), PER_PAGE)
    try:
        return paginator.page(number or 1), None
    except PageNotAnInteger:
        return paginator.page(1), number
    except EmptyPage:
        return paginator.page(paginator.num_pages), number


def search(words: list[str], *, kind: str | None = None, page: str | None = None) -> Results:
    """What holds every word, kind by kind in the page's order, each kind's hits in order: the
    first PREVIEW of each kind, or with `kind` the page `page` of that kind."""
    lang = (get_language() or "en")[:2]
    if kind in KINDS and words:
        counts = query.counts(words)
        if counts.get(kind):
            paged, asked = _paged(kind, counts[kind], words, lang, page)
            return Results(counts, [Section(kind, counts[kind], list(paged.object_list), paged)], kind, asked)
    if not words:
        return Results({}, [])
    counts, found = query.found(words, lang, list(KINDS), stop=PREVIEW, counting=True)
    hits = _hits(found, words, lang)
    sections = [Section(name, counts[name], hits.get(name, [])) for name in KINDS if counts.get(name)]
    return Results(counts, sections)
