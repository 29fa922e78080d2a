"""Reading a report typed in Word, in a real browser, as the secretariat does it (issue 29): on the
documents' list, "Read a document from Word"; both files chosen; the preview lists each record
beside its passage and asks about the names it could not match; the answers chosen and typed;
confirmed; the document is in the register. In Spanish, the same page speaks Spanish.

Only HTTP and the browser here: no Django ORM (see conftest.py). The two files are written by
python-docx (tests/support/typed_report.py), as a person types them."""

from playwright.sync_api import expect

from ..support.typed_report import typed_report
from .test_progress_flow import log_in


def _files(tmp_path):
    paths = []
    for lang in ("en", "es"):
        path = tmp_path / f"report-{lang}.docx"
        typed_report(lang).save(path)
        paths.append(path)
    return paths


def test_a_typed_report_is_read_answered_and_written(portal_server, page, screenshot, tmp_path):
    base = portal_server.url
    english, spanish = _files(tmp_path)
    log_in(page, base, "secretariat")
    page.goto(f"{base}/en/admin/reports/document/")
    page.get_by_role("link", name="Read a document from Word").click()
    page.set_input_files("#id_first", str(english))
    page.set_input_files("#id_second", str(spanish))
    page.get_by_role("button", name="Read and preview").click()

    expect(page.get_by_role("status")).to_contain_text("new:")
    expect(page.locator("#records-heading")).to_be_visible()
    expect(page.locator("table.preview")).to_contain_text("LC/CE.40/DDR/7")
    expect(page.locator("table.preview")).to_contain_text("Household")
    expect(page.get_by_role("note")).to_contain_text("English row 2 with Spanish rows 2, 3")
    screenshot(page, "word_import_preview")

    # The ambiguous acronym among its matches; the unknown office by the code of a body the
    # portal holds (the clerk could add it in the admin first, as the question says).
    choice = page.get_by_label("“INEC”", exact=False)
    choice.select_option("INEC@ECU")
    page.get_by_label("Statistics Office of Atlantis", exact=False).fill("INE@CHL")
    page.get_by_role("button", name="Confirm: write every record").click()

    expect(page.locator(".messagelist")).to_contain_text("The document was read and written")
    expect(page.locator("#result_list")).to_contain_text("LC/CE.40/DDR/7")
    screenshot(page, "word_import_written")


def test_the_page_speaks_spanish_and_refuses_a_file_that_is_not_word(portal_server, page, tmp_path):
    base = portal_server.url
    not_word = tmp_path / "informe.docx"
    not_word.write_bytes(b"texto sin formato")
    log_in(page, base, "secretariat")
    page.goto(f"{base}/es/admin/reports/document/import-word/")
    expect(page.get_by_role("heading", name="Leer un documento desde Word")).to_be_visible()
    page.set_input_files("#id_first", str(not_word))
    page.get_by_role("button", name="Leer y previsualizar").click()
    expect(page.locator(".errorlist")).to_contain_text("no es un documento de Word")
