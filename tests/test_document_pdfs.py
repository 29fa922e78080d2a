"""The fixtures' documents as PDFs, checked through the PDFs' own text, outline and metadata
against what LC/CE.20/3 and LC/CEA.10/5 print."""

import re

import pytest

from groups.models import WorkingGroup
from reporting.models import ProgressEntry, ReportingRound
from reports.models import Document
from reports.rendering import render_document

from .support.pdf_reading import column_numbers, compact, outline_titles, pdf_pages, pdf_reader, pdf_text
from .support.published import PLAN_SIZES, SECOND_REPORT

# The day is frozen (conftest.FROZEN_NOW) for what reads it (opening rounds, the pages); a group's
# report shows its schedule as of its meeting, whatever the day.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]


@pytest.fixture(scope="session")
def pdfs(django_db_setup, django_db_blocker):
    """The two documents of the fixtures, rendered once for the whole run."""
    rendered = {}
    with django_db_blocker.unblock():
        for symbol in ("LC/CE.20/3", "LC/CEA.10/5"):
            document = Document.objects.get(symbol=symbol)
            for lang in ("en", "es"):
                rendered[symbol, lang] = render_document(document, lang)
    return rendered


def group_headings(titles):
    return [t for t in titles if re.match(r"^[IVX]+\. ", t)]


def test_progress_report_lists_the_eleven_groups_in_order(pdfs):
    titles = group_headings(outline_titles(pdfs["LC/CE.20/3", "en"]))
    assert [t.split(".")[0] for t in titles] == ROMAN
    groups = WorkingGroup.objects.filter(programme__start_year=2020).order_by("number")
    text = compact(pdf_text(pdfs["LC/CE.20/3", "en"])).upper()
    body = text.find("INTRODUCTION", text.find("CONTENTS") + 200)
    positions = []
    for group in groups:
        report = group.group_reports.first()
        title = report.output_as_reported_en if report and report.output_as_reported_en else group.output_en
        positions.append(text.find(compact(f"{group.numeral}. {title}").upper(), body))
    assert -1 not in positions and positions == sorted(positions)


def test_progress_report_prints_the_85_percentages_of_the_second_report_in_order(pdfs):
    printed = column_numbers(pdfs["LC/CE.20/3", "en"], "Progress", "Remarks")
    published = [p for number in range(1, 12) for p in SECOND_REPORT[number]]
    assert len(published) == 85
    assert printed == published


def test_progress_report_rows_pair_each_activity_with_its_percentage_and_remarks(pdfs):
    text = compact(pdf_text(pdfs["LC/CE.20/3", "en"]))
    round_ = ReportingRound.objects.get(meeting__code="CE.20")
    cursor = 0
    for entry in ProgressEntry.objects.filter(round=round_).select_related("activity"):
        activity = compact(entry.activity.text_en)
        at = text.find(activity, cursor)
        assert at >= 0, entry.activity.text_en[:60]
        after = at + len(activity)
        if entry.activity.coordination_en:
            coordination = compact(f"Coordination: {entry.activity.coordination_en}")
            assert text.startswith(coordination, after)
            after += len(coordination)
        assert text.startswith(f"{entry.percent}{compact(entry.remarks_en)[:40]}", after)
        cursor = after


def test_progress_report_in_spanish_has_spanish_headings_and_texts_only(pdfs):
    text = pdf_text(pdfs["LC/CE.20/3", "es"])
    for heading in (
        "Distr. LIMITADA",
        "ORIGINAL: ESPAÑOL",
        "5 de abril de 2021",
        "ÍNDICE",
        "Vigésima reunión del Comité Ejecutivo",
        "Reunión virtual, 7 y 8 de abril de 2021",
        "Principales obstáculos enfrentados por los grupos de trabajo",
        "Objetivo general",
        "Objetivos específicos",
        "Avance (porcentajes)",
        "Observaciones",
        "Actividad",
    ):
        assert heading in text, heading
    assert "ENGLISH" not in text and "Remarks" not in text
    squeezed = compact(text)
    round_ = ReportingRound.objects.get(meeting__code="CE.20")
    for entry in ProgressEntry.objects.published().filter(round=round_).select_related("activity"):
        activity = entry.activity
        assert compact(activity.text_es) in squeezed, activity.text_es[:60]
        assert compact(activity.text_en)[:50] not in squeezed, activity.text_en[:60]
    assert column_numbers(pdfs["LC/CE.20/3", "es"], "Avance", "Observaciones") == [
        p for number in range(1, 12) for p in SECOND_REPORT[number]
    ]


def test_english_heading_block_names_both_languages(pdfs):
    first_page = pdf_pages(pdfs["LC/CE.20/3", "en"])[0]
    for line in (
        "Distr. LIMITED",
        "LC/CE.20/3",
        "5 April 2021",
        "ENGLISH",
        "ORIGINAL: SPANISH",
        "21-00161",
        "Twentieth meeting of the Executive Committee of the Statistical Conference of the Americas",
        "Virtual meeting, 7-8 April 2021",
        "SECOND REPORT ON THE IMPLEMENTATION OF THE BIENNIAL PROGRAMME",
    ):
        assert line in first_page, line


def test_every_page_after_the_first_carries_the_symbol_and_its_number(pdfs):
    pages = pdf_pages(pdfs["LC/CE.20/3", "en"])
    assert len(pages) > 10
    for number, page in enumerate(pages[1:], start=2):
        assert "LC/CE.20/3" in page, number
        assert re.search(rf"(^|\s){number}(\s|$)", page), number


def test_contents_page_numbers_point_at_the_groups(pdfs):
    content = pdfs["LC/CEA.10/5", "en"]
    pages = [compact(p).upper() for p in pdf_pages(content)]
    # The first page's footer (the job number) follows its last line of contents in the text.
    contents = compact(pdf_text(content)).split("INTRODUCTION", 1)[0].replace("19-01007", " ")
    for group in WorkingGroup.objects.filter(programme__start_year=2020).order_by("number"):
        title = compact(f"{group.numeral}. {group.output_en}")
        at = contents.find(title)
        assert at >= 0, title
        page = int(re.match(r"\.*(\d+)", contents[at + len(title) :]).group(1))
        assert title.upper() in pages[page - 1], (title, page)


def test_programme_lists_every_plan_with_its_dates(pdfs):
    text = compact(pdf_text(pdfs["LC/CEA.10/5", "en"]))
    assert "7.Planofactivities" in text and "Startdate" in text and "Enddate" in text
    cursor = 0
    for group in WorkingGroup.objects.filter(programme__start_year=2020).order_by("number"):
        plan = list(group.activities.in_plan())
        assert len(plan) == PLAN_SIZES[group.number]
        for activity in plan:
            expected = compact(
                f"{activity.plan_no}{activity.text_en}{activity.start_label}{activity.end_label}"
            )
            at = text.find(expected, cursor)
            assert at >= 0, (group.numeral, activity.plan_no, expected[:80])
            cursor = at + len(expected)


def test_programme_in_spanish_gives_months_in_spanish(pdfs):
    text = pdf_text(pdfs["LC/CEA.10/5", "es"])
    for words in (
        "Plan de actividades",
        "Fecha de inicio",
        "Fecha de término",
        "Actividades intermedias",
        "enero de 2020",
        "Presupuesto y fuentes de financiamiento",
        "Impacto esperado",
        "Décima reunión de la Conferencia Estadística de las Américas",
        "Santiago, 19 a 21 de noviembre de 2019",
        "18 de noviembre de 2019",
    ):
        assert words in text, words
    assert "January 2020" not in text


def test_programme_shows_group_five_financing_table(pdfs):
    text = pdf_text(pdfs["LC/CEA.10/5", "en"])
    for cell in ("Source", "Form the contribution will take", "Purpose", "US$ 10,000", "US$ 25,000"):
        assert cell in text, cell
    # Spanish groups thousands with a (non-breaking) space, as Django's Spanish format does.
    assert re.search(r"US\$ 10\s000", pdf_text(pdfs["LC/CEA.10/5", "es"]))


@pytest.mark.parametrize("symbol", ["LC/CE.20/3", "LC/CEA.10/5"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_outline_has_one_entry_per_group(pdfs, symbol, lang):
    titles = outline_titles(pdfs[symbol, lang])
    assert [t.split(".")[0] for t in group_headings(titles)] == ROMAN
    assert len(set(group_headings(titles))) == 11


@pytest.mark.parametrize("lang", ["en", "es"])
def test_metadata_and_tagging(pdfs, lang):
    reader = pdf_reader(pdfs["LC/CE.20/3", lang])
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title.startswith("LC/CE.20/3 — ")
    committee = {
        "en": "Twentieth meeting of the Executive Committee",
        "es": "Vigésima reunión del Comité Ejecutivo",
    }[lang]
    assert committee in reader.metadata.subject
    assert b"pdfuaid" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
