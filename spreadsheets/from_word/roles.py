"""A group's roles as a typed report lists them ("Chile: National Institute of Statistics (INE)",
"Argentina, Brazil and Peru.", a bullet per participating body), found among the countries and
institutions in either language, and written as the group's role columns ("CHL: INE@CHL",
"ARG; BRA; PER"). A name found nowhere, or in several records, is asked about: its place in
the cell holds a placeholder the clerk's answer replaces."""

import re

from .matching import Match, Matcher, ask, fold
from .pairing import pair_lists
from .reading import Passage, Reading

AND = r"(?:and|y|e)"
# Between country names: commas and the last "and"; between institutions: only after the
# closing parenthesis of an acronym, for their names have commas and "and" of their own.
COUNTRY_SPLIT = re.compile(rf",\s*|\s+{AND}\s+|;\s*")
INSTITUTION_SPLIT = re.compile(rf"(?<=\))\s*(?:,|;|\s{AND}\s)\s*|;\s*")
# Before "Mexico: ..." in "Chile: INE and Mexico: INEGI": a role of a country with its body.
BEFORE_COUNTRY = re.compile(rf"(?:,\s*|;\s*|\s+{AND}\s+)(?=[^,;:()]+:)")


def names(text: str, role: str, matcher: Matcher | None = None) -> list[str]:
    """The names a typed list item holds: countries split at commas and "and"; bodies only after
    an acronym's closing parenthesis or before "Country:"; a list of countries alone ("Chile and
    Mexico") wherever each piece is a country `matcher` knows."""
    text = text.strip().rstrip(".").strip()
    if role == "members":
        return [part.strip() for part in COUNTRY_SPLIT.split(text) if part.strip()]
    found = []
    for piece in INSTITUTION_SPLIT.split(text):
        for part in BEFORE_COUNTRY.split(piece) if ":" in piece else [piece]:
            countries = [p.strip() for p in COUNTRY_SPLIT.split(part) if p.strip()]
            alone = matcher and len(countries) > 1 and all(matcher.country(p).key for p in countries)
            found += countries if alone else [part.strip()]
    return [name for name in found if name]


def _resolved(matcher: Matcher, texts: list[str], role: str) -> tuple[str, str, Match | None, str]:
    """(country key, institution key, unresolved match, its kind) of one role named in one or both
    languages; the first language that names it unambiguously wins."""
    country, institution, pending = "", "", None
    kind = "country" if role in ("members", "coordinating") else "institution"
    for text in texts:
        if not text:
            continue
        left, colon, right = text.partition(":")
        left_country = matcher.country(left).key if colon else ""
        if role == "members" or (role == "coordinating" and not colon):
            found = matcher.country(text)
            if found.key:
                return found.key, "", None, "country"
            pending = pending or found
            continue
        if left_country:
            country = left_country
            found = matcher.institution(right, country)
        else:
            found = matcher.institution(text)
        if found.key:
            return country, found.key, None, "institution"
        pending = found if pending is None or (found.keys and not pending.keys) else pending
        kind = "institution"
    return country, institution, pending, kind


def without_acronym(matcher: Matcher, texts: list[str], institution: str) -> list[str]:
    """The languages in which the document names `institution` by its name alone, where the
    portal would print its acronym after it: the document's wording of it."""
    languages = []
    for lang, text in zip(("en", "es"), texts, strict=True):
        name = text.partition(":")[2] if ":" in text else text
        acronym = matcher.acronym_of.get(institution, {}).get(lang, "")
        if text and acronym and "(" not in name and fold(name) != fold(acronym):
            languages.append(lang)
    return languages


def role_cells(reading: Reading, matcher: Matcher, en: list, es: list, role: str, keys: list) -> tuple:
    """The role column's text for items `en` and `es` ((text, block) pairs), and the questions to
    ask once the group's row exists: (match, kind, placeholder, passage), and the (language,
    institution, passage) the document names without its acronym. `keys` numbers the questions."""
    en_names = [(name, block) for text, block in en for name in names(text, role, matcher)]
    es_names = [(name, block) for text, block in es for name in names(text, role, matcher)]
    items, pending, wordings = [], [], set()
    for pair in pair_lists(en_names, es_names):
        texts = [p[0] if p else "" for p in pair]
        country, institution, match, kind = _resolved(matcher, texts, role)
        if match is not None:
            key = f"{kind}-{len(keys) + 1}"
            keys.append(key)
            placeholder = f"?{key}"
            item = f"{country}: {placeholder}" if country else placeholder
            block, lang = (pair[0][1], "en") if pair[0] else (pair[1][1], "es")
            pending.append((match, kind, placeholder, Passage(lang, block.where, block.text), key))
        elif country and institution:
            item = f"{country}: {institution}"
        else:
            item = country or institution
        # Only the participating bodies: they are printed as phrases ("Name (ACRONYM) of
        # Country"), which follow the wording; the other roles' lists always print the acronym.
        if institution and match is None and role == "participating":
            for lang in without_acronym(matcher, texts, institution):
                block = pair[("en", "es").index(lang)][1]
                wordings.add((lang, institution, Passage(lang, block.where, block.text)))
        items.append(item)
    return "; ".join(items), pending, wordings


def ask_roles(reading: Reading, matcher: Matcher, row: int, column: str, pending: list) -> None:
    for match, kind, placeholder, passage, key in pending:
        ask(
            reading,
            matcher,
            match,
            kind,
            cell=("working_groups", row, column),
            passage=passage,
            placeholder=placeholder,
            key=key,
        )
