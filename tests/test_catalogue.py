"""The Spanish interface catalogue is complete, and the compiled .mo is the .po's."""
import ast
import gettext
import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale/es/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")


def po_entries():
    """(msgctxt, msgid, msgstr, flags) of every entry but the header."""
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        parts = {}
        key = None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid|msgstr)\s+(".*")$', line)
            if match:
                key = match.group(1)
                parts[key] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and key:
                parts[key] += ast.literal_eval(line)
        if parts.get("msgid"):
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
        got = catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)
        assert got == msgstr, f"{msgid!r}: run `make messages` to recompile"
