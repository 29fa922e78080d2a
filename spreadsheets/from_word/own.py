"""The portal's own .docx read back (issue 29): the structure from the provenance the file carries
(provenance.py: the rows it was written from and where each text is printed), every text from the
file's visible paragraphs, so that what was edited in Word is what the import proposes.

The paragraphs as written and as they are now are aligned (difflib): a paragraph edited in place
is paired with the one it was, even where Word added or removed paragraphs elsewhere; its text,
less what the template prints around it ("1.\t", "Activity 12: "), is the record's new text."""

from difflib import SequenceMatcher

from django.utils.translation import gettext as _

from .provenance import block_texts, normal, provenance_of
from .reading import Passage, Reading, Unreadable


def _edited_pairs(opcodes):
    """(written block, block now) of the blocks whose text changed."""
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "equal":
            yield from zip(range(i1, i2), range(j1, j2), strict=False)


def _edited_blocks(opcodes, data, now: list[str], warnings: list[str]) -> dict[int, int]:
    """Written block -> its block now, for the blocks whose text changed; the paragraphs added,
    and the record's texts deleted, as warnings (neither is read)."""
    paired, marked = dict(_edited_pairs(opcodes)), {mark[0] for mark in data["marks"]}
    added = _("Paragraph %(n)s was added in Word and is not read: %(text)s")
    deleted = _("A paragraph with a record's text was deleted in Word; the record keeps it: %(text)s")
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        for j in range(j1 + (i2 - i1), j2):
            if now[j].strip():
                warnings.append(added % {"n": j + 1, "text": now[j][:80]})
        for i in range(i1 + (j2 - j1), i2):
            if i in marked:
                warnings.append(deleted % {"text": data["blocks"][i][:80]})
    return paired


def _new_pieces(data, paired, now, warnings) -> dict[tuple, dict[str, str]]:
    """(sheet, row, column) -> {piece as written: piece now} for every text edited in the file."""
    by_block: dict[int, list] = {}
    for block, field, piece, prefix, suffix in data["marks"]:
        by_block.setdefault(block, []).append((tuple(field), piece, prefix, suffix))
    edits: dict[tuple, dict[str, str]] = {}
    for block, j in paired.items():
        text = normal(now[j])
        found = []
        for field, piece, prefix, suffix in by_block.get(block, ()):
            if text.startswith(prefix) and text.endswith(suffix) and len(text) >= len(prefix) + len(suffix):
                new = text[len(prefix) : len(text) - len(suffix)].strip()
                if new != piece:
                    found.append((field, piece, new))
        if not by_block.get(block):
            unread = _(
                "Paragraph %(n)s was changed in Word but prints no text of a record (a number, a "
                "date, a heading); correct it in the workbook or the admin: %(text)s"
            )
            warnings.append(unread % {"n": j + 1, "text": now[j][:80]})
        elif len({(piece, new) for _field, piece, new in found}) == 1 and len(found) > 1:
            warnings.append(
                _("Paragraph %(n)s prints the same text of several records; it is not read: %(text)s")
                % {"n": j + 1, "text": now[j][:80]}
            )
        else:
            for field, piece, new in found:
                edits.setdefault(field, {}).setdefault(piece, new)
    return edits


def _edited_value(value: str, pieces: dict[str, str]) -> str:
    for piece, new in pieces.items():
        if piece in value:
            value = value.replace(piece, new, 1)
        else:  # the stored text spaces its words otherwise: line by line, spaces collapsed
            value = "\n".join(new if normal(line) == piece else line for line in value.splitlines())
    return value


def _read_one(word, data) -> tuple[dict, dict, list[str]]:
    """(edits by field, passages by (sheet, row), warnings) of one file."""
    lang, now, warnings = data["register"]["lang"], block_texts(word), []
    # Compared with their spaces collapsed: a word processor that only re-spaces a paragraph
    # (LibreOffice puts a page break's line break before a heading) has not edited it.
    written_texts, now_texts = [normal(text) for text in data["blocks"]], [normal(text) for text in now]
    opcodes = SequenceMatcher(None, written_texts, now_texts, autojunk=False).get_opcodes()
    edits = _new_pieces(data, _edited_blocks(opcodes, data, now, warnings), now, warnings)
    where = dict(_aligned(opcodes))
    edited = {j for _i, j in _edited_pairs(opcodes)}
    passages: dict[tuple, list[Passage]] = {}
    # A record's edited paragraphs first: the passage the clerk checks a change against.
    marks = sorted(data["marks"], key=lambda mark: where.get(mark[0]) not in edited)
    for block, (stem, row, _column), *_rest in marks:
        j = where.get(block)
        if j is not None and len(passages.setdefault((stem, row), [])) < 2:
            passages[(stem, row)].append(Passage(lang, _("paragraph %(n)s") % {"n": j + 1}, now[j]))
    return edits, passages, warnings


def _aligned(opcodes):
    """(written block, block now) of every block still in the file."""
    for tag, i1, i2, j1, j2 in opcodes:
        if tag in ("equal", "replace"):
            yield from zip(range(i1, i2), range(j1, j2), strict=False)


def read_own(files: list) -> Reading:
    """The Reading of one document from its portal-written .docx (python-docx Documents), in one
    language or in both: each file gives its language's texts."""
    found = [(word, provenance_of(word)) for word in files]
    if any(data is None for _word, data in found):
        raise Unreadable(_("A file was not written by the portal: its records cannot be read back from it."))
    symbols = {data["register"]["symbol"] for _word, data in found}
    if len(symbols) > 1:
        different = _("The files are of different documents: %(symbols)s.")
        raise Unreadable(different % {"symbols": ", ".join(sorted(symbols))})
    langs = [data["register"]["lang"] for _word, data in found]
    if len(set(langs)) < len(langs):
        raise Unreadable(_("Two files are in the same language; give one file per language."))
    reading = Reading()
    rows = found[0][1]["rows"]
    if any(data["rows"] != rows for _word, data in found[1:]):
        reading.warnings.append(
            _("The files were written from different data; the records are taken from the first file.")
        )
    edits, passages = {}, {}
    for word, data in found:
        file_edits, file_passages, warnings = _read_one(word, data)
        edits.update(file_edits)
        for key, found_passages in file_passages.items():
            passages.setdefault(key, []).extend(found_passages)
        reading.warnings += warnings
    for stem, sheet in rows.items():
        for index, row in enumerate(sheet):
            row = dict(row)
            for column in row:
                if (stem, index, column) in edits:
                    row[column] = _edited_value(row[column], edits[(stem, index, column)])
            reading.add(stem, row, *passages.get((stem, index), ()))
    return reading
