"""The Spanish interface catalogue is complete, and the compiled .mo is the .po's."""
import ast
import gettext
import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale/es/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")


def po_entries():
    """(msgctxt, msgid, msgstr, flags) of every entry but the header; a plural entry gives its
    forms joined by "|" as msgstr, and its msgid as "singular|plural"."""
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        parts = {}
        key = None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?)\s+(".*")$', line)
            if match:
                key = match.group(1)
                parts[key] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and key:
                parts[key] += ast.literal_eval(line)
        if parts.get("msgid_plural"):
            forms = [value for name, value in sorted(parts.items()) if name.startswith("msgstr[")]
            msgstr = "|".join(forms) if all(forms) else ""
            yield parts.get("msgctxt"), f"{parts['msgid']}|{parts['msgid_plural']}", msgstr, flags
        elif parts.get("msgid"):
            yield parts.get("msgctxt"), parts["msgid"], parts.get("msgstr", ""), flags


def test_every_interface_string_is_translated():
    entries = list(po_entries())
    assert len(entries) > 150
    untranslated = [msgid for _, msgid, msgstr, _ in entries if not msgstr]
    fuzzy = [msgid for _, msgid, _, flags in entries if "fuzzy" in flags]
    assert not untranslated and not fuzzy, (untranslated, fuzzy)


def test_compiled_catalogue_matches_the_source():
    with MO.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for context, msgid, msgstr, _ in po_entries():
        if "|" in msgid:  # plural: compare every form the language has
            singular, plural = msgid.split("|")
            forms = msgstr.split("|")
            got = "|".join(catalogue.ngettext(singular, plural, n) for n in (1, 2, 1_000_000)[:len(forms)])
            assert got.split("|")[:2] == forms[:2], f"{msgid!r}: run `make messages` to recompile"
            continue
        got = catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)
        assert got == msgstr, f"{msgid!r}: run `make messages` to recompile"
