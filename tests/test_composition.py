"""Documents composed by the secretariat (issue 25): an older working group's report and a
network's, each printed with the parts its composition names, numbered as it asks, with the
tables in the variants it asks, and nothing else; checked from the PDF's own text and from the
Word file's own text, in English and in Spanish."""

import datetime
import zoneinfo

import pytest
import time_machine

from activities.models import Activity, Output, PlanRow
from groups.models import Country, Institution
from reports.models import Document, DocumentPart, DocumentWording
from reports.rendering import document_html, render_document, render_docx

from .support.pdf_reading import compact, pdf_pages, pdf_text
from .support.word import docx_text
from .test_report_shapes import _both, network_report, older_report  # noqa: F401  (fixtures)

SANTIAGO = zoneinfo.ZoneInfo("America/Santiago")


def _compose(document, rows, **variants):
    """The document's parts, in order: (part, within, heading_en, heading_es)."""
    for order, (part, within, *headings) in enumerate(rows, start=1):
        en, es = headings or ("", "")
        DocumentPart.objects.create(
            document=document, order=order, part=part, within=within, heading_en=en, heading_es=es
        )
    for name, value in variants.items():
        setattr(document, name, value)
    document.save()
    return document


@pytest.fixture
def older_shape(older_report):  # noqa: F811  (a fixture of test_report_shapes)
    """The older shape: items 1 to 4 for who the group is, the programme of work in 5 with (a) to
    (d), progress in 6, conclusions in 7; specific objectives in a titled table of their own;
    outputs under objectives with one lead-in and no timetable; a plan of rows grouped by
    objective, one of two outputs and one of its own text."""
    group = older_report.group
    coordinating = group.roles.get(role="coordinating")
    coordinating.institution = None  # "Coordinating country: Chile."
    coordinating.save()
    for number, (en, es) in enumerate(
        [("Unpaid work", "Trabajo no remunerado"), ("Training", "Capacitación")], 1
    ):
        objective = group.objectives.get(kind="specific", order=number)
        _both(objective, "title", en, es)
        objective.save()
    first, second = (
        group.objectives.get(kind="specific", order=1),
        group.objectives.get(kind="specific", order=2),
    )
    two = PlanRow.objects.create(
        group=group,
        order=1,
        objective=first,
        timetable_en="First half of 2041",
        timetable_es="Primer semestre de 2041",
    )
    two.outputs.set(Output.objects.filter(group=group, order__in=[1, 2]))
    PlanRow.objects.create(
        group=group,
        order=2,
        objective=second,
        text_en="Regional meeting of the group",
        text_es="Reunión regional del grupo",
        timetable_en="November 2041",
        timetable_es="Noviembre de 2041",
    )
    DocumentWording.objects.create(
        document=older_report,
        language="es",
        institution=Institution.objects.get(code="INEC@TST"),
        without_acronym=True,
    )
    DocumentWording.objects.create(
        document=older_report,
        language="en",
        country=Country.objects.get(iso3="BRA"),
        name="Federative Republic of Brazil",
    )
    return _compose(
        older_report,
        [
            ("coordinating", False),
            ("members", False),
            ("secretariat", False),
            ("participating", False),
            ("work", False),
            ("objectives", True, "General objective", "Objetivo general"),
            ("specific_objectives", True),
            ("outputs", True, "Outputs", "Productos"),
            ("plan", True, "Timetable of the outputs", "Calendario de los productos"),
            ("progress", False, "Progress in the period", "Avances en el período"),
            ("conclusions", False),
        ],
        commission_line=False,
        objective_headings=False,
        outputs_timetable=False,
        plan_as=Document.PlanAs.OUTPUTS,
        plan_by_objective=True,
    )


OLDER = {
    "en": {
        "parts": [
            "1. Coordinating country: Chile.",
            "2. Member countries: Argentina, Federative Republic of Brazil and Peru.",
            "3. Technical secretariat: Economic Commission for Latin America and the Caribbean (ECLAC).",
            "4. Participating bodies: National Institute of Statistics and Censuses (INEC) of Ecuador.",
            "5. Programme of work 2040-2041",
            "(a) General objective",
            "Promote gender statistics.",
            "(b) Description of the specific objectives for the period 2040-2041",
            "Specific objective",
            "Description",
            "I. Unpaid work",
            "Measure unpaid work",
            "II. Training",
            "Train the producers",
            "(c) Outputs",
            "The group will submit the following outputs:",
            "I. Unpaid work",
            "1",
            "Regional guide on time-use surveys",
            "The coordinating countries with the support of ECLAC",
            "2",
            "Inventory of registers of violence",
            "Coordinating countries and National Institute of Statistics and Censuses (INEC) of Ecuador",
            "II. Training",
            "3",
            "Manual for trainers",
            "(d) Timetable of the outputs",
            "Programme objective",
            "I. Unpaid work",
            "Outputs 1 and 2",
            "First half of 2041",
            "II. Training",
            "Regional meeting of the group",
            "November 2041",
            "6. Progress in the period",
            "The group met twice.",
            "It agreed on a common questionnaire.",
            "7. Conclusions",
            "The group met most of its goals.",
        ],
        "absent": [
            "ECONOMIC COMMISSION FOR LATIN AMERICA AND THE CARIBBEAN",
            "Composition of the working group",
            "Results of the previous programme",
            "The previous programme produced a glossary.",
            "Budget and financing",
            "Activities and action lines",
            "First half of 2021",
            "First report",
            "Introduction",
            "(e)",
        ],
    },
    "es": {
        "parts": [
            "1. País coordinador: Chile.",
            "2. Países miembros: Argentina, Brasil y Perú.",
            "3. Secretaría técnica: Comisión Económica para América Latina y el Caribe (CEPAL).",
            "4. Organismos participantes: Instituto Nacional de Estadística y Censos del Ecuador.",
            "5. Programa de trabajo 2040-2041",
            "(a) Objetivo general",
            "Promover las estadísticas de género.",
            "(b) Descripción de los objetivos específicos para el período 2040-2041",
            "Objetivo específico",
            "Descripción",
            "I. Trabajo no remunerado",
            "Medir el trabajo no remunerado",
            "II. Capacitación",
            "Capacitar a los productores",
            "(c) Productos",
            "El grupo presentará los siguientes productos:",
            "1",
            "Guía regional sobre encuestas de uso del tiempo",
            "Los países coordinadores con el apoyo de la CEPAL",
            "2",
            "Inventario de registros de violencia",
            "Países coordinadores e Instituto Nacional de Estadística y Censos del Ecuador",
            "3",
            "Manual para formadores",
            "(d) Calendario de los productos",
            "Objetivo programático",
            "Productos 1 y 2",
            "Primer semestre de 2041",
            "Reunión regional del grupo",
            "Noviembre de 2041",
            "6. Avances en el período",
            "El grupo se reunió dos veces.",
            "7. Conclusiones",
            "El grupo cumplió la mayoría de sus metas.",
        ],
        "absent": [
            "COMISIÓN ECONÓMICA PARA AMÉRICA LATINA Y EL CARIBE",
            "Composición del grupo de trabajo",
            "Resultados del programa anterior",
            "Presupuesto y financiamiento",
            "Actividades y líneas de acción",
            "(INEC)",
            "Primer informe",
            "Introducción",
            "(e)",
        ],
    },
}


def _folded(phrase):
    # Without spaces (line breaks in table cells) and without case (a part's heading is set in
    # capitals in the PDF).
    return compact(phrase).casefold()


def _in_order(text, phrases):
    position = 0
    for phrase in phrases:
        found = text.find(_folded(phrase), position)
        assert found >= 0, (phrase, "not after", text[max(position - 120, 0) : position])
        position = found + len(_folded(phrase))


def _check(text, expected):
    """Every part and row in order; nothing the composition does not name, from the first part
    on (the heading block is checked whole)."""
    body = _folded(text)
    _in_order(body, expected["parts"])
    after = body[body.find(_folded(expected["parts"][0])) :]
    for phrase in expected["absent"]:
        if phrase.isupper():  # a line of the heading block, in capitals there alone
            assert compact(phrase) not in compact(text), phrase
        else:
            assert _folded(phrase) not in after, phrase


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_older_report_prints_its_composition_in_pdf_and_word(older_shape, lang):
    assert document_html(older_shape, lang).untranslated == []
    _check(pdf_text(render_document(older_shape, lang)), OLDER[lang])
    _check(docx_text(render_docx(older_shape, lang)), OLDER[lang])


def test_the_documents_wording_leaves_the_records_as_they_are(older_shape):
    render_document(older_shape, "es")
    institution = Institution.objects.get(code="INEC@TST")
    assert (institution.acronym_en, institution.acronym_es) == ("INEC", "INEC")
    assert Country.objects.get(iso3="BRA").name_en == "Brazil"


def test_the_composed_report_is_the_same_pdf_on_another_day(older_shape):
    first = render_document(older_shape, "en")
    with time_machine.travel(datetime.datetime(2044, 2, 3, 10, tzinfo=SANTIAGO), tick=False):
        assert render_document(older_shape, "en") == first


def test_a_part_without_data_is_left_out_unless_printed_empty(older_shape):
    older_shape.group.plan_rows.all().delete()
    Output.objects.filter(group=older_shape.group).update(timetable_en="", timetable_es="")
    text = compact(pdf_text(render_document(older_shape, "en")))
    assert compact("(d) Timetable of the outputs") not in text
    part = older_shape.parts.get(part="plan")
    part.print_empty = True
    part.save()
    assert compact("(d) Timetable of the outputs") in compact(pdf_text(render_document(older_shape, "en")))


@pytest.mark.parametrize("numbering,first,inside", [("roman", "I. ", "(a) "), ("none", "", "")])
def test_the_numbering_scheme_is_the_documents(older_shape, numbering, first, inside):
    older_shape.numbering = numbering
    older_shape.save()
    text = compact(pdf_text(render_document(older_shape, "en")))
    assert compact(f"{first}Coordinating country: Chile.") in text
    assert compact(f"{'V. ' if first else ''}Programme of work 2040-2041") in text
    assert compact(f"{inside}General objective") in text
    if numbering == "none":
        assert compact("(a) General objective") not in text and compact("1. Coordinating") not in text


def test_the_default_composition_keeps_the_shape_every_report_had(older_report):  # noqa: F811
    """Without parts of its own a report prints its kind's defaults, as before compositions."""
    text = compact(pdf_text(render_document(older_report, "en"))).casefold()
    for heading in (
        "1. introduction",
        "2. composition of the working group",
        "3. programme of work 2040-2041",
    ):
        assert compact(heading) in text
    assert compact("UNITED NATIONS ECONOMIC COMMISSION FOR LATIN AMERICA") in compact(
        pdf_text(render_document(older_report, "en"))
    )


# A network's report in two columns: its council, events, figures and programme with who is in
# charge of each activity; no progress and no plan, although the data would have them.


@pytest.fixture
def network_shape(network_report):  # noqa: F811
    group = network_report.group
    for order, (en, es, who_en, who_es, start) in enumerate(
        [
            ("Course on sampling", "Curso sobre muestreo", "INEGI", "INEGI", datetime.date(2024, 3, 1)),
            ("Manual on censuses", "Manual sobre censos", "ECLAC", "CEPAL", datetime.date(2025, 1, 1)),
        ],
        start=1,
    ):
        Activity.objects.create(
            group=group,
            order=order,
            text_en=en,
            text_es=es,
            coordination_en=who_en,
            coordination_es=who_es,
            start_month=start,
            end_month=start + datetime.timedelta(days=59),
        )
    return _compose(
        network_report,
        [
            ("council", False, "Council of the network", "Consejo de la red"),
            ("programme", False),
            ("events", False),
            ("figures", False),
            ("links", False),
        ],
    )


NETWORK = {
    "en": {
        "parts": [
            "1. Council of the network",
            "Chair: National Institute of Statistics and Geography (INEGI) of Mexico",
            "2. Programme of activities",
            "In charge",
            "Course on sampling",
            "INEGI",
            "March 2024",
            "Manual on censuses",
            "ECLAC",
            "3. Events held",
            "Workshop: Workshop on sampling",
            "4. The network in figures",
            "Participants",
            "1,250",
            "5. Links",
            "Course catalogue: https://example.org/courses",
        ],
        "absent": ["Progress to date", "Plan of activities", "Schedule as of", "The network trained", "6."],
    },
    "es": {
        "parts": [
            "1. Consejo de la red",
            "Presidencia:",
            "2. Programa de actividades",
            "A cargo",
            "Curso sobre muestreo",
            "INEGI",
            "Manual sobre censos",
            "CEPAL",
            "3. Eventos realizados",
            "Taller: Taller sobre muestreo",
            "4. La red en cifras",
            "Participantes",
            "5. Enlaces",
            "Catálogo de cursos: https://example.org/courses",
        ],
        "absent": [
            "Avances hasta la fecha",
            "Planificación de las actividades",
            "Cronograma al",
            "La red capacitó",
            "6.",
        ],
    },
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_networks_report_prints_its_composition_in_two_columns(network_shape, lang):
    version = document_html(network_shape, lang)
    assert version.untranslated == [] and '<table class="label-content">' in version.html
    for text in (pdf_text(render_document(network_shape, lang)), docx_text(render_docx(network_shape, lang))):
        _check(text, NETWORK[lang])


# The secretariat composes a document in the admin and sees the effect in the preview.


def test_the_secretariat_composes_a_report_in_the_admin_and_previews_it(secretariat_client, older_report):  # noqa: F811
    from .support.admin_forms import post_data_from

    url = f"/en/admin/reports/document/{older_report.pk}/change/"
    data = post_data_from(secretariat_client.get(url))
    data.update(
        {
            "parts-TOTAL_FORMS": "3",
            "numbering": "roman",
            **{f"parts-{i}-order": str(i + 1) for i in range(3)},
            **{f"parts-{i}-part": part for i, part in enumerate(["coordinating", "work", "outputs"])},
            "parts-2-within": "on",
            "parts-2-heading_en": "Outputs of the group",
            "parts-2-heading_es": "Productos del grupo",
        }
    )
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert list(older_report.parts.values_list("part", "within")) == [
        ("coordinating", False),
        ("work", False),
        ("outputs", True),
    ]
    preview = secretariat_client.get(f"/en/admin/reports/document/{older_report.pk}/preview/es/")
    assert preview.status_code == 200
    text = compact(preview.content.decode())
    assert compact("II.</span> Programa de trabajo 2040-2041") in text
    assert compact("(a) Productos del grupo") in text
    assert compact("Conclusiones") not in text
    assert (
        secretariat_client.get(f"/en/admin/reports/document/{older_report.pk}/preview/fr/").status_code == 404
    )


def test_a_part_the_kind_does_not_have_is_refused_with_nothing_written(secretariat_client, older_report):  # noqa: F811
    from .support import factories
    from .support.admin_forms import post_data_from

    programme = factories.document(
        symbol="LC/CEA.40/5",
        kind="programme",
        programme=older_report.round.programme,
        meeting=older_report.meeting,
    )
    url = f"/es/admin/reports/document/{programme.pk}/change/"
    data = post_data_from(secretariat_client.get(url))
    data.update({"parts-TOTAL_FORMS": "1", "parts-0-order": "1", "parts-0-part": "council"})
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    assert "Este tipo de documento no tiene esa parte." in response.content.decode()
    assert not programme.parts.exists()


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "es"])
def test_libreoffice_opens_both_composed_reports(older_shape, network_report, lang, tmp_path):  # noqa: F811
    from .support.word import converts_with_libreoffice

    for document, first in ((older_shape, OLDER[lang]["parts"][0]), (network_report, None)):
        pages = pdf_pages(converts_with_libreoffice(render_docx(document, lang), tmp_path))
        assert document.symbol in pages[0]
        if first:
            assert _folded(first) in _folded(" ".join(pages))
