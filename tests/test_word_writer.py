"""html_to_docx on a small page with the shapes a document's templates may print (merged cells,
tables one after the other, hidden parts, links, line breaks, numbered headings), read back
from the Word file itself and opened by LibreOffice. No database: the writer reads HTML only."""

import pytest
from docx.oxml.ns import qn

from reports.word import html_to_docx

from .support.word import (
    converts_with_libreoffice,
    docx_document,
    docx_headings,
    docx_paragraphs,
    docx_tables,
    table_rows,
)

PAGE = """<!DOCTYPE html>
<html lang="es">
<head>
  <title>LC/T.1 — Informe de prueba</title>
  <meta name="keywords" content="LC/T.1">
  <link rel="stylesheet" href="reports/pdf.css">
</head>
<body>
  <p class="job-number">26-00001</p>
  <h1 class="doc-title">Informe de prueba</h1>
  <section class="group-body">
    <h2 class="part group"><span class="numeral">I.</span> Primer grupo</h2>
    <h3 class="numbered">Objetivos</h3>
    <p>Uno   dos
       tres<br>cuatro<span aria-hidden="true">barra</span></p>
    <h3 class="numbered">Plan</h3>
    <table>
      <thead><tr><th>Objetivo</th><th>Área</th><th>Línea</th></tr></thead>
      <tbody>
        <tr><td rowspan="2">O1</td><td colspan="2">Área y línea</td></tr>
        <tr><td>A2</td><td>L2</td></tr>
      </tbody>
    </table>
    <table><tbody><tr><td>Segunda tabla</td></tr></tbody></table>
  </section>
  <section class="group-body">
    <h2 class="part group"><span class="numeral">II.</span> Segundo grupo</h2>
    <h3 class="numbered">Enlaces</h3>
    <ul class="plain links"><li>Catálogo: <a href="https://example.org/cursos">el catálogo</a></li></ul>
  </section>
</body>
</html>"""


@pytest.fixture(scope="module")
def word():
    return html_to_docx(PAGE)


def test_headings_carry_the_numerals_the_stylesheet_generates(word):
    assert docx_headings(word) == [
        ("Title", "Informe de prueba"),
        ("Heading 1", "I.\tPrimer grupo"),
        ("Heading 2", "1. Objetivos"),
        ("Heading 2", "2. Plan"),
        ("Heading 1", "II.\tSegundo grupo"),
        ("Heading 2", "1. Enlaces"),
    ]


def test_white_space_collapses_and_line_breaks_stay(word):
    texts = [p.text for p in docx_paragraphs(word)]
    assert "Uno dos tres\ncuatro" in texts


def test_what_the_pdf_hides_is_left_out(word):
    texts = " ".join(p.text for p in docx_paragraphs(word))
    assert "barra" not in texts and "26-00001" not in texts
    assert docx_document(word).sections[0].first_page_footer.paragraphs[0].text == "26-00001"


def test_cells_spanning_rows_and_columns_are_merged(word):
    table = docx_tables(word)[0]
    assert table_rows(table) == [["Objetivo", "Área", "Línea"], ["O1", "Área y línea"], ["A2", "L2"]]
    rows = table._tbl.tr_lst
    assert rows[1].tc_lst[1].tcPr.gridSpan.val == 2
    assert rows[2].tc_lst[0].tcPr.vMerge.val == "continue"


def test_tables_one_after_the_other_stay_apart(word):
    tables = docx_tables(word)
    assert len(tables) == 2 and table_rows(tables[1]) == [["Segunda tabla"]]
    between = tables[0]._tbl.getnext()
    assert between.tag == qn("w:p") and between.getnext() is tables[1]._tbl


def test_links_keep_their_text_and_their_address(word):
    paragraph = next(p for p in docx_paragraphs(word) if p.text.startswith("Catálogo"))
    assert paragraph.text == "Catálogo: el catálogo"
    assert paragraph.style.name == "List"
    (link,) = paragraph.hyperlinks
    assert link.text == "el catálogo" and link.address == "https://example.org/cursos"


def test_language_and_symbol_come_from_the_page(word):
    core = docx_document(word).core_properties
    assert (core.language, core.keywords, core.title) == ("es-ES", "LC/T.1", "LC/T.1 — Informe de prueba")


@pytest.mark.slow
def test_libreoffice_opens_it(word, tmp_path):
    assert converts_with_libreoffice(word, tmp_path)
