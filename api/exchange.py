"""How a serializer stands to its record's exchange columns. The columns are declared once, in
the record's spreadsheet resource (spreadsheets/sheets.py); the API's serializers stay explicit,
because the API nests records where a sheet names them by key. Each serializer that gives a
record says, in its Meta, what of the sheet it does not show and what it shows that no sheet
has, each with the reason; tests/test_exchange_shape.py compares the two for every sheet, so a
column added to a resource and forgotten here fails a test instead of going silently missing."""

from dataclasses import dataclass, field

# Reasons said more than once.
NESTED = "given inside the record it belongs to"
GAPS = "an editorial mark of the admin; a text not used in a language reads as null"
LINK = "a link to the record in the API"
LABEL = "a label of the interface, in every language"
FIGURE = "a figure computed from the progress (reporting.standing)"


@dataclass(frozen=True)
class Exchange:
    """`left_out`: sheet column -> why the API does not show it; `shown_as`: sheet column -> the
    API field that carries it under another name or shape; `extra`: API field -> why no sheet
    has it. A translated text's columns (text_en, text_es) are the API's one field (text)."""

    left_out: dict[str, str] = field(default_factory=dict)
    shown_as: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)


def nested(*columns, gaps=True, **more) -> Exchange:
    """A record the API gives inside the one it belongs to (an activity inside its group): the
    columns that name that record are its place there. `gaps`: the sheet has unused_texts."""
    left_out = dict.fromkeys(columns, NESTED) | ({"unused_texts": GAPS} if gaps else {})
    return Exchange(left_out=left_out | more.pop("left_out", {}), **more)
