"""A time shown to a person names its zone (core/times.py, the `zoned` template filter): the
portal shows times in America/Santiago, which most of its readers are not in. The Spanish
asserted here is the catalogue's (locale/es/LC_MESSAGES/django.po)."""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone, translation

from accounts.tokens import token_create
from core.times import zoned

# 17:30 UTC on a December day: 14:30 in Santiago (UTC-3 in the southern summer), 12:30 in New York.
MOMENT = datetime.datetime(2026, 12, 5, 17, 30, tzinfo=datetime.UTC)
WRITTEN = {
    "en": "5 December 2026, 14:30 (Santiago time)",
    "es": "5 de diciembre de 2026 a las 14:30 (hora de Santiago)",
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_time_is_written_with_its_zone_in_the_readers_language(lang):
    with translation.override(lang):
        assert zoned(MOMENT) == WRITTEN[lang]


def test_the_zone_named_is_the_active_one():
    with timezone.override("America/New_York"):
        assert zoned(MOMENT) == "5 December 2026, 12:30 (New York time)"
    with timezone.override("UTC"):
        assert zoned(MOMENT) == "5 December 2026, 17:30 (UTC)"
    assert zoned(None) == ""


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_page_names_the_zone_beside_a_time(lang, client, coordinator):
    with time_machine.travel(MOMENT, tick=False):
        token_create(user=coordinator, name="Sync script")
    client.force_login(coordinator)
    page = client.get(f"/{lang}/accounts/tokens/").content.decode()
    assert WRITTEN[lang] in page


# A date filter whose format shows the hour: a named format with TIME in it, or a format string
# with one of the hour, minute or second letters (backslash-escaped letters are literal text).
_DATE_FILTER = re.compile(r"\|date:[\"']([^\"']*)[\"']")
_TIME_LETTERS = re.compile(r"[aABfgGhHisuPT]")


def _shows_hours(fmt: str) -> bool:
    if fmt.isupper() or fmt.endswith("_FORMAT"):
        return "TIME" in fmt
    return bool(_TIME_LETTERS.search(re.sub(r"\\.", "", fmt)))


def test_no_template_shows_a_time_without_its_zone():
    roots = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]
    offenders = []
    for root in roots:
        for path in root.rglob("*"):
            if path.suffix not in (".html", ".txt") or ".venv" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            if re.search(r"\|time\b", text) or any(_shows_hours(f) for f in _DATE_FILTER.findall(text)):
                offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert offenders == [], "write these times with |zoned (core/templatetags/times.py)"


def test_the_check_of_templates_finds_a_time_without_its_zone():
    assert _shows_hours("DATETIME_FORMAT") and _shows_hours("H:i") and _shows_hours("j F Y, G\\h")
    assert not _shows_hours("DATE_FORMAT") and not _shows_hours("j \\d\\e F \\d\\e Y")
