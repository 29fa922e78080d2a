"""The reading pages that list many things page through them at ten times the data
(tests/support/scaling.py: 110 groups, Mexico coordinating 60): a page of 20 rows, the number
of rows counted by the database, links to the other pages that keep the sort, and a page
number that is no page answered with the last (or first) page and a word saying so, never an
error. The round's page sorts every group, not the page's."""

import re

import pytest

from groups.models import Programme
from reporting import standing
from reporting.models import ReportingRound

from .support import scaling

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<td class="numeral">([IVXLC]+)</td>')


@pytest.fixture
def ten_times(db):
    programme = Programme.objects.get(start_year=2020)
    scaling.previous_round(programme)
    scaling.multiply(programme)
    return programme


def numerals(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return ROW.findall(response.content.decode())


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_home_page_lists_a_page_of_groups_and_counts_them_all(client, ten_times, open_round):
    first = page(client, "/en/")
    assert ROW.findall(first)[:3] == ["I", "II", "III"] and len(ROW.findall(first)) == 20
    assert "1 to 20 of 110" in first and 'href="?page=2"' in first
    # The open round's news counts every group, not the page's.
    assert "None of the 110 working groups has submitted its report yet." in first
    assert numerals(client, "/en/?page=2")[0] == "XXI"
    last = numerals(client, "/en/?page=6")
    assert len(last) == 10 and last[-1] == "CX"


@pytest.mark.parametrize("asked, shown_page, first", [("99", 6, "CI"), ("0", 1, "I")])
def test_a_page_that_is_not_there_gives_the_nearest_and_says_so(client, ten_times, asked, shown_page, first):
    shown = page(client, f"/en/?page={asked}")
    assert f"There is no page {asked}: this is page {shown_page} of 6." in shown
    assert ROW.findall(shown)[0] == first


def test_what_is_not_a_page_number_gives_the_first_page_and_says_so(client, ten_times):
    shown = page(client, "/es/?page=dos")
    assert "no es un número de página" in shown
    assert ROW.findall(shown)[0] == "I"


def test_the_round_page_sorts_every_group_and_pages_through_them(client, ten_times):
    reporting_round = ReportingRound.objects.get(meeting__code="CE.20")
    previous = ReportingRound.objects.previous_to(reporting_round)
    rows = standing.round_rows(reporting_round, previous, ten_times.groups.order_by("number"))
    known = sorted((r for r in rows if r.change is not None), key=lambda r: r.change, reverse=True)
    expected = [r.group.numeral for r in known + [r for r in rows if r.change is None]]
    url = "/en/progress/CE.20/?sort=change&order=desc"
    first = page(client, url)
    assert ROW.findall(first) == expected[:20] and "1 to 20 of 110" in first
    # The other pages keep the sort and its order.
    assert 'href="?sort=change&amp;order=desc&amp;page=2"' in first
    assert numerals(client, url + "&page=2") == expected[20:40]
    assert numerals(client, url + "&page=6") == expected[100:]


def test_the_round_page_by_number_pages_in_order(client, ten_times):
    assert numerals(client, "/en/progress/CE.20/?page=2")[:2] == ["XXI", "XXII"]
    assert numerals(client, "/en/progress/CE.20/?sort=number&order=desc")[:2] == ["CX", "CIX"]
    assert "There is no page 8" in page(client, "/en/progress/CE.20/?page=8")


def test_a_countrys_page_pages_through_its_groups(client, ten_times):
    first = page(client, "/en/countries/MEX/")
    # Mexico coordinates six groups and is a member of one of them: 60 groups at ten times.
    assert "1 to 20 of 60" in first and len(ROW.findall(first)) == 20
    assert len(numerals(client, "/en/countries/MEX/?page=3")) == 20
    assert "There is no page 4: this is page 3 of 3." in page(client, "/en/countries/MEX/?page=4")


def test_the_countries_page_names_the_first_groups_and_counts_the_rest(client, ten_times):
    shown = page(client, "/en/countries/")
    mexico = shown[shown.index(">Mexico</a>") :]
    mexico = mexico[: mexico.index("</tr>")]
    coordinates, member_of = mexico.split('data-label="Member of"')
    assert coordinates.count("/en/groups/2020-2021/") == 12 and "and 48 more" in coordinates
    assert "/en/groups/2020-2021/IX/" in member_of and "more" not in member_of
    assert "There is no page 2: this is page 1 of 1." in page(client, "/en/countries/?page=2")


def test_a_groups_page_names_its_newest_documents_and_counts_the_others(client, ten_times):
    shown = page(client, "/en/groups/2020-2021/I/")
    documents = shown[shown.index('id="documents"') : shown.index('id="open-data"')]
    assert documents.count("<li><strong>") == 10
    assert "The newest 10 of 20 documents about the group." in documents
