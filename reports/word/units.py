"""CSS lengths in points, page sizes, and counters and list markers as CSS and Word write them."""

# Points per unit; em and % are relative and handled by length_pt.
POINTS = {"pt": 1.0, "px": 0.75, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pc": 12.0, "q": 72 / 101.6}
PAGE_SIZES = {
    "a4": (595.28, 841.89),
    "a5": (419.53, 595.28),
    "a3": (841.89, 1190.55),
    "letter": (612.0, 792.0),
}

# CSS list-style-type: Word's w:numFmt ("" for no marker).
LIST_FORMATS = {
    "none": "",
    "disc": "bullet",
    "circle": "bullet",
    "square": "bullet",
    "decimal": "decimal",
    "lower-roman": "lowerRoman",
    "upper-roman": "upperRoman",
    "lower-alpha": "lowerLetter",
    "lower-latin": "lowerLetter",
    "upper-alpha": "upperLetter",
    "upper-latin": "upperLetter",
}
LIST_TYPES = frozenset(LIST_FORMATS)


def length_pt(token, em: float) -> float | None:
    """A dimension, percentage (of `em`, as for font-size) or zero in points; None otherwise."""
    if token.type == "number" and token.value == 0:
        return 0.0
    if token.type == "percentage":
        return em * token.value / 100
    if token.type != "dimension":
        return None
    unit = token.lower_unit
    if unit in ("em", "rem"):
        return em * token.value
    return token.value * POINTS[unit] if unit in POINTS else None


def page_size(tokens, default: tuple) -> tuple:
    """@page's size: a name (A4, letter), optionally "landscape", or two lengths."""
    names = [t.lower_value for t in tokens if t.type == "ident"]
    size = next((PAGE_SIZES[n] for n in names if n in PAGE_SIZES), None)
    lengths = [length_pt(t, 12.0) for t in tokens if t.type == "dimension"]
    if size is None and len(lengths) == 2 and None not in lengths:
        size = tuple(lengths)
    if size is None:
        return default
    return (size[1], size[0]) if "landscape" in names else size


def roman(number: int) -> str:
    if number <= 0:
        return str(number)
    numerals = (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    )  # fmt: skip
    text = ""
    for value, letters in numerals:
        count, number = divmod(number, value)
        text += letters * count
    return text


def _letters(number: int) -> str:
    text = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text or str(number)


def counter_text(value: int, style: str) -> str:
    """counter(name, style) as CSS prints it."""
    if style in ("lower-roman", "upper-roman"):
        text = roman(value)
    elif style in ("lower-alpha", "lower-latin", "upper-alpha", "upper-latin"):
        text = _letters(value)
    else:
        return str(value)
    return text.upper() if style.startswith("upper") else text
