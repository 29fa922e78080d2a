"""Cell values that cross the boundary between the portal and a spreadsheet.

A text that begins with =, +, -, @, a tab or a carriage return is a formula to a spreadsheet
program ("CSV injection"). On export such texts are neutralised: in xlsx the cell is written
as a string marked with Excel's quote prefix, so the text is kept exactly; in csv, which has
no cell types, a single quote is put in front (OWASP's advice) and taken off again on import.
On import a formula is never evaluated: the workbook is read with its formulas as text."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def quoted(value):
    """The csv form of an exported value."""
    return QUOTE + value if looks_like_formula(value) else value


def unquoted(value):
    """The value of an imported csv cell: the quote an export put in front is taken off."""
    if isinstance(value, str) and value.startswith(QUOTE) and looks_like_formula(value[1:]):
        return value[1:]
    return value


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
