"""How the Conference writes numbers, months and date ranges in English and Spanish
(see the glossary: ordinals written out, "5 April 2021" / "5 de abril de 2021")."""

from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.translation import get_language

_EN_UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_EN_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_EN_TENS_ORD = {2: "twentieth", 3: "thirtieth", 4: "fortieth", 5: "fiftieth"}
_EN_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty"}

# Feminine forms: "reunión" and "sesión" are feminine. 11 and 12 keep their UN forms.
_ES_UNITS = ["", "primera", "segunda", "tercera", "cuarta", "quinta", "sexta", "séptima", "octava", "novena"]
_ES_TEENS = [
    "décima",
    "undécima",
    "duodécima",
    "decimotercera",
    "decimocuarta",
    "decimoquinta",
    "decimosexta",
    "decimoséptima",
    "decimoctava",
    "decimonovena",
]
_ES_TENS = {2: "vigésima", 3: "trigésima", 4: "cuadragésima", 5: "quincuagésima"}

MAX_ORDINAL = 59


def ordinal(n: int, lang: str | None = None, *, feminine: bool = True) -> str:
    """The ordinal written out before a noun ("twentieth", "vigésima" reunión, "segundo"
    informe), 1 to 59. Spanish agrees in gender; English ignores `feminine`."""
    if not 1 <= n <= MAX_ORDINAL:
        raise ValueError(f"No written ordinal for {n}")
    lang = (lang or get_language() or "en")[:2]
    tens, units = divmod(n, 10)
    if lang == "es":
        if tens == 0:
            word = _ES_UNITS[units]
        elif tens == 1:
            word = _ES_TEENS[units]
        else:
            word = _ES_TENS[tens] + (f" {_ES_UNITS[units]}" if units else "")
        return word if feminine else _masculine(word)
    if tens == 0:
        return _EN_UNITS[units]
    if tens == 1:
        return _EN_TEENS[units]
    return _EN_TENS_ORD[tens] if not units else f"{_EN_TENS[tens]}-{_EN_UNITS[units]}"


def _masculine(word: str) -> str:
    words = [w[:-1] + "o" for w in word.split()]
    # Before a noun, primero and tercero drop their final -o: "primer informe".
    if words[-1].endswith(("primero", "tercero")):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def month_label(value) -> str:
    """ "January 2020" / "enero de 2020" in the active language."""
    return formats.date_format(value, "YEAR_MONTH_FORMAT")


def day_label(value) -> str:
    """ "5 April 2021" / "5 de abril de 2021"."""
    if (get_language() or "en")[:2] == "es":
        return f"{value.day} de {MONTHS[value.month]} de {value.year}"
    return f"{value.day} {MONTHS[value.month]} {value.year}"


def day_range_label(start, end) -> str:
    """ "7-8 April 2021" / "7 y 8 de abril de 2021" / "19 a 21 de noviembre de 2019"."""
    es = (get_language() or "en")[:2] == "es"
    if start == end:
        return day_label(start)
    if (start.year, start.month) == (end.year, end.month):
        if es:
            joiner = " y " if end.day - start.day == 1 else " a "
            return f"{start.day}{joiner}{end.day} de {MONTHS[end.month]} de {end.year}"
        return f"{start.day}-{end.day} {MONTHS[end.month]} {end.year}"
    if es:
        return f"{day_label(start)} a {day_label(end)}"
    return f"{day_label(start)} - {day_label(end)}"


def _lang(lang):
    return (lang or get_language() or "en")[:2]


def of_country(text: str, country: str, lang: str | None = None) -> str:
    """ "Statistics Canada of Canada" / "Instituto Nacional de Estadística del Perú": `country`
    is the name as it follows "of" ("el Perú", "the Bahamas"); Spanish contracts "de el"."""
    if _lang(lang) == "es":
        if country.startswith("el "):
            return f"{text} del {country[3:]}"
        return f"{text} de {country}"
    return f"{text} of {country}"


def and_word(last: str, lang: str | None = None) -> str:
    """The "and" before `last`: "and"; "y", or "e" before a word that starts with an i sound
    ("Chile e Italia", but "y hielo")."""
    if _lang(lang) != "es":
        return "and"
    start = last[:3].lower()
    if start[:1] in ("i", "í") or (start[:2] == "hi" and start[2:3] not in ("a", "e", "o", "u")):
        return "e"
    return "y"


def join_and(items, lang: str | None = None) -> str:
    """ "A, B and C" / "A, B y C"."""
    items = [str(item) for item in items if str(item)]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {and_word(items[-1], lang)} {items[-1]}"


def alphabetical_key(text: str, lang: str | None = None):
    """The order of a language's alphabet: accents do not count, and in Spanish "ñ" comes
    after "n" (Panamá before Paraguay, "Nueva" before "Ñuñoa")."""
    import unicodedata

    key = []
    for char in text.casefold():
        if _lang(lang) == "es" and char == "ñ":
            key.append("n\uffff")
            continue
        decomposed = unicodedata.normalize("NFD", char)
        key.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(key)


def roman(n: int) -> str:
    """Roman numeral of a working group's position."""
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = []
    for value, letters in numerals:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)
