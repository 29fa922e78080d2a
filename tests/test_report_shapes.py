"""Working-group reports of other shapes than the 2020-2021 ones (issue 16), built here record by
record and checked from the PDF's own text: every part with its heading, in order, every row
of every table, nothing the data does not have, and the same PDF on another day."""

import datetime
import zoneinfo

import pytest
import time_machine

from activities.models import ActionLine, Objective, Output, ProgrammeArea
from groups.models import (
    Country,
    Event,
    Figure,
    GroupRole,
    Institution,
    Link,
    Meeting,
    Programme,
)
from reporting.models import GroupReport, ReportingRound
from reporting.services import round_record_past
from reports.models import Document
from reports.rendering import document_html, render_document

from .support import factories
from .support.pdf_reading import compact, outline_titles, pdf_text
from .test_pages import text_of

SANTIAGO = zoneinfo.ZoneInfo("America/Santiago")


def _both(obj, field, en, es):
    setattr(obj, f"{field}_en", en)
    setattr(obj, f"{field}_es", es)


def _role(group, role, order, country=None, institution=None, **values):
    return GroupRole.objects.create(
        group=group,
        role=role,
        order=order,
        institution=institution,
        country=Country.objects.get(iso3=country) if country else None,
        **values,
    )


# An older working group's report: narrative progress, areas and action lines under numbered
# objectives, outputs under their objectives, a plan of outputs with timetable phrases.
AREAS = {
    1: [
        (
            ("Household surveys", "Encuestas de hogares"),
            [
                ("Harmonize the questions on time use", "Armonizar las preguntas sobre uso del tiempo"),
                ("Share the questionnaires of the region", "Compartir los cuestionarios de la región"),
            ],
        ),
        (
            ("Administrative records", "Registros administrativos"),
            [("Review the registers of violence", "Revisar los registros de violencia")],
        ),
    ],
    2: [
        (
            ("Training", "Capacitación"),
            [
                ("Hold a regional course", "Realizar un curso regional"),
                ("Publish a manual for trainers", "Publicar un manual para formadores"),
            ],
        )
    ],
}
OUTPUTS = [  # objective, text, agency as written (None: from the roles), timetable
    (
        1,
        ("Regional guide on time-use surveys", "Guía regional sobre encuestas de uso del tiempo"),
        (
            "The coordinating countries with the support of ECLAC",
            "Los países coordinadores con el apoyo de la CEPAL",
        ),
        ("First half of 2021", "Primer semestre de 2021"),
    ),
    (
        1,
        ("Inventory of registers of violence", "Inventario de registros de violencia"),
        None,
        ("March to May 2022", "Marzo a mayo de 2022"),
    ),
    (
        2,
        ("Manual for trainers", "Manual para formadores"),
        None,
        ("Completed (October 2020)", "Concluido (octubre de 2020)"),
    ),
]


@pytest.fixture
def older_report(db):
    programme = factories.programme(start_year=2040)
    group = factories.group(
        programme,
        number=3,
        name_en="Working Group on Gender Statistics",
        name_es="Grupo de Trabajo sobre Estadísticas de Género",
        theme_en="",
        theme_es="",
        output_en="",
        output_es="",
        role_order="alphabetical",
    )
    _both(group, "objectives_lead_in", "The group proposes to:", "El grupo se propone:")
    _both(
        group, "objectives_closing", "These objectives guide the plan.", "Estos objetivos orientan el plan."
    )
    _both(
        group,
        "outputs_lead_in",
        "The group will submit the following outputs:",
        "El grupo presentará los siguientes productos:",
    )
    _both(
        group,
        "financing",
        "The group's work is financed by its members.",
        "El trabajo del grupo se financia con aportes de sus miembros.",
    )
    _both(
        group,
        "previous_results",
        "The previous programme produced a glossary.",
        "El programa anterior produjo un glosario.",
    )
    _both(
        group, "conclusions", "The group met most of its goals.", "El grupo cumplió la mayoría de sus metas."
    )
    group.save()
    ine = Institution.objects.create(
        code="INE@TST",
        acronym_en="INE",
        acronym_es="INE",
        name_en="National Statistics Institute",
        name_es="Instituto Nacional de Estadísticas",
        country=Country.objects.get(iso3="CHL"),
        kind="nso",
    )
    ecuador = Institution.objects.create(
        code="INEC@TST",
        acronym_en="INEC",
        acronym_es="INEC",
        name_en="National Institute of Statistics and Censuses",
        name_es="Instituto Nacional de Estadística y Censos",
        country=Country.objects.get(iso3="ECU"),
        kind="nso",
    )
    eclac = Institution.objects.get(code="ECLAC")
    _role(group, "coordinating", 1, country="CHL", institution=ine)
    for order, iso3 in enumerate(["PER", "BRA", "ARG"], start=1):
        _role(group, "member", order, country=iso3)
    _role(group, "secretariat", 1, institution=eclac)
    _role(group, "participating", 1, institution=ecuador)
    Objective.objects.create(
        group=group,
        kind="general",
        order=1,
        text_en="Promote gender statistics.",
        text_es="Promover las estadísticas de género.",
    )
    objectives = {}
    for order, (en, es) in enumerate(
        [
            ("Measure unpaid work", "Medir el trabajo no remunerado"),
            ("Train the producers", "Capacitar a los productores"),
        ],
        start=1,
    ):
        objectives[order] = Objective.objects.create(
            group=group, kind="specific", order=order, text_en=en, text_es=es
        )
    for number, areas in AREAS.items():
        for order, ((en, es), lines) in enumerate(areas, start=1):
            area = ProgrammeArea.objects.create(
                objective=objectives[number], order=order, title_en=en, title_es=es
            )
            for line_order, (line_en, line_es) in enumerate(lines, start=1):
                ActionLine.objects.create(area=area, order=line_order, text_en=line_en, text_es=line_es)
    for order, (number, (en, es), agency, (when_en, when_es)) in enumerate(OUTPUTS, start=1):
        output = Output.objects.create(
            group=group,
            order=order,
            objective=objectives[number],
            text_en=en,
            text_es=es,
            timetable_en=when_en,
            timetable_es=when_es,
            by_coordinating_countries=agency is None,
            agency_en=agency[0] if agency else "",
            agency_es=agency[1] if agency else "",
        )
        if agency is None:
            output.institutions.add(ecuador)
    round_ = factories.reporting_round(programme, progress_form=ReportingRound.Form.NARRATIVE)
    factories.group_report(
        round_,
        group,
        status="accepted",
        progress_narrative_en="The group met twice.\n\nIt agreed on a common questionnaire.",
        progress_narrative_es="El grupo se reunió dos veces.\n\nAcordó un cuestionario común.",
    )
    return factories.document(
        symbol="LC/CE.40/DDR/3",
        kind="group_report",
        round=round_,
        group=group,
        introduction_en="This report is submitted to the Executive Committee.",
        introduction_es="Este informe se presenta al Comité Ejecutivo.",
    )


PARTS = {
    "en": [
        "1. Introduction",
        "2. Composition of the working group",
        "3. Programme of work 2040-2041",
        "4. Results of the previous programme",
        "5. Progress to date",
        "6. Plan of activities",
        "7. Conclusions",
    ],
    "es": [
        "1. Introducción",
        "2. Composición del grupo de trabajo",
        "3. Programa de trabajo 2040-2041",
        "4. Resultados del programa anterior",
        "5. Avances hasta la fecha",
        "6. Planificación de las actividades del período",
        "7. Conclusiones",
    ],
}
LETTERED = {
    "en": [
        "(a) General and specific objectives",
        "(b) Activities and action lines for the period",
        "(c) Outputs to be submitted to the Statistical Conference of the Americas",
        "(d) Budget and financing",
    ],
    "es": [
        "(a) Objetivos generales y específicos",
        "(b) Actividades y líneas de acción para el período",
        "(c) Productos previstos para la próxima reunión de la Conferencia Estadística de las Américas",
        "(d) Presupuesto y financiamiento",
    ],
}
EXPECTED = {
    # Members in each language's alphabetical order, joined with "and" / "y".
    "en": [
        "Argentina, Brazil and Peru",
        "National Institute of Statistics and Censuses (INEC) of Ecuador",
        "Programme objective",
        "Programme area",
        "Action line",
        "The group will submit the following outputs:",
        "Coordinating countries and National Institute of Statistics and Censuses (INEC) of Ecuador",
    ],
    "es": [
        "Argentina, Brasil y Perú",
        "Instituto Nacional de Estadística y Censos (INEC) del Ecuador",
        "Objetivo programático",
        "Área programática",
        "Línea de acción",
        "El grupo presentará los siguientes productos:",
        "Países coordinadores e Instituto Nacional de Estadística y Censos (INEC) del Ecuador",
    ],
}
ABSENT = {
    "en": [
        "Events held",
        "Links",
        "The group reported no progress",
        "Schedule as of",
        "Council",
        "Other outputs",
        "Other activities",
    ],
    "es": [
        "Eventos realizados",
        "Enlaces",
        "El grupo no informó avances",
        "Cronograma al",
        "Consejo",
        "Otros productos",
        "Otras actividades",
    ],
}


def _in_order(text, phrases):
    """Each phrase appears after the one before it."""
    position = 0
    for phrase in phrases:
        found = text.find(phrase, position)
        assert found >= 0, (phrase, "not after", text[max(position - 80, 0) : position])
        position = found + len(phrase)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_older_working_group_report_prints_every_part_in_order(older_report, lang):
    version = document_html(older_report, lang)
    assert version.untranslated == []
    content = render_document(older_report, lang)
    text = pdf_text(content)
    # Headings of parts are set in capitals: compare them without case, after the contents page.
    folded = text.casefold()
    body = folded[folded.index(PARTS[lang][-1].casefold()) + 1 :]
    _in_order(body, [p.casefold() for p in PARTS[lang]])
    assert [t.split(".")[0] for t in outline_titles(content)][-7:] == ["1", "2", "3", "4", "5", "6", "7"]
    _in_order(text, LETTERED[lang])
    i = 0 if lang == "en" else 1
    # Every row of the areas tables: objective numerals, areas, action lines, in order.
    rows = []
    for number, areas in AREAS.items():
        objective = Objective.objects.get(group=older_report.group, kind="specific", order=number)
        rows.append(f"{'I' * number}. {(objective.text_en, objective.text_es)[i]}")
        for title, lines in areas:
            rows.append(title[i])
            rows += [line[i] for line in lines]
    _in_order(compact(text), [compact(r) for r in rows])
    # Outputs under their objectives, with the agency, then the plan with its phrases.
    outputs = [
        phrase
        for _n, out, agency, when in OUTPUTS
        for phrase in (out[i], *([agency[i]] if agency else []), when[i])
    ]
    _in_order(compact(text), [compact(p) for p in outputs])
    plan = text[folded.rindex(PARTS[lang][5].casefold()) :]
    _in_order(compact(plan), [compact(p) for _n, out, _a, when in OUTPUTS for p in (out[i], when[i])])
    for phrase in EXPECTED[lang]:
        assert compact(phrase) in compact(text), phrase
    for phrase in ABSENT[lang]:
        assert phrase.casefold() not in body, phrase
    narrative = (
        ("The group met twice.", "It agreed on a common questionnaire.")
        if lang == "en"
        else ("El grupo se reunió dos veces.", "Acordó un cuestionario común.")
    )
    _in_order(text, list(narrative))
    assert "%" not in text.split(PARTS[lang][4])[-1].split(PARTS[lang][5])[0]


def test_the_older_report_is_the_same_pdf_on_another_day(older_report):
    first = render_document(older_report, "es")
    with time_machine.travel(datetime.datetime(2043, 7, 14, 9, tzinfo=SANTIAGO), tick=False):
        later = render_document(older_report, "es")
    assert first == later


def test_a_group_with_nothing_but_roles_and_a_narrative_has_no_empty_parts(older_report):
    group = older_report.group
    group.objectives.all().delete()
    group.outputs.all().delete()
    for field in ("financing", "previous_results", "conclusions"):
        _both(group, field, "", "")
    group.save()
    older_report.introduction_en = older_report.introduction_es = ""
    older_report.save()
    text = pdf_text(render_document(older_report, "en")).casefold()
    assert "1. composition of the working group" in text and "2. progress to date" in text
    for absent in ("programme of work", "plan of activities", "conclusions", "introduction", "contents"):
        assert absent not in text, absent


# A network's report to a meeting of the Conference, on a three-year programme.


@pytest.fixture
def network_report(db, secretariat_user):
    conference = Meeting.objects.create(
        body=Meeting.Body.CONFERENCE,
        number=58,
        place_en="Lima",
        place_es="Lima",
        start_date=datetime.date(2025, 11, 18),
        end_date=datetime.date(2025, 11, 20),
    )
    programme = Programme.objects.create(start_year=2023, end_year=2025)  # no title, three years
    group = factories.group(
        programme,
        number=1,
        name_en="Network for Statistical Training",
        name_es="Red de Capacitación Estadística",
        theme_en="",
        theme_es="",
        output_en="",
        output_es="",
        kind="network",
        role_order="entered",
    )
    eclac = Institution.objects.filter(kind="eclac").first()
    donor = Institution.objects.filter(kind="international").exclude(pk=eclac.pk).first()
    _role(group, "council", 1, institution=Institution.objects.get(code="INEGI@MEX"), capacity="chair")
    _role(group, "council", 2, institution=donor, capacity="donor")
    _role(group, "council", 3, institution=eclac, capacity="secretariat")
    Event.objects.create(
        group=group,
        order=1,
        kind="workshop",
        title_en="Workshop on sampling",
        title_es="Taller sobre muestreo",
        place_en="Bogotá",
        place_es="Bogotá",
        start_date=datetime.date(2024, 3, 4),
        end_date=datetime.date(2024, 3, 6),
    )
    Event.objects.create(
        group=group,
        order=2,
        kind="course",
        title_en="Course on national accounts",
        title_es="Curso sobre cuentas nacionales",
        start_date=datetime.date(2025, 5, 12),
        end_date=datetime.date(2025, 5, 12),
    )
    Figure.objects.create(
        group=group, order=1, label_en="Activities held", label_es="Actividades realizadas", value=14
    )
    Figure.objects.create(group=group, order=2, label_en="Participants", label_es="Participantes", value=1250)
    Figure.objects.create(
        group=group, order=3, label_en="Visits to the site", label_es="Visitas al sitio", value=30412
    )
    Link.objects.create(
        group=group,
        order=1,
        label_en="Course catalogue",
        label_es="Catálogo de cursos",
        url="https://example.org/courses",
    )
    round_ = ReportingRound.objects.create(
        programme=programme,
        meeting=conference,
        number=1,
        opens_on=datetime.date(2025, 9, 1),
        deadline=datetime.date(2025, 10, 1),
        progress_form=ReportingRound.Form.NARRATIVE,
    )
    round_record_past(reporting_round=round_, user=secretariat_user)
    GroupReport.objects.create(
        round=round_,
        group=group,
        status="accepted",
        progress_narrative_en="The network trained 1,250 people.",
        progress_narrative_es="La red capacitó a 1.250 personas.",
    )
    return Document.objects.create(
        symbol="LC/CEA.58/DDR/1",
        kind="group_report",
        round=round_,
        group=group,
        meeting=conference,
        layout=Document.Layout.TABLE,
        title_en="Report of the Network for Statistical Training",
        title_es="Informe de la Red de Capacitación Estadística",
        date_en=datetime.date(2025, 11, 1),
        date_es=datetime.date(2025, 11, 1),
    )


NETWORK = {
    "en": {
        "parts": [
            "1. Composition of the network",
            "2. Progress to date",
            "3. Events held",
            "4. The network in figures",
            "5. Links",
        ],
        "rows": [
            "Chair:",
            "Donor:",
            "Secretariat:",
            "Workshop: Workshop on sampling",
            "Bogotá",
            "4-6 March 2024",
            "Course: Course on national accounts",
            "Virtual",
            "12 May 2025",
            "Activities held",
            "14",
            "Participants",
            "1,250",
            "Visits to the site",
            "30,412",
            "Course catalogue: https://example.org/courses",
        ],
        "meeting": "meeting of the Statistical Conference of the Americas",
    },
    "es": {
        "parts": [
            "1. Composición de la red",
            "2. Avances hasta la fecha",
            "3. Eventos realizados",
            "4. La red en cifras",
            "5. Enlaces",
        ],
        "rows": [
            "Presidencia:",
            "Donante:",
            "Secretaría:",
            "Taller: Taller sobre muestreo",
            "Bogotá",
            "4 a 6 de marzo de 2024",
            "Curso: Curso sobre cuentas nacionales",
            "Virtual",
            "12 de mayo de 2025",
            "Actividades realizadas",
            "14",
            "Participantes",
            "1250",
            "Visitas al sitio",
            "30 412",
            "Catálogo de cursos: https://example.org/courses",
        ],
        "meeting": "reunión de la Conferencia Estadística de las Américas",
    },
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_network_reports_to_a_conference_meeting_as_a_two_column_table(network_report, lang):
    assert network_report.round.status == ReportingRound.Status.CLOSED
    version = document_html(network_report, lang)
    assert version.untranslated == []
    assert '<table class="label-content">' in version.html
    text = pdf_text(render_document(network_report, lang))
    expected = NETWORK[lang]
    folded = text.casefold()
    _in_order(folded, [p.casefold() for p in expected["parts"]])
    _in_order(compact(text), [compact(r) for r in expected["rows"]])
    assert expected["meeting"].casefold() in folded
    for absent in (
        "programme of work",
        "plan of activities",
        "programa de trabajo",
        "planificación de las actividades",
        "6.",
    ):
        assert absent not in folded.split(expected["parts"][0].casefold())[-1], absent


@pytest.mark.parametrize(
    "lang,expected",
    [
        (
            "en",
            [
                "Council",
                "Chair: National Institute of Statistics and Geography (INEGI) of Mexico",
                "Events held",
                "Workshop: Workshop on sampling",
                "4-6 March 2024",
                "Figures",
                "Participants",
                "1,250",
                "Links",
                "Course catalogue",
            ],
        ),
        (
            "es",
            [
                "Consejo",
                "Presidencia:",
                "Eventos realizados",
                "Taller: Taller sobre muestreo",
                "4 a 6 de marzo de 2024",
                "Cifras",
                "Participantes",
                "Visitas al sitio",
                "Enlaces",
                "Catálogo de cursos",
            ],
        ),
    ],
)
def test_the_network_page_shows_its_council_events_figures_and_links(client, network_report, lang, expected):
    page = text_of(client.get(f"/{lang}/groups/2023-2025/I/"))
    _in_order(page, expected)


def test_the_group_page_shows_areas_and_action_lines_under_their_objective(client, older_report):
    page = text_of(client.get("/es/groups/2040-2041/III/"))
    _in_order(
        page,
        [
            "Medir el trabajo no remunerado",
            "Área programática: Encuestas de hogares",
            "Armonizar las preguntas sobre uso del tiempo",
            "Capacitar a los productores",
            "Área programática: Capacitación",
            "Publicar un manual para formadores",
        ],
    )
