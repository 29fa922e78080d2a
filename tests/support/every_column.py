"""Records that give every column of every sheet (spreadsheets/sheets.py) a value, beside the
fixtures: a network (group XII of 2020-2021) with its council, paragraphs, an objective with a
title, a programme area and an action line, events, figures, links, an activity and an output
tied to the objective, a plan row naming two outputs and one of its own words, a group report
with every note, an opened and closed round and a document of the network composed of parts
with their headings, with the wording of a country and of an institution. The fixtures leave
those columns empty; a round trip over them alone would prove nothing about them."""

import datetime

from django.utils import timezone
from modeltranslation.translator import NotRegistered, translator

from activities.models import ActionLine, Activity, Objective, Output, PlanRow, ProgrammeArea
from core.bilingual import LANGUAGES
from groups.models import Country, Event, Figure, GroupRole, Institution, Link, Programme, WorkingGroup
from reporting.models import GroupReport, ReportingRound
from reports.models import Document, DocumentPart, DocumentWording

GROUP_TEXTS = (
    "objectives_lead_in",
    "objectives_closing",
    "outputs_lead_in",
    "previous_results",
    "conclusions",
)


def _texts(*names, unused=None):
    """Every language of each text written; `unused` ("title_es") left empty and marked so."""
    texts = {f"{name}_{lang}": f"{name} ({lang})" for name in names for lang in ("en", "es")}
    if unused:
        texts.update({unused: "", "unused_texts": [unused]})
    return texts


def _saved(record, keep=()):
    """Saved with every translated text written, but those marked unused and those in `keep`:
    a text field added to a model later gets a value here without a change to this file."""
    try:
        translated = translator.get_options_for_model(type(record)).all_fields
    except NotRegistered:  # a record without translated texts
        translated = ()
    for name in translated:
        for lang in LANGUAGES:
            field = f"{name}_{lang}"
            if (
                not getattr(record, field)
                and field not in (getattr(record, "unused_texts", None) or ())
                and name not in keep
            ):
                setattr(record, field, f"{name} ({lang})")
    record.full_clean()
    record.save()
    return record


def fill_every_column() -> WorkingGroup:
    """Add the records; returns the network. Each record passes its model's full_clean."""
    programme = Programme.objects.get(start_year=2020)
    # The approval as the drafting records it (the fixtures name only the meeting).
    programme.approved_on = datetime.date(2019, 11, 21)
    programme.resolution_en, programme.resolution_es = "resolution (en)", "resolution (es)"
    programme.full_clean()
    programme.save()
    eclac = Institution.objects.get(code="ECLAC")
    _saved(Institution(code="NET@X", **_texts("name", "acronym", unused="acronym_es"), kind="other"))
    network = _saved(
        WorkingGroup(
            programme=programme,
            number=12,
            kind=WorkingGroup.Kind.NETWORK,
            **_texts("name", "theme", "output", "background", "expected_impact", *GROUP_TEXTS),
            **_texts("financing", unused="financing_es"),
        )
    )
    GroupRole.objects.create(
        group=network,
        role=GroupRole.Role.COUNCIL,
        order=1,
        institution=eclac,
        capacity=GroupRole.Capacity.values[0],
    )
    GroupRole.objects.create(group=network, role=GroupRole.Role.SECRETARIAT, order=1, institution=eclac)
    objective = _saved(
        Objective(
            group=network, kind="specific", order=1, **_texts("text"), **_texts("title", unused="title_es")
        )
    )
    _saved(Objective(group=network, kind="general", order=1, **_texts("title", "text")))
    area = _saved(ProgrammeArea(objective=objective, order=1, **_texts("title", unused="title_es")))
    _saved(ProgrammeArea(objective=objective, order=2, **_texts("title")))
    _saved(ActionLine(area=area, order=1, **_texts("text", unused="text_es")))
    _saved(ActionLine(area=area, order=2, **_texts("text")))
    _saved(
        Activity(
            group=network,
            order=1,
            objective=objective,
            **_texts("text"),
            **_texts("coordination", unused="coordination_es"),
            start_month=datetime.date(2020, 3, 1),
            end_month=datetime.date(2021, 6, 1),
        ),
        keep=("start_text", "end_text"),  # months here; the next activity has the plan's phrases
    )
    _saved(Activity(group=network, order=2, **_texts("text", "start_text", "end_text")))
    output = _saved(
        Output(
            group=network,
            order=1,
            objective=objective,
            **_texts("text", "agency", "timetable"),
            by_coordinating_countries=True,
            by_member_countries=True,
        )
    )
    output.institutions.set([eclac])
    second_output = _saved(
        Output(group=network, order=2, **_texts("text"), **_texts("agency", unused="agency_es"))
    )
    _plan_rows(network, objective, [output, second_output])
    _saved(
        Event(
            group=network,
            order=1,
            kind=Event.Kind.WORKSHOP,
            **_texts("title"),
            **_texts("place", unused="place_es"),
            start_date=datetime.date(2020, 5, 4),
            end_date=datetime.date(2020, 5, 6),
        )
    )
    _saved(
        Event(
            group=network,
            order=2,
            kind=Event.Kind.COURSE,
            **_texts("title", "place"),
            start_date=datetime.date(2021, 1, 4),
            end_date=datetime.date(2021, 1, 4),
        )
    )
    # Each sheet's unused_texts column needs a marked gap; a second record writes that language.
    for order, unused in ((1, "label_es"), (2, None)):
        _saved(Figure(group=network, order=order, **_texts("label", unused=unused), value=40 + order))
        _saved(
            Link(
                group=network,
                order=order,
                **_texts("label", unused=unused),
                url=f"https://example.org/network/{order}",
            )
        )
    second = ReportingRound.objects.get(meeting__code="CE.20")
    ReportingRound.objects.filter(pk=second.pk).update(
        opened_at=timezone.make_aware(datetime.datetime(2021, 2, 1, 9, 30)),
        closed_at=timezone.make_aware(datetime.datetime(2021, 3, 20, 18, 5)),
    )
    _saved(
        GroupReport(
            round=second,
            group=network,
            status=GroupReport.Status.ACCEPTED,
            review_comment="Accepted after one return",
            **_texts("output_as_reported", "progress_narrative", "obstacles", "gender_notes"),
        )
    )
    _document(network, second)
    return network


def _plan_rows(network, objective, outputs):
    """A row naming two outputs with its timetable phrase, and a row of its own words."""
    row = _saved(PlanRow(group=network, order=1, objective=objective, **_texts("timetable")), keep=("text",))
    row.outputs.set(outputs)
    _saved(PlanRow(group=network, order=2, **_texts("text")), keep=("timetable",))


def _document(network, second):
    """The network's report to CE.20, composed (every variant off its default), with parts
    and wordings."""
    meeting = Document.objects.get(symbol="LC/CE.20/3").meeting
    document = _saved(
        Document(
            symbol="LC/CE.20/9",
            kind=Document.Kind.GROUP_REPORT,
            meeting=meeting,
            round=second,
            group=network,
            original_language="es",
            **_texts("title"),
            date_en=datetime.date(2021, 4, 1),
            date_es=datetime.date(2021, 4, 1),
            numbering=Document.Numbering.ROMAN,
            commission_line=False,
            objective_headings=False,
            specific_objectives_as_table=True,
            outputs_as=Document.OutputsAs.OBJECTIVE_COLUMN,
            outputs_timetable=False,
            plan_as=Document.PlanAs.OUTPUTS,
            plan_by_objective=True,
            in_charge_column=False,
        ),
        keep=("obstacles", "gender", "document_type"),  # sections of the secretariat's documents only
    )
    _saved(DocumentPart(document=document, order=1, part="introduction", print_empty=True))
    _saved(DocumentPart(document=document, order=2, part="objectives", within=True), keep=("heading",))
    _saved(
        DocumentWording(
            document=document, language="en", country=Country.objects.get(iso3="BOL"), name="Bolivia"
        )
    )
    _saved(
        DocumentWording(
            document=document,
            language="es",
            institution=Institution.objects.get(code="ECLAC"),
            without_acronym=True,
        )
    )
