"""The heading block of a document typed in the Conference's conventions: "UNITED NATIONS",
the Commission's line, "Distr. LIMITED", the symbol, the date, the language lines and
"ORIGINAL: SPANISH", the job number, the meeting's name and its place and dates, then the
title. The words are the portal's own (its catalogue, in the file's language), so the reader
understands what the portal prints, and no second list of them is kept here."""

import datetime
import functools
import re
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext

from core.wording import MAX_ORDINAL
from groups.models import Meeting
from reports.models import Document

from .matching import fold
from .outline import Outline
from .reading import Passage
from .sections import recognise

SYMBOL = re.compile(r"^[A-Z]{1,10}(/[A-Za-z0-9.()\-]{1,30}){1,6}$")
JOB_NUMBER = re.compile(r"^\d{2}-\d{4,5}$")
PLACE_AND_DATES = re.compile(r"^(.*?),\s*(\d.*)$")


@dataclass
class Heading:
    """What the heading block says; `passages` holds where each field was read."""

    lang: str
    commission_line: bool = False
    distribution: str = ""
    symbol: str = ""
    date: datetime.date | None = None
    original_language: str = ""
    job_number: str = ""
    body: str = ""
    number: int = 0
    place: str = ""
    is_virtual: bool = False
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    title: str = ""
    passages: dict = field(default_factory=dict)
    end: int = 0  # the index of the first block after the title

    @property
    def meeting_code(self) -> str:
        return f"{Meeting.CODE_PREFIX[self.body]}.{self.number}" if self.body else ""


@functools.cache
def _words(lang: str) -> dict:
    """The heading block's words as the portal prints them in `lang`, folded."""
    with translation.override(lang):
        meetings = {}
        for number in range(1, MAX_ORDINAL + 1):
            for body in (Meeting.Body.CONFERENCE, Meeting.Body.EXECUTIVE_COMMITTEE):
                name = Meeting(body=body, number=number).name
                meetings[fold(name)] = (body, number)
        languages = {"en": gettext("ENGLISH"), "es": gettext("SPANISH")}
        return {
            "un": fold(gettext("UNITED NATIONS")),
            "commission": fold(gettext("ECONOMIC COMMISSION FOR LATIN AMERICA AND THE CARIBBEAN")),
            "distribution": {
                fold(gettext("Distr. %(distribution)s") % {"distribution": label}): value
                for value, label in Document.Distribution.choices
            },
            "languages": {fold(name): code for code, name in languages.items()},
            "original": {
                fold(gettext("ORIGINAL: %(language)s") % {"language": name}): code
                for code, name in languages.items()
            },
            "virtual": fold(gettext("Virtual meeting")),
            "meetings": meetings,
            "months": months(lang),
            "contents": {fold(gettext("Contents")), fold(gettext("Page"))},
        }


def months(lang: str) -> dict[str, int]:
    """Folded month name -> its number, in `lang`."""
    with translation.override(lang):
        return {fold(str(name)): number for number, name in MONTHS.items()}


def dates(text: str, months: dict) -> tuple[datetime.date | None, datetime.date | None]:
    """The first and last day of "7-8 April 2041", "7 y 8 de abril de 2041", "30 April -
    2 May 2041", "5 de abril de 2041"; (None, None) when the text is no such date."""
    words = re.findall(r"\d+|[^\W\d_]+", fold(text))
    years = [int(w) for w in words if w.isdigit() and len(w) == 4]
    days = [int(w) for w in words if w.isdigit() and len(w) <= 2]
    named = [months[w] for w in words if w in months]
    if not (years and days and named):
        return None, None
    try:
        first = datetime.date(years[0], named[0], days[0])
        return first, datetime.date(years[-1], named[-1], days[-1])
    except ValueError:
        return None, None


def _meeting(line: str, meetings: dict):
    """(body, number) of a meeting's name, written out whole or up to the body's name."""
    if line in meetings:
        return meetings[line]
    found = [value for name, value in meetings.items() if name.startswith(line) and len(line) > 20]
    return found[0] if len(found) == 1 else None


def _read_line(heading: Heading, words: dict, text: str, passage: Passage) -> bool:
    """Take the line into `heading`; False when it is none of the block's lines."""
    line, name = fold(text), "heading"
    meeting = _meeting(line, words["meetings"]) if not heading.body else None
    place = PLACE_AND_DATES.match(text) if heading.body and not heading.start_date else None
    if line in (words["un"], *words["languages"]):
        return True
    if line == words["commission"]:
        heading.commission_line = True
    elif line in words["distribution"]:
        heading.distribution = words["distribution"][line]
    elif SYMBOL.match(text) and not heading.symbol:
        heading.symbol, name = text, "symbol"
    elif line in words["original"]:
        heading.original_language = words["original"][line]
    elif JOB_NUMBER.match(text):
        heading.job_number = text
    elif meeting:
        (heading.body, heading.number), name = meeting, "meeting"
    elif place and dates(place[2], words["months"])[0]:
        heading.start_date, heading.end_date = dates(place[2], words["months"])
        if fold(place[1]) == words["virtual"]:
            heading.is_virtual = True
        else:
            heading.place = place[1].strip()
        name = "place"
    elif not heading.date and len(text) < 40 and dates(text, words["months"])[0]:
        heading.date, name = dates(text, words["months"])[0], "date"
    else:
        return False
    heading.passages.setdefault(name, passage)
    return True


def _part_heading(block, lang: str) -> bool:
    """Whether the block heads a part ("INTRODUCTION" set in capitals), not the title's next line."""
    return block.style.startswith("Heading") or bool(recognise(block.text, lang)[0])


def read_heading(outline: Outline) -> Heading:
    """The heading block at the top of the outline, and the title below it."""
    heading, words = Heading(outline.lang), _words(outline.lang)
    capitals = False
    for index, block in enumerate(outline.blocks):
        passage = Passage(outline.lang, block.where, block.text)
        if block.kind == "table" and index < 3:
            # A heading block laid out as a table (the UN's own template): a line a paragraph.
            for line in block.lines:
                _read_line(heading, words, line, passage)
            continue
        if block.kind == "paragraph" and _read_line(heading, words, block.text, passage):
            continue
        if block.kind == "paragraph" and heading.symbol and not heading.title:
            capitals, heading.title = block.text.isupper(), block.text
            heading.passages["title"] = passage
            heading.end = index + 1
            continue
        # A title in capitals may run over several paragraphs; a contents page's line is no title.
        more = block.kind == "paragraph" and heading.title and capitals and block.text.isupper()
        if more and fold(block.text) not in words["contents"] and not _part_heading(block, outline.lang):
            heading.title, heading.end = f"{heading.title} {block.text}", index + 1
            continue
        break
    if heading.title and heading.title.isupper():
        heading.title = heading.title.capitalize()
    return heading
