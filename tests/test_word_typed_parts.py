"""The typed reader's parts, one at a time: the outline of a .docx (typed numbering, bullets,
merged cells resolved to the cells they span), the matching of countries and institutions by
name or acronym in either language, and the pairing of a table's rows across the languages."""

import docx
import pytest

from spreadsheets.from_word.matching import Matcher, fold
from spreadsheets.from_word.outline import outline
from spreadsheets.from_word.pairing import pair_rows


def _word(*paragraphs):
    word = docx.Document()
    for text in paragraphs:
        if isinstance(text, tuple):
            word.add_paragraph(text[0], style=text[1])
        else:
            word.add_paragraph(text)
    return word


def test_typed_numbers_bullets_and_paragraphs():
    found = outline(
        _word(
            "1. Introduction",
            "IV. Plan of activities",
            "(b) Outputs of the group",
            "c) Budget",
            "• A body typed with a bullet",
            ("A body in a list style", "List Bullet"),
            "The group met in 2041.",
            "",
        )
    )
    assert [(b.kind, b.number, b.value, b.level, b.text) for b in found.blocks] == [
        ("numbered", "1.", 1, 1, "Introduction"),
        ("numbered", "IV.", 4, 1, "Plan of activities"),
        ("numbered", "(b)", 2, 2, "Outputs of the group"),
        ("numbered", "(c)", 3, 2, "Budget"),
        ("item", "", 0, 0, "A body typed with a bullet"),
        ("item", "", 0, 0, "A body in a list style"),
        ("paragraph", "", 0, 0, "The group met in 2041."),
    ]
    assert [b.where for b in found.blocks][-1] == "paragraph 7"
    assert found.lang == "en"


def test_the_language_of_a_file_is_found_from_its_text():
    assert outline(_word("El grupo se reunió dos veces en la sede de la CEPAL.")).lang == "es"
    assert outline(_word("The group met twice at the seat of ECLAC.")).lang == "en"


def test_merged_cells_give_their_text_to_every_cell_they_span():
    word = docx.Document()
    table = word.add_table(rows=4, cols=3)
    for r in range(4):
        for c in range(3):
            table.cell(r, c).text = f"{r}{c}"
    table.cell(1, 0).merge(table.cell(3, 0)).text = "objective"  # down three rows (vMerge)
    table.cell(0, 1).merge(table.cell(0, 2)).text = "heading"  # across two columns (gridSpan)
    [block] = outline(word).blocks
    assert block.kind == "table" and block.where == "table 1"
    assert block.grid == [
        ["00", "heading", "heading"],
        ["objective", "11", "12"],
        ["objective", "21", "22"],
        ["objective", "31", "32"],
    ]
    assert [row[0] for row in block.origin] == [(0, 0), (1, 0), (1, 0), (1, 0)]


@pytest.mark.django_db
def test_institutions_by_acronym_in_either_language_accents_and_case_ignored():
    matcher = Matcher()
    assert matcher.institution("ECLAC").key == "ECLAC"
    assert matcher.institution("CEPAL").key == "ECLAC"
    assert matcher.institution("cepal").key == "ECLAC"
    assert matcher.institution("Comision Economica para America Latina y el Caribe").key == "ECLAC"
    assert matcher.institution("Instituto Nacional de Estadística y Geografía (INEGI)").key == "INEGI@MEX"
    assert matcher.country("México").key == "MEX" == matcher.country("mexico").key
    assert matcher.country("el Perú").key == "PER"


@pytest.mark.django_db
def test_an_ambiguous_acronym_gives_every_candidate_and_a_country_narrows_it():
    matcher = Matcher()
    assert matcher.institution("INE").keys == ("INE@CHL", "INE@PRY")
    assert matcher.institution("INE").key == ""
    assert matcher.institution("INE", "CHL").key == "INE@CHL"
    assert matcher.institution("National Institute of Statistics (INE) of Paraguay").key == "INE@PRY"
    assert matcher.institution("Instituto Nacional de Estadística (INE) del Paraguay").key == "INE@PRY"
    assert matcher.institution("Statistics Office of Atlantis (SOA)").keys == ()
    assert fold("  Estadística, (INE)  ") == "estadistica ine"


def _table(*rows):
    word = docx.Document()
    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return outline(word).blocks[0]


def test_rows_typed_alike_pair_by_position_without_a_warning():
    en = _table(["No.", "Output"], ["1", "Guide"], ["2", "Manual"])
    es = _table(["N.º", "Producto"], ["1", "Guía"], ["2", "Manual"])
    pairs, warnings = pair_rows(en, es, "The plan")
    assert [(a.cells[1], b.cells[1]) for a, b in pairs] == [("Guide", "Guía"), ("Manual", "Manual")]
    assert warnings == []


def test_a_row_split_in_one_language_is_paired_by_its_number_and_flagged():
    en = _table(["No.", "Output"], ["1", "Guide"], ["2", "Manual for trainers"], ["3", "Course"])
    es = _table(["N.º", "Producto"], ["1", "Guía"], ["2", "Manual"], ["", "para formadores"], ["3", "Curso"])
    pairs, warnings = pair_rows(en, es, "The plan")
    assert [(a.cells[1], b.cells[1]) for a, b in pairs] == [
        ("Guide", "Guía"),
        ("Manual for trainers", "Manual para formadores"),
        ("Course", "Curso"),
    ]
    [warning] = warnings
    assert "The plan" in warning and "English row 2 with Spanish rows 2, 3" in warning


def test_rows_whose_numbers_do_not_agree_are_left_for_the_clerk():
    en = _table(["No.", "Output"], ["1", "Guide"], ["2", "Manual"])
    es = _table(["N.º", "Producto"], ["1", "Guía"], ["5", "Otro"], ["6", "Más"])
    pairs, warnings = pair_rows(en, es, "The plan")
    assert [(a and a.cells[1], b and b.cells[1]) for a, b in pairs] == [
        ("Guide", "Guía"),
        ("Manual", None),
        (None, "Otro"),
        (None, "Más"),
    ]
    assert "English row 2; Spanish rows 2, 3 have no row" in warnings[1]


@pytest.mark.django_db
def test_a_virtual_meeting_in_spanish_and_parts_numbered_in_roman_with_inline_roles():
    from spreadsheets.from_word.content import read_content

    content = read_content(
        outline(
            _word(
                "NACIONES UNIDAS",
                "Distr. GENERAL",
                "LC/CE.20/9",
                "5 de abril de 2021",
                "ORIGINAL: ESPAÑOL",
                "Vigésima reunión del Comité Ejecutivo de la Conferencia Estadística de las Américas",
                "Reunión virtual, 7 y 8 de abril de 2021",
                "INFORME DEL GRUPO DE TRABAJO",
                "SOBRE CENSOS",
                "ÍNDICE",
                "Página",
                "I.\tPaís coordinador\t1",
                "III.\tConclusiones propias del grupo ........ 2",
                "I. País coordinador: Chile: Instituto Nacional de Estadísticas (INE).",
                "II. Países miembros: Argentina, Brasil y el Perú.",
                "III. Conclusiones propias del grupo",
                "El grupo cumplió sus metas.",
            )
        )
    )
    heading = content.heading
    assert (heading.meeting_code, heading.is_virtual, heading.commission_line) == ("CE.20", True, False)
    assert (heading.symbol, heading.distribution, heading.original_language) == (
        "LC/CE.20/9",
        "general",
        "es",
    )
    assert str(heading.date) == "2021-04-05" and (str(heading.start_date), str(heading.end_date)) == (
        "2021-04-07",
        "2021-04-08",
    )
    # Typed in capitals over two paragraphs: one title, in sentence case.
    assert heading.title == "Informe del grupo de trabajo sobre censos"
    assert [(s.number, s.part, s.own_heading) for s in content.sections] == [
        ("I.", "coordinating", False),
        ("II.", "members", False),
        ("III.", "conclusions", True),
    ]
    assert content.flags["numbering"] == "roman"
    assert content.roles["members"][0][0] == "Argentina, Brasil y el Perú."
    assert content.text("conclusions") == "El grupo cumplió sus metas."


@pytest.mark.django_db
def test_a_heading_block_in_a_table_and_parts_set_in_heading_styles():
    from spreadsheets.from_word.content import read_content

    word = docx.Document()
    block = word.add_table(rows=1, cols=2)
    block.cell(0, 0).text = "UNITED NATIONS"
    block.cell(0, 0).add_paragraph("ECONOMIC COMMISSION FOR LATIN AMERICA AND THE CARIBBEAN")
    right = block.cell(0, 1)
    right.text = "Distr. LIMITED"
    for line in ("LC/CE.20/9", "5 April 2021", "ENGLISH", "ORIGINAL: SPANISH", "21-00161"):
        right.add_paragraph(line)
    word.add_paragraph(
        "Twentieth meeting of the Executive Committee of the Statistical Conference of the Americas"
    )
    word.add_paragraph("Virtual meeting, 7-8 April 2021")
    word.add_paragraph("Report of the Working Group on Censuses")
    word.add_paragraph("Composition of the working group", style="Heading 1")
    word.add_paragraph("Member countries: Chile and Mexico.")
    word.add_paragraph("Programme of work 2020-2021", style="Heading 1")
    word.add_paragraph("Budget and financing", style="Heading 2")
    word.add_paragraph("The members finance the group.")
    content = read_content(outline(word))
    heading = content.heading
    assert (heading.symbol, heading.job_number, heading.commission_line) == ("LC/CE.20/9", "21-00161", True)
    assert (heading.meeting_code, heading.is_virtual, heading.original_language) == ("CE.20", True, "es")
    assert [(s.part, [c.part for c in s.children]) for s in content.sections] == [
        ("composition", []),
        ("work", ["financing"]),
    ]
    assert content.flags["numbering"] == "none"
    assert content.roles["members"][0][0] == "Chile and Mexico."
    assert content.text("financing") == "The members finance the group."


@pytest.mark.django_db
def test_the_names_a_typed_role_holds():
    from spreadsheets.from_word.roles import names

    matcher = Matcher()
    assert names("Argentina, Brazil and Peru.", "members") == ["Argentina", "Brazil", "Peru"]
    assert names("Chile y México.", "coordinating", matcher) == ["Chile", "México"]
    assert names(
        "Chile: National Institute of Statistics (INE) and Mexico: INEGI.", "coordinating", matcher
    ) == [
        "Chile: National Institute of Statistics (INE)",
        "Mexico: INEGI",
    ]
    assert names(
        "National Institute of Statistics and Censuses (INEC), Statistics Canada", "participating"
    ) == [
        "National Institute of Statistics and Censuses (INEC)",
        "Statistics Canada",
    ]


@pytest.mark.django_db
def test_two_files_in_one_language_are_refused():
    from spreadsheets.from_word.reading import Unreadable
    from spreadsheets.from_word.typed import read_typed

    from .support.typed_report import typed_report

    with pytest.raises(Unreadable, match="same language"):
        read_typed([typed_report("en"), typed_report("en")])
