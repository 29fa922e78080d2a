"""A report of a working group written by a person in Word in the Conference's conventions (the
older shape), in English, Spanish or both, read into a Reading: the meeting, the programme, the
round, the group with its roles and paragraphs, its objectives, areas and action lines, outputs
and plan, the group report's narrative, and the document's register entry and composition. The
conventions it understands are in docs/developer/word.md."""

import datetime
import re

from django.db.models import Max
from django.utils.translation import gettext as _

from core.wording import roman
from groups.models import Programme, WorkingGroup
from reporting.models import ReportingRound
from reports.models import Document

from . import plan, register
from .content import Content, read_content
from .events import events
from .matching import Matcher, fold
from .missing import ask_missing_texts
from .outline import outline
from .reading import Passage, Reading, Unreadable
from .register import both, first, heading_passages
from .roles import ask_roles, role_cells

GROUP_TEXTS = ("objectives_lead_in", "objectives_closing", "outputs_lead_in", "financing", "previous_results")
PERIOD = re.compile(r"\b(\d{4})\s*[-–]\s*(\d{4})\b")
TITLE = re.compile(r"^(?:report|informe)\s+(?:of|del|de)\s+(?:the\s+|la\s+)?(.+?)\.?$", re.I)


def _by_language(files: list) -> dict[str, Content]:
    """Each file's content by the language it is written in; two in one language are refused."""
    contents = {}
    for document in files:
        found = outline(document)
        if found.lang in contents:
            raise Unreadable(_("Two files are in the same language; give one file per language."))
        contents[found.lang] = read_content(found)
    return contents


def _meeting(reading: Reading, contents: dict) -> str:
    heading = next((c.heading for c in contents.values() if c.heading.body), None)
    if heading is None:
        reading.warnings.append(
            _("The heading block names no meeting of the Conference or of its Executive Committee.")
        )
        return ""
    row = {"code": heading.meeting_code, "body": heading.body, "number": heading.number}
    row.update(both("place", {lang: c.heading.place for lang, c in contents.items()}))
    row["is_virtual"] = heading.is_virtual
    if heading.start_date:
        row.update(start_date=heading.start_date.isoformat(), end_date=heading.end_date.isoformat())
    reading.add("meetings", row, *heading_passages(contents, "meeting"), *heading_passages(contents, "place"))
    return heading.meeting_code


def _period(reading: Reading, contents: dict, meeting: str) -> tuple[str, list[Passage]]:
    """The programme's period, as a part's heading or the title gives it ("2040-2041"), or else
    the period of the meeting's round; the passage it was read from is kept for its row."""
    places = [(c.lang, s.block.where, s.heading) for c in contents.values() for s in c.sections]
    places += [
        (c.lang, c.heading.passages["title"].where, c.heading.title)
        for c in contents.values()
        if c.heading.title
    ]
    for lang, where, text in places:
        if match := PERIOD.search(text or ""):
            return f"{match[1]}-{match[2]}", [Passage(lang, where, text)]
    existing = ReportingRound.objects.filter(meeting__code=meeting).select_related("programme").first()
    if existing:
        return existing.programme.period, []
    reading.warnings.append(
        _("The document names no programme (a period such as 2040-2041): give it in the preview.")
    )
    return "", []


def _programme(reading: Reading, period: str, passages: list[Passage]) -> None:
    start, _dash, end = period.partition("-")
    if period and not Programme.objects.filter(start_year=start).exists():
        reading.add("programmes", {"start_year": int(start), "end_year": int(end)}, *passages)


def _round(reading: Reading, meeting: str, period: str, contents: dict) -> None:
    existing = ReportingRound.objects.filter(meeting__code=meeting).first()
    row = {"meeting": meeting, "programme": period}
    if existing is None:
        row.update(progress_form="narrative", status="closed")
        _round_needs(reading, row, meeting, period, contents)
    reading.add("reporting_rounds", row, *heading_passages(contents, "meeting"))


def _round_needs(reading: Reading, row: dict, meeting: str, period: str, contents: dict) -> None:
    """What a new round must have that a group's report does not give (its number and dates),
    only while the model requires it: proposed, and the clerk told so."""
    fields = {name: ReportingRound._meta.get_field(name) for name in ("number", "opens_on", "deadline")}
    needed = [name for name, field in fields.items() if not field.null]
    if not needed:
        return
    taken = ReportingRound.objects.filter(programme__start_year=period[:4] or 0).aggregate(n=Max("number"))
    start = (first(contents, "start_date") or datetime.date.today()).isoformat()
    proposed = {"number": (taken["n"] or 0) + 1, "opens_on": start, "deadline": start}
    row.update({name: proposed[name] for name in needed})
    reading.warnings.append(
        _(
            "The round for meeting %(meeting)s is new: the document gives no report number or "
            "dates, so number %(number)s and the meeting's first day are proposed; correct them "
            "in the preview."
        )
        % {"meeting": meeting, "number": proposed["number"]}
    )


def _group_name(contents: dict) -> dict:
    names = {}
    for lang, content in contents.items():
        if match := TITLE.match(content.heading.title or ""):
            name = match[1]
            names[lang] = name[0].upper() + name[1:]
    return names


def _group_code(reading: Reading, period: str, names: dict) -> str:
    folded = {fold(name) for name in names.values()}
    groups = WorkingGroup.objects.filter(programme__start_year=period[:4] or 0)
    for group in groups:
        if folded & {fold(group.name_en), fold(group.name_es)}:
            return f"{period}/{roman(group.number)}"
    number = (groups.aggregate(n=Max("number"))["n"] or 0) + 1
    reading.warnings.append(
        _("Working group “%(name)s” is not in programme %(period)s: it is proposed as new group %(number)s.")
        % {
            "name": names.get("en") or next(iter(names.values()), "?"),
            "period": period,
            "number": roman(number),
        }
    )
    return f"{period}/{roman(number)}"


def _group(reading: Reading, matcher: Matcher, contents: dict, period: str) -> tuple[str, set]:
    """The group's row, with its roles and paragraphs; its code, and the institutions the
    document names without their acronym (language, code)."""
    names = _group_name(contents)
    code = _group_code(reading, period, names)
    en, es = contents.get("en"), contents.get("es")
    row = {"programme": period, "number": code.rpartition("/")[2], "kind": "group", **both("name", names)}
    row["role_order"] = "entered"
    keys, asked, wordings = [], {}, set()
    for role in ("coordinating", "members", "secretariat", "participating"):
        lists = [c.roles.get(role, []) if c else [] for c in (en, es)]
        if any(lists):
            row[role], asked[role], named = role_cells(reading, matcher, *lists, role, keys)
            wordings |= named
    for name in (*GROUP_TEXTS, "conclusions"):
        row.update(both(name, {lang: c.text(name) for lang, c in contents.items()}))
    sources = [
        Passage(c.lang, c.heading.passages["title"].where, c.heading.title)
        for c in contents.values()
        if c.heading.title
    ]
    index = reading.add("working_groups", row, *sources)
    for role, pending in asked.items():
        ask_roles(reading, matcher, index, role, pending)
    return code, wordings


def _group_report(reading: Reading, contents: dict, meeting: str, group: str) -> None:
    narrative = both(
        "progress_narrative", {lang: c.text("progress_narrative") for lang, c in contents.items()}
    )
    passages = [
        Passage(c.lang, b.where, b.text)
        for c in contents.values()
        for b in c.texts.get("progress_narrative", [])
    ]
    if narrative:
        row = {"round": meeting, "group": group, "status": "accepted", **narrative}
        reading.add("group_reports", row, *passages)


def read_typed(files: list) -> Reading:
    """The Reading of a report typed in Word: `files` are one or two python-docx Documents, in
    English and/or Spanish, in any order (each file's language is found from its text)."""
    contents = _by_language(files)
    reading = Reading()
    matcher = Matcher()
    meeting = _meeting(reading, contents)
    period, passages = _period(reading, contents, meeting)
    _programme(reading, period, passages)
    _round(reading, meeting, period, contents)
    group, wordings = _group(reading, matcher, contents, period)
    en, es = contents.get("en"), contents.get("es")
    plan.objectives(reading, group, en, es)
    plan.areas(reading, group, en, es)
    written = plan.outputs(reading, group, en, es)
    plan.plan(reading, group, en, es, written)
    events(reading, group, en, es)
    _group_report(reading, contents, meeting, group)
    symbol = register.document_row(reading, contents, meeting, group)
    register.composition(reading, contents, symbol)
    register.wordings(reading, symbol, wordings)
    ask_missing_texts(reading, stored=_stored(group, symbol))
    return reading


def _stored(group: str, symbol: str) -> set[str]:
    """The sheets whose records the database holds already: the group's, the document's."""
    stored = set()
    period, _slash, numeral = group.partition("/")
    try:
        WorkingGroup.objects.by_code(period, numeral)
        stored |= {"working_groups", "objectives", "areas", "action_lines", "outputs", "events"}
    except WorkingGroup.DoesNotExist:
        pass
    if Document.objects.filter(symbol=symbol).exists():
        stored.add("documents")
    return stored
