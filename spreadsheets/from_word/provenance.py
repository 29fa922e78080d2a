"""The provenance the portal gives its own .docx, so that the file can be read back (own.py).

When a document is written as Word (reports.kinds.DocumentKind.write_docx), `stamp` adds a custom
XML part (customXml/item1.xml, which Word keeps through editing) holding:
- `register`: the document's symbol, kind and language;
- `rows`: the rows of every sheet the document was written from (the exchange columns of
  spreadsheets/resources, as export_sheets writes them; the reference lists -- countries,
  institutions, meetings -- are left out: a database the file is read into has them);
- `blocks`: the text of every paragraph of the body (table cells' included) as written;
- `marks`: where each translated text of those rows is printed: (block, field, piece, prefix,
  suffix), the piece being the text or one of its lines, between what the template prints around
  it ("1.\t", "Activity 12: ").

The texts are found in the written file by their value, not marked in the templates: the PDF and
the templates stay as they were, and a paragraph retyped in Word (which loses a bookmark) is still
found, by its place among the paragraphs around it (own.py aligns the two sequences)."""

import io
import json
import logging
from xml.sax.saxutils import escape

import docx
from django.db.models import Model
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from ..sheets import sheets

NAMESPACE = "urn:x-cea-portal:document-provenance"
VERSION = 1
REFERENCE_LISTS = ("countries", "institutions", "meetings")
# Paths from a sheet's model to the programme, and to the working group, tried in order.
TO_PROGRAMME = ("programme", "group__programme", "round__programme", "objective__group__programme")
TO_PROGRAMME += ("area__objective__group__programme", "activity__group__programme")
TO_GROUP = ("group", "objective__group", "area__objective__group", "activity__group")
# A text shorter than this many words is found only where it is a paragraph's whole text: a
# short phrase inside a longer paragraph is too likely to be some other text's words.
MIN_WORDS_INSIDE = 3

# The file may come from anyone: no entities, no network, no DTD.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
logger = logging.getLogger(__name__)

_TEXT, _TAB, _BREAKS = qn("w:t"), qn("w:tab"), (qn("w:br"), qn("w:cr"))


def normal(text: str) -> str:
    return " ".join(text.split())


def paragraph_text(paragraph) -> str:
    """A paragraph's visible text: its runs', hyperlinks' and tracked insertions' (deleted text
    is w:delText and field codes w:instrText, neither read)."""
    parts = []
    for element in paragraph.iter():
        if element.tag == _TEXT:
            parts.append(element.text or "")
        elif element.tag == _TAB:
            parts.append("\t")
        elif element.tag in _BREAKS:
            parts.append("\n")
    return "".join(parts)


def block_texts(document) -> list[str]:
    """Every paragraph of the body, in table cells too, in document order."""
    return [paragraph_text(p) for p in document.element.body.iter(qn("w:p"))]


def _path(model, candidates) -> str | None:
    for path in candidates:
        current = model
        try:
            for name in path.split("__"):
                current = current._meta.get_field(name).related_model
        except Exception:  # noqa: BLE001 - FieldDoesNotExist or a plain field: not this path
            continue
        if current is not None:
            return path
    return None


def _queryset(resource, document):
    """The resource's records (its own queryset: related records read with them) that the
    document is written from."""
    model, records = resource._meta.model, resource.get_queryset()
    if model is type(document):
        return records.filter(pk=document.pk)
    if "document" in {f.name for f in model._meta.get_fields()}:
        return records.filter(document=document)
    programme = document.kind_class.covered_programme(document)
    if model is type(programme):
        return records.filter(pk=programme.pk)
    to_programme = _path(model, TO_PROGRAMME)
    if to_programme is None:
        return records.none()
    records = records.filter(**{to_programme: programme})
    group = getattr(document, "group", None)
    if group is not None:
        if model is type(group):
            return records.filter(pk=group.pk)
        to_group = _path(model, TO_GROUP)
        if to_group:
            records = records.filter(**{to_group: group})
    return records


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Model):
        return str(value.pk)
    return str(value)


def document_rows(document) -> dict[str, list[dict]]:
    """The rows of every sheet the document is written from, as strings (export_sheets' csv)."""
    rows = {}
    for stem, resource_class in sheets():
        if stem in REFERENCE_LISTS:
            continue
        resource = resource_class()
        dataset = resource.export(queryset=_queryset(resource, document))
        if len(dataset):
            rows[stem] = [dict(zip(dataset.headers, map(_text, row), strict=True)) for row in dataset]
    return rows


def _marks(rows: dict, lang: str, blocks: list[str]) -> list[list]:
    """Where each of the rows' texts in `lang` is printed among `blocks`."""
    whole, starts = {}, {}
    for index, text in enumerate(blocks):
        text = normal(text)
        whole.setdefault(text, []).append(index)
        words = text.split()
        for at in range(len(words) - MIN_WORDS_INSIDE + 1):
            starts.setdefault(tuple(words[at : at + MIN_WORDS_INSIDE]), set()).add(index)
    marks = []
    for stem, sheet in rows.items():
        for row_index, row in enumerate(sheet):
            for column, value in row.items():
                if not column.endswith(f"_{lang}") or not value.strip():
                    continue
                for piece in dict.fromkeys(normal(line) for line in value.splitlines() if line.strip()):
                    found = dict.fromkeys(whole.get(piece, ()), ("", ""))
                    words = piece.split()
                    if len(words) >= MIN_WORDS_INSIDE:
                        for i in starts.get(tuple(words[:MIN_WORDS_INSIDE]), ()):
                            text = normal(blocks[i])
                            at = text.find(piece)
                            if i not in found and at >= 0:
                                found[i] = (text[:at], text[at + len(piece) :])
                    marks += [[i, [stem, row_index, column], piece, *found[i]] for i in sorted(found)]
    return marks


def provenance(document, lang: str, blocks: list[str]) -> dict:
    rows = document_rows(document)
    return {
        "version": VERSION,
        "register": {"symbol": document.symbol, "kind": document.kind, "lang": lang},
        "rows": rows,
        "blocks": blocks,
        "marks": _marks(rows, lang, blocks),
    }


def stamp(document, lang: str, content: bytes) -> bytes:
    """The .docx `content` of `document` in `lang` with its provenance part. Should writing it
    fail, the file goes out without it (logged): a reader's download matters more than reading
    the file back, which then only fails to find the portal's provenance."""
    try:
        return _stamped(document, lang, content)
    except Exception:
        logger.exception("The Word file of %s (%s) went out without its provenance.", document.symbol, lang)
        return content


def _stamped(document, lang: str, content: bytes) -> bytes:
    from reports.word.page import saved

    word = docx.Document(io.BytesIO(content))
    data = json.dumps(provenance(document, lang, block_texts(word)), ensure_ascii=False)
    blob = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<provenance xmlns="{NAMESPACE}">'
    blob += f"{escape(data)}</provenance>"
    package = word.part.package
    partname = PackURI(package.next_partname("/customXml/item%d.xml"))
    part = Part(partname, "application/xml", blob.encode(), package)
    word.part.relate_to(part, RT.CUSTOM_XML)
    return saved(word)


def provenance_of(word) -> dict | None:
    """The provenance a python-docx Document carries, or None (not written by the portal)."""
    for relationship in word.part.rels.values():
        if relationship.reltype != RT.CUSTOM_XML or relationship.is_external:
            continue
        blob = relationship.target_part.blob
        if NAMESPACE.encode() not in blob[:300]:
            continue
        root = etree.fromstring(blob, PARSER)
        data = json.loads(root.text or "{}")
        if data.get("version") == VERSION:
            return data
    return None
