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

from .support.typed_report import AREAS, EVENTS, OUTPUTS, PARTS, PLAN, SPECIFIC, TEXTS, typed_report


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


def test_every_proposed_row_has_the_passages_it_came_from_in_both_languages(reading):
    for stem, rows in reading.sheets.items():
        for index in range(len(rows)):
            passages = reading.sources[(stem, index)]
            assert passages, (stem, index)
            if stem not in ("programmes",):  # the period is read from the first heading that has it
                assert {p.lang for p in passages} == {"en", "es"}, (stem, index, passages)
    [plan_row] = [p for p in reading.sources[("plan_rows", 1)] if p.lang == "es"]
    assert plan_row.where == "table 5, rows 2, 3"


def test_a_past_round_is_proposed_with_nothing_the_document_does_not_give(reading):
    [round_row] = reading.sheets["reporting_rounds"]
    assert round_row == {
        "meeting": "CE.40",
        "programme": "2040-2041",
        "progress_form": "narrative",
        "status": "closed",
    }
    assert not [w for w in reading.warnings if "report number" in w]


def test_the_split_plan_is_flagged_naming_its_rows(reading):
    [warning] = [w for w in reading.warnings if "plan of activities" in w.casefold()]
    assert "English row 2 with Spanish rows 2, 3" in warning
    assert "3 rows in English, 4 in Spanish" in warning


def _add_the_unknown_office():
    """What the question about the unknown name says to do: add it in the administration."""
    Institution.objects.create(
        code="SOA",
        acronym_en="SOA",
        acronym_es="OEAT",
        name_en="Statistics Office of Atlantis",
        name_es="Oficina de Estadística de la Atlántida",
        kind="international",
    )


def _answers(reading) -> dict:
    """The clerk's answers: Ecuador's institute for INEC; the unknown office, added in the
    administration first, by its new code."""
    _add_the_unknown_office()
    return {q.key: "INEC@ECU" if q.found == "INEC" else "SOA" for q in reading.questions}


def test_nothing_is_written_while_a_question_is_unanswered(reading):
    result = import_reading(reading, user=SYSTEM, confirm=True)
    assert not result.written
    assert not Document.objects.filter(symbol="LC/CE.40/DDR/7").exists()


def test_one_read_and_one_confirmation_give_the_records_of_the_whole_report(reading, secretariat_user):
    # A clerk of the secretariat, as the documents' admin page imports it.
    answers = _answers(reading)
    preview = import_reading(reading, user=secretariat_user, answers=answers)
    assert preview.problems == [] and not preview.written
    assert not Document.objects.filter(symbol="LC/CE.40/DDR/7").exists()
    confirmed = import_reading(reading, user=secretariat_user, answers=answers, confirm=True)
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
            *(
                phrase
                for kind, title, place, when in EVENTS
                for phrase in (f"{kind[i]}: {title[i]}", place[i], when[i])
            ),
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
    assert "divididas de otra manera" in warning and "fila 2 en inglés con filas 2, 3 en español" in warning
    messages = sorted(q.message for q in reading.questions)
    assert messages[0].startswith("“INEC” puede ser cualquiera de varias instituciones")
    assert "no es ninguna institución registrada" in messages[1]
    assert reading.questions[0].passage.where.startswith("párrafo")


def _merged_table(word, rows, merge_column=None):
    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    if merge_column is not None:
        text = table.cell(1, merge_column).text
        table.cell(2, merge_column).text = ""
        table.cell(1, merge_column).merge(table.cell(2, merge_column)).text = text


def _second_shape():
    """A report in Spanish only, laid out otherwise: parts in roman numerals, the roles as
    numbered items, the specific objectives as a table of their own, the outputs in one table
    with the objective's cell merged down its rows, a virtual meeting."""
    import docx

    word = docx.Document()
    for line in [
        "NACIONES UNIDAS",
        "Distr. LIMITADA",
        "LC/CE.41/DDR/2",
        "3 de abril de 2042",
        "ORIGINAL: ESPAÑOL",
        "Cuadragésima primera reunión del Comité Ejecutivo de la Conferencia Estadística de las Américas",
        "Reunión virtual, 5 y 6 de abril de 2042",
        "Informe del Grupo de Trabajo sobre Precios",
        "I. País coordinador: México: Instituto Nacional de Estadística y Geografía (INEGI).",
        "II. Secretaría técnica: CEPAL.",
        "III. Organismos participantes: Instituto Nacional de Estadística y Censos del Ecuador.",
        "IV. Descripción de los objetivos específicos para el período 2040-2041",
        "El grupo se propone dos objetivos.",
    ]:
        word.add_paragraph(line)
    _merged_table(
        word,
        [
            ["Objetivo específico", "Descripción"],
            ["1. Medición", "Medir los precios de los servicios."],
            ["2. Difusión", "Difundir los índices."],
        ],
    )
    word.add_paragraph("V. Productos del grupo")
    _merged_table(
        word,
        [
            ["Objetivo programático", "N.º", "Producto", "Responsables", "Cronograma"],
            ["1. Medición", "1", "Guía de medición", "INEGI", "2041"],
            ["1. Medición", "2", "Índice piloto", "La CEPAL", "2042"],
        ],
        merge_column=0,
    )
    word.add_paragraph("VI. Conclusiones")
    word.add_paragraph("El grupo cumplió sus metas.")
    return word


def test_a_report_typed_otherwise_in_spanish_alone(db):
    reading = read_typed([_second_shape()])
    # No English file: the texts a record needs in English are asked, the Spanish offered.
    assert {(q.sheet, q.column) for q in reading.questions} == {
        ("working_groups", "name_en"),
        ("objectives", "text_en"),
        ("outputs", "text_en"),
        ("documents", "title_en"),
    }
    assert len(reading.questions) == 6
    [document] = reading.sheets["documents"]
    assert (document["numbering"], document["commission_line"]) == ("roman", False)
    assert (document["specific_objectives_as_table"], document["outputs_as"]) == (True, "objective_column")
    assert [p["part"] for p in reading.sheets["document_parts"]] == [
        "coordinating",
        "secretariat",
        "participating",
        "specific_objectives",
        "outputs",
        "conclusions",
    ]
    assert reading.sheets["document_parts"][4]["heading_es"] == "Productos del grupo"
    [wording] = reading.sheets["document_wordings"]
    assert (wording["language"], wording["institution"], wording["without_acronym"]) == (
        "es",
        "INEC@ECU",
        True,
    )
    answers = {q.key: q.choices[0][0] for q in reading.questions}
    result = import_reading(reading, user=SYSTEM, answers=answers, confirm=True)
    assert result.problems == [] and result.written, "\n".join(result.problems)
    text = _text(document_html(Document.objects.get(symbol="LC/CE.41/DDR/2"), "es").html)
    for phrase in [
        "Reunión virtual, 5 y 6 de abril de 2042",
        "I. País coordinador: México: Instituto Nacional de Estadística y Geografía (INEGI).",
        "II. Secretaría técnica: Comisión Económica para América Latina y el Caribe (CEPAL).",
        # Named without its acronym, as typed: the document's wording of it.
        "III. Organismos participantes: Instituto Nacional de Estadística y Censos del Ecuador.",
        "IV. Descripción de los objetivos específicos para el período 2040-2041",
        "El grupo se propone dos objetivos.",
        # The portal numbers objectives in roman numerals, whatever the typist used.
        "I. Medición Medir los precios de los servicios.",
        "II. Difusión Difundir los índices.",
        "V. Productos del grupo",
        "I. Medición 1 Guía de medición INEGI 2041",
        "2 Índice piloto La CEPAL 2042",
        "VI. Conclusiones El grupo cumplió sus metas.",
    ]:
        assert phrase in text, (phrase, text[text.find("II.") - 50 : text.find("II.") + 250])
    # Read again: the records are stored, so nothing is asked and nothing changes.
    again = read_typed([_second_shape()])
    assert again.questions == []
    totals = import_reading(again, user=SYSTEM).totals()
    assert (totals["new"], totals["changed"]) == (0, 0)


def test_the_command_previews_asks_and_writes_with_the_answers(db, tmp_path):
    """Two submissions and the answers: `import_document` on the two files, then again with
    --confirm and an --answer per question."""
    from io import StringIO

    from django.core.management import call_command

    files = []
    for lang in ("es", "en"):
        path = tmp_path / f"report-{lang}.docx"
        typed_report(lang).save(path)
        files.append(str(path))
    out = StringIO()
    call_command("import_document", *files, stdout=out)
    preview = out.getvalue()
    questions = dict(re.findall(r"Question (\S+): (INEC|Statistics Office of Atlantis \(SOA\))", preview))
    assert sorted(questions.values()) == ["INEC", "Statistics Office of Atlantis (SOA)"]
    assert "Check: The plan of activities" in preview
    assert re.search(r"new: \d+, changed: 0, unchanged: \d+\s*$", preview)
    assert not Document.objects.filter(symbol="LC/CE.40/DDR/7").exists()
    _add_the_unknown_office()
    answers = [
        f"--answer={key}={'INEC@ECU' if found == 'INEC' else 'SOA'}" for key, found in questions.items()
    ]
    call_command("import_document", *files, "--confirm", *answers, stdout=StringIO())
    assert Document.objects.get(symbol="LC/CE.40/DDR/7").parts.count() == len(PARTS)
