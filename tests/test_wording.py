"""Numbers, months and meeting names as the Conference writes them in each language."""

import datetime

import pytest
from django.utils import translation

from core.wording import alphabetical_key, day_range_label, join_and, month_label, of_country, ordinal, roman
from groups.models import Country, Institution, Meeting


@pytest.mark.parametrize(
    "n,en,es",
    [
        (1, "first", "primera"),
        (2, "second", "segunda"),
        (10, "tenth", "décima"),
        (11, "eleventh", "undécima"),
        (12, "twelfth", "duodécima"),
        (20, "twentieth", "vigésima"),
        (21, "twenty-first", "vigésima primera"),
        (30, "thirtieth", "trigésima"),
    ],
)
def test_ordinals(n, en, es):
    assert (ordinal(n, "en"), ordinal(n, "es")) == (en, es)


@pytest.mark.parametrize(
    "n,es",
    [
        (1, "primer"),
        (2, "segundo"),
        (3, "tercer"),
        (13, "decimotercer"),
        (21, "vigésimo primer"),
        (20, "vigésimo"),
    ],
)
def test_masculine_spanish_ordinals(n, es):
    assert ordinal(n, "es", feminine=False) == es


def test_ordinal_out_of_range():
    with pytest.raises(ValueError):
        ordinal(0)


def test_roman():
    assert [roman(n) for n in (1, 4, 8, 9, 11, 14, 40)] == ["I", "IV", "VIII", "IX", "XI", "XIV", "XL"]


def test_month_labels():
    with translation.override("en"):
        assert month_label(datetime.date(2020, 1, 1)) == "January 2020"
    with translation.override("es"):
        assert month_label(datetime.date(2020, 1, 1)) == "enero de 2020"


def test_day_ranges():
    start, end = datetime.date(2021, 4, 7), datetime.date(2021, 4, 8)
    with translation.override("en"):
        assert day_range_label(start, end) == "7-8 April 2021"
    with translation.override("es"):
        assert day_range_label(start, end) == "7 y 8 de abril de 2021"
        assert day_range_label(datetime.date(2019, 11, 19), datetime.date(2019, 11, 21)) == (
            "19 a 21 de noviembre de 2019"
        )


def test_meeting_names_in_both_languages():
    meeting = Meeting(
        body=Meeting.Body.EXECUTIVE_COMMITTEE,
        number=20,
        is_virtual=True,
        start_date=datetime.date(2021, 4, 7),
        end_date=datetime.date(2021, 4, 8),
    )
    with translation.override("en"):
        assert meeting.name.startswith(
            "Twentieth meeting of the Executive Committee of the Statistical Conference of the Americas"
        )
        assert meeting.place_and_dates == "Virtual meeting, 7-8 April 2021"
    with translation.override("es"):
        assert meeting.name.startswith(
            "Vigésima reunión del Comité Ejecutivo de la Conferencia Estadística de las Américas"
        )
        assert meeting.place_and_dates == "Reunión virtual, 7 y 8 de abril de 2021"


@pytest.mark.parametrize(
    "items,en,es",
    [
        (["Chile"], "Chile", "Chile"),
        (["Chile", "Mexico"], "Chile and Mexico", "Chile y Mexico"),
        (["Chile", "Peru", "Italia"], "Chile, Peru and Italia", "Chile, Peru e Italia"),
        (["Chile", "Hidalgo"], "Chile and Hidalgo", "Chile e Hidalgo"),
        (["Chile", "hielo"], "Chile and hielo", "Chile y hielo"),
        (["", "Chile"], "Chile", "Chile"),
    ],
)
def test_lists_are_joined_before_their_last_item(items, en, es):
    assert (join_and(items, "en"), join_and(items, "es")) == (en, es)


def test_each_language_sorts_in_its_own_alphabet():
    names = ["Paraguay", "Panamá", "Ñuñoa", "Nueva Esparta", "Perú", "Ecuador"]
    assert sorted(names, key=lambda n: alphabetical_key(n, "es")) == [
        "Ecuador",
        "Nueva Esparta",
        "Ñuñoa",
        "Panamá",
        "Paraguay",
        "Perú",
    ]
    # English has no ñ of its own: it sorts with n.
    assert sorted(["Ñuñoa", "Nuevo"], key=lambda n: alphabetical_key(n, "en")) == ["Nuevo", "Ñuñoa"]


@pytest.mark.parametrize(
    "country,lang,phrase",
    [
        ("el Perú", "es", "Instituto del Perú"),
        ("la Argentina", "es", "Instituto de la Argentina"),
        ("Chile", "es", "Instituto de Chile"),
        ("the Bahamas", "en", "Instituto of the Bahamas"),
    ],
)
def test_a_body_is_named_with_its_country_as_each_language_writes_it(country, lang, phrase):
    assert of_country("Instituto", country, lang) == phrase


@pytest.mark.django_db
def test_an_institution_is_written_with_acronym_and_the_country_after_of():
    ecuador = Country.objects.create(
        iso3="ECX", name_en="Ecuador", name_es="Ecuador", name_in_phrase_es="el Ecuador"
    )
    bahamas = Country.objects.create(
        iso3="BHX",
        name_en="Bahamas",
        name_es="Bahamas",
        name_in_phrase_en="the Bahamas",
        name_in_phrase_es="las Bahamas",
    )
    inec = Institution.objects.create(
        code="inec-x",
        kind="nso",
        country=ecuador,
        acronym_en="INEC",
        acronym_es="INEC",
        name_en="National Institute of Statistics and Censuses",
        name_es="Instituto Nacional de Estadística y Censos",
    )
    bureau = Institution.objects.create(
        code="bds-x",
        kind="nso",
        country=bahamas,
        name_en="Department of Statistics",
        name_es="Departamento de Estadística",
    )
    assert inec.as_phrase("en") == "National Institute of Statistics and Censuses (INEC) of Ecuador"
    assert inec.as_phrase("es") == "Instituto Nacional de Estadística y Censos (INEC) del Ecuador"
    assert bureau.as_phrase("en") == "Department of Statistics of the Bahamas"
    assert bureau.as_phrase("es") == "Departamento de Estadística de las Bahamas"
