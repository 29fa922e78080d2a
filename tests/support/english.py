"""Whether a message meant for a Spanish reader is in English: it holds a sentence of a
catalogue's English (a msgid of Django's, Django REST framework's, a library's or the portal's:
two words or more between its placeholders), or English words no Spanish sentence has."""

import functools
import gettext
import re
from html import unescape
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings

_PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{[\w.]*(?::[^}]*)?\}")
_ENGLISH_WORDS = re.compile(
    r"\b(the|is|are|this|that|was|were|must|please|your|should|could|been|does|doesn't|can't|"
    r"cannot|field|valid|invalid|request|required|allowed|expected|available|seconds?|"
    r"failed|missing|not found|permission|throttled)\b",
    re.IGNORECASE,
)


_PO_ENTRY = re.compile(r'^msgid ((?:"(?:[^"\\]|\\.)*"\n?)+)', re.M)


def _po_msgids(path: Path):
    """The msgids of a .po file, translated or not (a fuzzy one is left out of the .mo)."""
    for entry in _PO_ENTRY.findall(path.read_text(encoding="utf-8")):
        yield "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', entry)).encode().decode("unicode_escape")


def _catalogues():
    """(msgid, Spanish) of every catalogue a request may read (LOCALE_PATHS, the apps', Django's),
    with the msgids of their .po files that have no Spanish (an empty Spanish)."""
    folders = [Path(path) for path in settings.LOCALE_PATHS]
    folders += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    folders.append(Path(django.__file__).parent / "conf" / "locale")
    for folder in folders:
        compiled, source = (
            folder / "es" / "LC_MESSAGES" / "django.mo",
            folder / "es" / "LC_MESSAGES" / "django.po",
        )
        catalogue = {}
        if compiled.exists():
            with open(compiled, "rb") as mo:
                catalogue = gettext.GNUTranslations(mo)._catalog
        yield from catalogue.items()
        if source.exists():
            yield from ((msgid, "") for msgid in _po_msgids(source) if msgid not in catalogue)


@functools.cache
def english_fragments() -> frozenset:
    """The sentences of English that a catalogue has (those it leaves as they are excepted)."""
    fragments = set()
    for msgid, msgstr in _catalogues():
        msgid = msgid[0] if isinstance(msgid, tuple) else msgid  # a plural: (msgid, n)
        if not msgid or msgid == msgstr or "\x04" in msgid:
            continue
        for fragment in _PLACEHOLDER.split(msgid):
            fragment = fragment.strip(" .:;,“”\"'")
            if len(fragment.split()) >= 2 and len(fragment) >= 10:
                fragments.add(fragment)
    return frozenset(fragments)


def english_in(text: str) -> list[str]:
    """The English found in `text` (a message, or a page's text without its tags)."""
    found = [fragment for fragment in english_fragments() if fragment in text]
    found += [match.group() for match in _ENGLISH_WORDS.finditer(text)]
    return found


_MESSAGE_BLOCKS = re.compile(
    r'<(ul|div|p|li)[^>]*class="[^"]*(?:errorlist|errornote|messagelist|messages|error|notice)[^"]*"[^>]*>(.*?)</\1>',
    re.S,
)
_TAGS = re.compile(r"<[^>]+>")


def page_messages(html: str) -> list[str]:
    """The texts of a page's error lists, error notes and messages, without their tags."""
    return [
        " ".join(unescape(_TAGS.sub(" ", block)).split())
        for _tag, block in _MESSAGE_BLOCKS.findall(html)
        if _TAGS.sub("", block).strip()
    ]


def json_messages(value) -> list[str]:
    """Every text of a JSON answer's body (the API's errors are texts, lists and objects of them)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in json_messages(item)]
    if isinstance(value, list):
        return [text for item in value for text in json_messages(item)]
    return []
