"""A report of the older shape typed by a person in Word, in English and in Spanish (made here with
python-docx: typed numbering, merged cells, the participating bodies as bullets, the Spanish plan
split into rows differently, an ambiguous acronym and an unknown name): read, answered, imported
in one confirmation, and rendered with every part and row of its composition in both languages."""

import re

import pytest
from django.utils import translation
from django.utils.html import strip_tags

from core.roles import SYSTEM
from groups.models import Institution
from reports.models import Document
from reports.rendering import document_html
from spreadsheets.from_word.importing import import_reading
from spreadsheets.from_word.typed import read_typed

from .support.typed_report import AREAS, OUTPUTS, PARTS, PLAN, SPECIFIC, TEXTS, typed_report


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", strip_tags(html)).replace("&#x27;", "'").replace("&quot;", '"')


@pytest.fixture
def reading(db):
    # In any order: each file's language is found from its text.
    return read_typed([typed_report("es"), typed_report("en")])


def test_the_reading_asks_about_the_ambiguous_acronym_and_the_unknown_name(reading):
    questions = {q.found: q for q in reading.questions}
    assert set(questions) == {"INEC", "Statistics Office of Atlantis (SOA)"}
    assert [value for value, _label in questions["INEC"].choices] == ["INEC@ECU", "INEC@PAN"]
    assert questions["Statistics Office of Atlantis (SOA)"].choices == ()
    for question in questions.values():
        assert (question.sheet, question.column) == ("working_groups", "participating")
        assert question.found in question.message


def test_the_split_plan_is_flagged_naming_its_rows(reading):
    [warning] = [w for w in reading.warnings if "plan of activities" in w.casefold()]
    assert "English row 2 with Spanish row 2, 3" in warning
    assert "3 rows in English, 4 in Spanish" in warning


def _answers(reading) -> dict:
    """The clerk's answers: Ecuador's institute for INEC; the unknown office, added in the
    administration first (as the question says), by its new code."""
    Institution.objects.create(
        code="SOA",
        acronym_en="SOA",
        acronym_es="OEAT",
        name_en="Statistics Office of Atlantis",
        name_es="Oficina de Estadística de la Atlántida",
        kind="international",
    )
    return {q.key: "INEC@ECU" if q.found == "INEC" else "SOA" for q in reading.questions}


def test_nothing_is_written_while_a_question_is_unanswered(reading):
    result = import_reading(reading, user=SYSTEM, confirm=True)
    assert not result.written
    assert not Document.objects.filter(symbol="LC/CE.40/DDR/7").exists()


def test_one_read_and_one_confirmation_give_the_records_of_the_whole_report(reading):
    answers = _answers(reading)
    preview = import_reading(reading, user=SYSTEM, answers=answers)
    assert preview.problems == [] and not preview.written
    assert not Document.objects.filter(symbol="LC/CE.40/DDR/7").exists()
    confirmed = import_reading(reading, user=SYSTEM, answers=answers, confirm=True)
    assert confirmed.problems == [] and confirmed.written
    # Two submissions (the read with its preview, the confirmation) and the two answers.
    document = Document.objects.get(symbol="LC/CE.40/DDR/7")
    group = document.group
    assert [r.institution.code for r in group.participating_roles] == ["INEC@ECU", "SOA"]
    assert [(r.country.iso3, r.institution.code) for r in group.coordinating_roles] == [("CHL", "INE@CHL")]
    assert [r.country.iso3 for r in group.member_roles] == ["ARG", "BRA", "PER"]
    assert document.parts.count() == len(PARTS)
    for lang, i in (("en", 0), ("es", 1)):
        version = document_html(document, lang)
        assert version.untranslated == []
        text = _text(version.html)
        position = 0
        for number, *headings in PARTS:
            found = text.find(f"{number} {headings[i]}", position)
            assert found >= 0, (lang, number, headings[i])
            position = found
        phrases = [
            TEXTS["introduction"][i],
            TEXTS["general"][i],
            TEXTS["lead_in"][i],
            *(objective[i] for objective in SPECIFIC),
            TEXTS["closing"][i],
            # A merged area is printed once, over its action lines.
            *dict.fromkeys(phrase for _n, area, line in AREAS for phrase in (area[i], line[i])),
            TEXTS["outputs_lead_in"][i],
            *(phrase for _n, out, agency, when in OUTPUTS for phrase in (out[i], agency[i], when[i])),
            TEXTS["financing"][i],
            TEXTS["previous"][i],
            *TEXTS["progress"][i],
            *(phrase for row in PLAN for phrase in (row[i], row[2 + i])),
            TEXTS["conclusions"][i],
        ]
        position = 0
        for phrase in phrases:
            found = text.find(phrase, position)
            assert found >= 0, (lang, phrase, text[position : position + 200])
            position = found


def test_reading_the_report_again_after_importing_changes_nothing(reading):
    answers = _answers(reading)
    import_reading(reading, user=SYSTEM, answers=answers, confirm=True)
    again = read_typed([typed_report("en"), typed_report("es")])
    answers = {q.key: "INEC@ECU" if q.found == "INEC" else "SOA" for q in again.questions}
    totals = import_reading(again, user=SYSTEM, answers=answers).totals()
    assert (totals["new"], totals["changed"]) == (0, 0), import_reading(
        again, user=SYSTEM, answers=answers
    ).lines()


def test_a_spanish_clerk_reads_the_questions_and_warnings_in_spanish(db):
    with translation.override("es"):
        reading = read_typed([typed_report("en"), typed_report("es")])
    [warning] = [w for w in reading.warnings if "planificación" in w.casefold()]
    assert "divididas de otra manera" in warning and "fila en inglés 2 con fila en español 2, 3" in warning
    messages = sorted(q.message for q in reading.questions)
    assert messages[0].startswith("“INEC” puede ser cualquiera de varias instituciones")
    assert "no es ninguna institución registrada" in messages[1]
    assert reading.questions[0].passage.where.startswith("párrafo")
