"""Countries and institutions named in a document, found among the records by name or acronym in
either language, accents, case and punctuation ignored. One record found: its natural key (ISO
code, institution code). None or several: the reader asks the clerk (a Question with the
candidates as choices); it never picks one itself."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from groups.models import Country, Institution

from .reading import Passage, Question, Reading

PARENTHESES = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*(.*)$")
# "... of Ecuador", "... del Ecuador", "... de Chile": the country an institution belongs to.
OF_COUNTRY = re.compile(r"^(.*\S)\s+(?:of|de|del)\s+(.+)$", re.I)


def fold(text: str) -> str:
    """The text as compared: no accents, no case, punctuation as spaces, one space between words."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w@]+", " ", plain).split())


def _without_article(text: str) -> str:
    return re.sub(r"^(the|el|la|los|las) ", "", text)


@dataclass(frozen=True)
class Match:
    """What a name in the document found: the natural keys of every candidate record."""

    found: str
    keys: tuple[str, ...]

    @property
    def key(self) -> str:
        """The record's key when exactly one was found, else ""."""
        return self.keys[0] if len(self.keys) == 1 else ""


class Matcher:
    """The countries and institutions, read once per document, indexed by every name they go by."""

    def __init__(self):
        self.countries: dict[str, set[str]] = {}
        self.country_labels: dict[str, str] = {}
        for country in Country.objects.all():
            names = (country.iso3, country.name_en, country.name_es)
            phrases = (country.name_in_phrase_en, country.name_in_phrase_es)
            for name in (*names, *phrases):
                if name:
                    self.countries.setdefault(_without_article(fold(name)), set()).add(country.iso3)
            self.country_labels[country.iso3] = f"{country.iso3}: {country.name_en} / {country.name_es}"
        self.names: dict[str, set[str]] = {}
        self.acronyms: dict[str, set[str]] = {}
        self.country_of: dict[str, str] = {}
        self.acronym_of: dict[str, dict[str, str]] = {}
        self.labels: dict[str, str] = {}
        for institution in Institution.objects.select_related("country"):
            code = institution.code
            for name in (institution.name_en, institution.name_es):
                if name:
                    self.names.setdefault(fold(name), set()).add(code)
            for acronym in (institution.acronym_en, institution.acronym_es, code):
                if acronym:
                    self.acronyms.setdefault(fold(acronym), set()).add(code)
            self.country_of[code] = institution.country.iso3 if institution.country else ""
            self.acronym_of[code] = {"en": institution.acronym_en or "", "es": institution.acronym_es or ""}
            where = f", {institution.country.name_en}" if institution.country else ""
            self.labels[code] = f"{code}: {institution.name_en} / {institution.name_es}{where}"

    def country(self, text: str) -> Match:
        """The country named `text` ("Chile", "el Perú", "PER", "Mexico"/"México")."""
        name = _without_article(fold(text.rstrip(".")))
        return Match(text, tuple(sorted(self.countries.get(name, ()))))

    def _split(self, text: str) -> tuple[str, str, str]:
        """(name, acronym, country key) of "Name (ACRONYM) of Country" and its shorter forms."""
        text = text.strip().rstrip(".;,").strip()
        name, acronym, country = text, "", ""
        if match := PARENTHESES.match(text):
            name, acronym, rest = match[1], match[2], match[3]
            found = self.country(re.sub(r"^(of|de|del)\s+", "", rest, flags=re.I)) if rest else None
            country = found.key if found else ""
        elif (match := OF_COUNTRY.match(text)) and self.country(match[2]).key:
            name, country = match[1], self.country(match[2]).key
        if not acronym and " " not in name.strip():
            name, acronym = "", name
        return name, acronym, country

    def institution(self, text: str, country: str = "") -> Match:
        """The institution named `text`: by name, by acronym or both ("National Institute of
        Statistics (INE)"), narrowed to `country` (or the country the text names) when that
        leaves any."""
        name, acronym, named_country = self._split(text)
        by_name = self.names.get(fold(name), set()) if name else set()
        by_acronym = self.acronyms.get(fold(acronym), set()) if acronym else set()
        both = by_name & by_acronym
        candidates = both or (by_name if not by_acronym else by_acronym if not by_name else set())
        if not candidates and name and acronym:
            candidates = by_name | by_acronym
        country = country or named_country
        narrowed = {code for code in candidates if self.country_of.get(code) == country}
        if country and narrowed:
            candidates = narrowed
        return Match(text, tuple(sorted(candidates)))

    def choices(self, match: Match, kind: str) -> tuple:
        labels = self.labels if kind == "institution" else self.country_labels
        return tuple((key, labels[key]) for key in match.keys)


def ask(
    reading: Reading,
    matcher: Matcher,
    match: Match,
    kind: str,
    *,
    cell: tuple[str, int, str],
    passage: Passage,
    placeholder: str = "",
    key: str = "",
) -> None:
    """Ask the clerk which record `match` names: its candidates as choices, or none to choose
    from (the clerk types the key). `cell` is (sheet, row, column) the answer goes to."""
    sheet, row, column = cell
    several = len(match.keys) > 1
    if kind == "institution":
        message = (
            _("“%(name)s” may be any of several institutions: choose the one the document means.")
            if several
            else _(
                "“%(name)s” is no institution of the register: give its code "
                "(add it in the administration first if it is new)."
            )
        )
    else:
        message = (
            _("“%(name)s” may be any of several countries: choose the one the document means.")
            if several
            else _("“%(name)s” is no country of the register: give its ISO code.")
        )
    reading.questions.append(
        Question(
            key=key or f"{kind}-{len(reading.questions) + 1}",
            sheet=sheet,
            row=row,
            column=column,
            found=match.found,
            passage=passage,
            choices=matcher.choices(match, kind),
            placeholder=placeholder,
            message=message % {"name": match.found},
        )
    )
