"""Numbers, months and meeting names as the Conference writes them in each language."""
import datetime

import pytest
from django.utils import translation

from core.wording import day_range_label, month_label, ordinal, roman
from groups.models import Meeting


@pytest.mark.parametrize("n,en,es", [
    (1, "first", "primera"), (2, "second", "segunda"), (10, "tenth", "décima"),
    (11, "eleventh", "undécima"), (12, "twelfth", "duodécima"), (20, "twentieth", "vigésima"),
    (21, "twenty-first", "vigésima primera"), (30, "thirtieth", "trigésima"),
])
def test_ordinals(n, en, es):
    assert (ordinal(n, "en"), ordinal(n, "es")) == (en, es)


@pytest.mark.parametrize("n,es", [(1, "primer"), (2, "segundo"), (3, "tercer"), (13, "decimotercer"),
                                  (21, "vigésimo primer"), (20, "vigésimo")])
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
            "19 a 21 de noviembre de 2019")


def test_meeting_names_in_both_languages():
    meeting = Meeting(body=Meeting.Body.EXECUTIVE_COMMITTEE, number=20, is_virtual=True,
                      start_date=datetime.date(2021, 4, 7), end_date=datetime.date(2021, 4, 8))
    with translation.override("en"):
        assert meeting.name.startswith("Twentieth meeting of the Executive Committee of the "
                                       "Statistical Conference of the Americas")
        assert meeting.place_and_dates == "Virtual meeting, 7-8 April 2021"
    with translation.override("es"):
        assert meeting.name.startswith("Vigésima reunión del Comité Ejecutivo de la "
                                       "Conferencia Estadística de las Américas")
        assert meeting.place_and_dates == "Reunión virtual, 7 y 8 de abril de 2021"
