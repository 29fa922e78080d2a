"""Every address that names a round and a group (rounds/<code>/<period>/<numeral>/...) answers
alike: the report's page, its workbook and the API answer 404 for an unknown round, an unknown
group, or a group of another programme than the round's (reporting/lookups.py)."""

import pytest

from .support import factories
from .support.api_clients import ApiClient, token_for

pytestmark = pytest.mark.django_db

FACES = {
    "progress form": "/en/rounds/{code}/{place}/",
    "workbook": "/en/rounds/{code}/{place}/workbook.xlsx",
    "API": "/api/v1/group-reports/{code}/{place}/",
}


@pytest.fixture
def get(client, coordinator):
    client.force_login(coordinator)
    api = ApiClient(token_for(coordinator))

    def get(face, code, place):
        url = FACES[face].format(code=code, place=place)
        return (api if face == "API" else client).get(url).status_code

    return get


@pytest.mark.parametrize("face", FACES)
def test_a_round_and_a_group_of_its_programme_are_found(get, face, open_round):
    assert get(face, open_round.meeting.code, "2020-2021/IV") == 200


@pytest.mark.parametrize("face", FACES)
@pytest.mark.parametrize(
    "code, place",
    [
        ("CE.99", "2020-2021/IV"),
        ("{open}", "2020-2021/XL"),
        ("{open}", "2020-2021/nonsense"),
        ("{open}", "nonsense/IV"),
        ("{other}", "2020-2021/IV"),
    ],
)
def test_an_unknown_round_or_group_or_a_group_of_another_programme_is_404(get, face, code, place, open_round):
    other = factories.reporting_round(factories.programme(), status="open")
    code = code.format(open=open_round.meeting.code, other=other.meeting.code)
    assert get(face, code, place) == 404
