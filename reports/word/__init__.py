"""A document's Word file, written from the same HTML as its PDF.

One composition, two outputs: reports.rendering.document_html writes the document as HTML from
its kind's templates; WeasyPrint lays that HTML out as the PDF, and `html_to_docx` walks the same
HTML, matched against the same stylesheet (cascade.py), into a .docx with python-docx. Whatever
the templates print, both files print, in the same order, with the same numbers.

python-docx rather than docxtpl: the document's structure comes from its composition and our
HTML, not from a designed Word template, so docxtpl would repeat the structure in a second
template language that could drift from the PDF's."""

import tinyhtml5
from docx import Document

from .blocks import Writer
from .cascade import Cascade, stylesheet_text
from .flow import Flow
from .page import properties, running_heads, saved
from .styles import prepare

# What a higher layer adds to every Word file of a document once written, as functions
# (document, lang, content) -> content: the provenance that lets `import_document` read the file
# back (spreadsheets/from_word/provenance.py, registered by the spreadsheets app). This layer
# cannot import it.
STAMPS: list = []


def html_to_docx(html: str) -> bytes:
    """The .docx of a document's HTML (as reports.rendering.document_html writes it)."""
    # Parsed as WeasyPrint parses it (tinyhtml5), without namespaces so tags read plainly.
    root = tinyhtml5.parse(html, namespace_html_elements=False)
    cascade = Cascade(root, stylesheet_text(root))
    lang = root.get("lang") or ""
    document = Document()
    prepare(document, cascade.page, lang)
    body = root.find("body")
    if body is not None:
        Writer(document, cascade).blocks(body, Flow(document, cascade.page.text_width))
    running_heads(document, cascade.strings)
    properties(document, root, lang)
    return saved(document)
