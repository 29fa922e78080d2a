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


def folded(text: str) -> tuple[str, list[int]]:
    """`text` without accents and case, and for each of its characters the index of the
    character of `text` it came from (so that a match can be marked in the original)."""
    out, origin = [], []
    for index, char in enumerate(text):
        for piece in _fold(char):
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


def words(text: str) -> list[str]:
    """The words of `text` as the index and a query hold them."""
    return WORD.findall(folded(text)[0])


def marked(text: str, prefixes: list[str]) -> list[tuple[str, bool]]:
    """`text` cut into (piece, matched) parts, a word matched when it starts with one of
    `prefixes` (folded words), as the engines match a query's words."""
    haystack, origin = folded(text)
    marks = [False] * len(text)
    for found in WORD.finditer(haystack):
        if any(found.group().startswith(prefix) for prefix in prefixes):
            for i in range(origin[found.start()], origin[found.end() - 1] + 1):
                marks[i] = True
    parts = []
    for char, mark in zip(text, marks, strict=True):
        if parts and parts[-1][1] == mark:
            parts[-1][0] += char
        else:
            parts.append([char, mark])
    return [tuple(part) for part in parts]
