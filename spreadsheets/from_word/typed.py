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

from . import plan
from .content import Content, read_content
from .events import events
from .matching import Matcher, fold
from .missing import ask_missing_texts
from .outline import outline
from .pairing import pair_lists
from .reading import Passage, Reading
from .roles import ask_roles, role_cells

GROUP_TEXTS = ("objectives_lead_in", "objectives_closing", "outputs_lead_in", "financing", "previous_results")
PERIOD = re.compile(r"\b(\d{4})\s*[-–]\s*(\d{4})\b")
TITLE = re.compile(r"^(?:report|informe)\s+(?:of|del|de)\s+(?:the\s+|la\s+)?(.+?)\.?$", re.I)


def _by_language(files: list) -> tuple[dict[str, Content], list[str]]:
    contents, warnings = {}, []
    for document in files:
        found = outline(document)
        if found.lang in contents:
            warnings.append(
                _("Two files are in the same language (%(lang)s): the second was not read.")
                % {"lang": found.lang}
            )
            continue
        contents[found.lang] = read_content(found)
    return contents, warnings


def _both(name: str, values: dict) -> dict:
    return {f"{name}_{lang}": value for lang, value in values.items() if value}


def _first(contents: dict, attribute: str):
    return next(
        (getattr(c.heading, attribute) for c in contents.values() if getattr(c.heading, attribute)), None
    )


def _heading_passages(contents: dict, name: str) -> list[Passage]:
    return [c.heading.passages[name] for c in contents.values() if name in c.heading.passages]


def _meeting(reading: Reading, contents: dict) -> str:
    heading = next((c.heading for c in contents.values() if c.heading.body), None)
    if heading is None:
        reading.warnings.append(
            _("The heading block names no meeting of the Conference or of its Executive Committee.")
        )
        return ""
    row = {"code": heading.meeting_code, "body": heading.body, "number": heading.number}
    row.update(_both("place", {lang: c.heading.place for lang, c in contents.items()}))
    row["is_virtual"] = heading.is_virtual
    if heading.start_date:
        row.update(start_date=heading.start_date.isoformat(), end_date=heading.end_date.isoformat())
    reading.add(
        "meetings", row, *_heading_passages(contents, "meeting"), *_heading_passages(contents, "place")
    )
    return heading.meeting_code


def _period(reading: Reading, contents: dict, meeting: str) -> str:
    texts = [s.heading for c in contents.values() for s in c.sections] + [
        c.heading.title for c in contents.values()
    ]
    for text in texts:
        if match := PERIOD.search(text or ""):
            return f"{match[1]}-{match[2]}"
    existing = ReportingRound.objects.filter(meeting__code=meeting).select_related("programme").first()
    if existing:
        return existing.programme.period
    reading.warnings.append(
        _("The document names no programme (a period such as 2040-2041): give it in the preview.")
    )
    return ""


def _programme(reading: Reading, period: str) -> None:
    start, _dash, end = period.partition("-")
    if period and not Programme.objects.filter(start_year=start).exists():
        reading.add("programmes", {"start_year": int(start), "end_year": int(end)})


def _round(reading: Reading, meeting: str, period: str, contents: dict) -> None:
    existing = ReportingRound.objects.filter(meeting__code=meeting).first()
    row = {"meeting": meeting, "programme": period}
    if existing is None:
        row.update(progress_form="narrative", status="closed")
        _round_needs(reading, row, meeting, period, contents)
    reading.add("reporting_rounds", row, *_heading_passages(contents, "meeting"))


def _round_needs(reading: Reading, row: dict, meeting: str, period: str, contents: dict) -> None:
    """What a new round must have that a group's report does not give (its number and dates),
    only while the model requires it: proposed, and the clerk told so."""
    fields = {name: ReportingRound._meta.get_field(name) for name in ("number", "opens_on", "deadline")}
    needed = [name for name, field in fields.items() if not field.null]
    if not needed:
        return
    taken = ReportingRound.objects.filter(programme__start_year=period[:4] or 0).aggregate(n=Max("number"))
    start = (_first(contents, "start_date") or datetime.date.today()).isoformat()
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
    row = {"programme": period, "number": code.rpartition("/")[2], "kind": "group", **_both("name", names)}
    row["role_order"] = "entered"
    keys, asked, wordings = [], {}, set()
    for role in ("coordinating", "members", "secretariat", "participating"):
        lists = [c.roles.get(role, []) if c else [] for c in (en, es)]
        if any(lists):
            row[role], asked[role], named = role_cells(reading, matcher, *lists, role, keys)
            wordings |= named
    for name in (*GROUP_TEXTS, "conclusions"):
        row.update(_both(name, {lang: c.text(name) for lang, c in contents.items()}))
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
    narrative = _both(
        "progress_narrative", {lang: c.text("progress_narrative") for lang, c in contents.items()}
    )
    if narrative:
        reading.add("group_reports", {"round": meeting, "group": group, "status": "accepted", **narrative})


def _document(reading: Reading, contents: dict, meeting: str, group: str) -> str:
    content = contents.get("en") or next(iter(contents.values()))
    heading, flags = content.heading, content.flags
    row = {"symbol": _first(contents, "symbol"), "kind": "group_report"}
    row.update(_both("title", {lang: c.heading.title for lang, c in contents.items()}))
    row.update(
        _both("date", {lang: c.heading.date.isoformat() for lang, c in contents.items() if c.heading.date})
    )
    row.update(
        distribution=heading.distribution or "limited",
        original_language=_first(contents, "original_language") or "es",
    )
    row.update(job_number=_first(contents, "job_number") or "", meeting=meeting, round=meeting, group=group)
    row.update(layout="parts", commission_line=bool(_first(contents, "commission_line")))
    row.update(_both("introduction", {lang: c.text("introduction") for lang, c in contents.items()}))
    for name in (
        "numbering",
        "objective_headings",
        "specific_objectives_as_table",
        "outputs_as",
        "outputs_timetable",
    ):
        if name in flags:
            row[name] = flags[name]
    row.update(plan_as="outputs", plan_by_objective=bool(flags.get("plan_by_objective")))
    reading.add("documents", row, *_heading_passages(contents, "symbol"))
    return row["symbol"]


def _composition(reading: Reading, contents: dict, symbol: str) -> None:
    lists = []
    for content in (contents.get("en"), contents.get("es")):
        lists.append(
            [(p, p is not top) for top in (content.sections if content else []) for p in [top, *top.children]]
        )
    seen = set()
    for pair in pair_lists(*lists):
        section, within = next(item for item in pair if item)
        if not section.part or section.part in seen:
            where = section.block.where
            reading.warnings.append(
                _("“%(heading)s” (%(where)s) is no part a working group's report has: it was left out.")
                % {"heading": section.heading, "where": where}
            )
            continue
        seen.add(section.part)
        row = {"document": symbol, "order": len(seen), "part": section.part, "within": within}
        for lang, item in zip(("en", "es"), pair, strict=True):
            if item and item[0].own_heading:
                row[f"heading_{lang}"] = item[0].heading
        sources = [
            Passage(lang, i[0].block.where, i[0].block.text)
            for lang, i in zip(("en", "es"), pair, strict=True)
            if i
        ]
        reading.add("document_parts", row, *sources)


def read_typed(files: list) -> Reading:
    """The Reading of a report typed in Word: `files` are one or two python-docx Documents, in
    English and/or Spanish, in any order (each file's language is found from its text)."""
    contents, warnings = _by_language(files)
    reading = Reading(warnings=warnings)
    matcher = Matcher()
    meeting = _meeting(reading, contents)
    period = _period(reading, contents, meeting)
    _programme(reading, period)
    _round(reading, meeting, period, contents)
    group, wordings = _group(reading, matcher, contents, period)
    en, es = contents.get("en"), contents.get("es")
    plan.objectives(reading, group, en, es)
    plan.areas(reading, group, en, es)
    written = plan.outputs(reading, group, en, es)
    plan.plan(reading, group, en, es, written)
    events(reading, group, en, es)
    _group_report(reading, contents, meeting, group)
    symbol = _document(reading, contents, meeting, group)
    _composition(reading, contents, symbol)
    for lang, institution in sorted(wordings):
        row = {"document": symbol, "language": lang, "country": "", "institution": institution}
        reading.add("document_wordings", {**row, "without_acronym": True})
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
