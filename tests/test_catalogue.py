"""The Spanish interface catalogue is complete, and the compiled .mo is the .po's."""

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale/es/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")


def po_entries(po=PO):
    """(msgctxt, msgid, msgstr, flags) of every entry but the header; a plural entry gives its
    forms joined by "|" as msgstr, and its msgid as "singular|plural"."""
    for block in po.read_text(encoding="utf-8").split("\n\n"):
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
            got = "|".join(catalogue.ngettext(singular, plural, n) for n in (1, 2, 1_000_000)[: len(forms)])
            assert got.split("|")[:2] == forms[:2], f"{msgid!r}: run `make messages` to recompile"
            continue
        got = catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)
        assert got == msgstr, f"{msgid!r}: run `make messages` to recompile"


def test_every_string_the_code_and_templates_show_is_in_the_catalogue(tmp_path):
    """Extract the interface strings afresh (as `make messages` does, in a copy of the project
    holding the catalogue) and check that each has a Spanish translation: a string added to a
    page or a message without its entry in locale/es fails here."""
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    skipped = shutil.ignore_patterns(
        ".venv",
        ".git",
        "var",
        "test-artifacts",
        "staticfiles",
        "site",  # the guides built by make docs-build: HTML that is not the portal's
        "fonts",
        "*.sqlite3",
        "__pycache__",
        "*.pdf",
        "*.png",
    )
    shutil.copytree(root, copy, ignore=skipped)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cea_portal.settings.test"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "es", "--no-location", "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    fresh = copy / "locale/es/LC_MESSAGES/django.po"
    missing = [msgid for _, msgid, msgstr, flags in po_entries(fresh) if not msgstr or "fuzzy" in flags]
    assert not missing, f"Not in the Spanish catalogue (run `make messages`, then translate): {missing}"


def test_the_portal_leaves_djangos_own_words_alone_in_the_spanish_admin(admin_client):
    """Issue 17: the portal's "Change" (a difference between rounds) had made every admin
    "Change" link read "Variación"; the portal's sense has a context of its own."""
    html = admin_client.get("/es/admin/").content.decode()
    assert "Modificar" in html and "Variación" not in html


def test_counts_of_late_activities_agree_in_number():
    from django.template.loader import render_to_string
    from django.utils import translation

    def shown(lang, behind, overdue):
        with translation.override(lang):
            return render_to_string("includes/behind_overdue.html", {"behind": behind, "overdue": overdue})

    assert shown("es", 1, 1) == "1 atrasada, 1 vencida"
    assert shown("es", 0, 2) == "2 vencidas"  # a count of 0 is not printed (issue 26)
    assert shown("en", 1, 2) == "1 behind schedule, 2 overdue"
    assert shown("en", 3, 0) == "3 behind schedule" and shown("en", 0, 0) == ""


def test_the_schedule_has_one_spanish_term_as_the_glossary_says():
    """The glossary's "cronograma" for a timetable; "calendario" had been used for it too."""
    assert not [msgid for _ctx, msgid, msgstr, _flags in po_entries() if "calendario" in msgstr.lower()]
