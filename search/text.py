"""Texts as the index holds them and as a query is read: without accents, case or punctuation,
cut into words of letters and digits. Done here, the same for both engines, so that PostgreSQL
and SQLite see the same words (neither then needs its own accent folding) and find the same
records; and the words found are marked in the original text the same way."""

import functools
import re
import unicodedata

WORD = re.compile(r"[^\W_]+")  # letters and digits, as SQLite's unicode61 tokenizer cuts them


@functools.cache  # a few hundred different characters at most
def _fold(char: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).casefold()


def _folded_text(text: str) -> str:
    return text.casefold() if text.isascii() else "".join(map(_fold, text))


def folded(text: str) -> tuple[str, range | list[int]]:
    """`text` without accents and case, and for each of its characters the index of the
    character of `text` it came from (so that a match can be marked in the original)."""
    out = _folded_text(text)
    if text.isascii() or all(len(_fold(char)) == 1 for char in set(text)):
        return out, range(len(text))  # each character folds to one: the same places
    origin = [index for index, char in enumerate(text) for _piece in _fold(char)]
    return out, origin


def words(text: str) -> list[str]:
    """The words of `text` as the index and a query hold them."""
    return WORD.findall(_folded_text(text))


def marked(text: str, prefixes: list[str]) -> list[tuple[str, bool]]:
    """`text` cut into (piece, matched) parts, a word matched when it starts with one of
    `prefixes` (folded words), as the engines match a query's words."""
    haystack, origin = folded(text)
    prefixes = tuple(prefixes)
    parts, shown = [], 0  # `shown`: where in `text` the next part starts
    for found in WORD.finditer(haystack):
        if found.group().startswith(prefixes):
            start, end = origin[found.start()], origin[found.end() - 1] + 1
            if start > shown:
                parts.append((text[shown:start], False))
            parts.append((text[start:end], True))
            shown = end
    if shown < len(text):
        parts.append((text[shown:], False))
    return parts
