"""What the API answers besides success, as its schema documents it: a 404 that names what was
not found by the client's key and in the client's language (never a model's name), a JSON 404
for any other address, pages and filters that take exactly what the schema allows, and values
read as the schema types them. tests/test_api_schema_conformance.py generates such requests by
the thousand; these are the cases a reader of the schema would try first."""

import pytest

from .support.api_clients import ApiClient, group_report_url, token_for
from .support.db_state import snapshot

pytestmark = pytest.mark.django_db

NOT_FOUND = {
    "/api/v1/programmes/1999-2000/": (
        "No programme “1999-2000”: give its period, such as 2020-2021.",
        "No hay ningún programa “1999-2000”: indique su período, por ejemplo 2020-2021.",
    ),
    "/api/v1/meetings/CE.99/": (
        "No meeting “CE.99”: give its code, such as CE.20.",
        "No hay ninguna reunión “CE.99”: indique su código, por ejemplo CE.20.",
    ),
    "/api/v1/groups/2020-2021/XL/": (
        "No working group “2020-2021/XL”: give its key, such as 2020-2021/IV.",
        "No hay ningún grupo de trabajo “2020-2021/XL”: indique su clave, por ejemplo 2020-2021/IV.",
    ),
    "/api/v1/rounds/CE.99/": (
        "No reporting round “CE.99”: give its meeting's code, such as CE.20.",
        "No hay ninguna ronda de informes “CE.99”: indique el código de su reunión, por ejemplo CE.20.",
    ),
    "/api/v1/documents/LC/CE.99/1/": (
        "No document “LC/CE.99/1”: give its symbol, such as LC/CE.20/3.",
        "No hay ningún documento “LC/CE.99/1”: indique su signatura, por ejemplo LC/CE.20/3.",
    ),
    "/api/v1/groups/2020-2021/IV/plan/": (
        "No such address in the API: its addresses are listed at /api/v1/.",
        "Esta dirección no existe en la API: sus direcciones se enumeran en /api/v1/.",
    ),
    "/api/v1/programmes/?page=9": (
        "No page 9: the list has 1 page.",
        "No hay página 9: la lista tiene 1 página.",
    ),
}


@pytest.mark.parametrize("url", NOT_FOUND)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_404_says_what_was_not_found_in_the_readers_words(url, lang):
    response = ApiClient(lang=lang).get(url)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json() == {"detail": NOT_FOUND[url][lang == "es"]}


def test_a_group_report_of_a_round_of_another_programme_is_404_in_words(coordinator, second_round):
    from groups.models import Programme, WorkingGroup

    from .support import factories

    other = WorkingGroup.objects.create(programme=factories.programme(), number=4)
    assert Programme.objects.count() == 2
    response = ApiClient(token_for(coordinator)).get(group_report_url(second_round, other))
    assert response.status_code == 404
    assert response.json()["detail"] == (
        f"The reporting round “CE.20” does not report on the programme of the working group “{other.code}”."
    )


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("page=0", "page"),
        ("page=last", "page"),
        ("page=", "page"),
        ("page_size=0", "page_size"),
        ("page_size=501", "page_size"),
        ("page_size=null", "page_size"),
        ("page_size=1.5", "page_size"),
    ],
)
def test_a_page_or_page_size_out_of_range_is_refused_not_replaced(query, parameter):
    response = ApiClient().get(f"/api/v1/countries/?{query}")
    assert response.status_code == 400 and list(response.json()) == [parameter]


def test_page_size_is_honoured_up_to_its_ceiling():
    api = ApiClient()
    assert len(api.get("/api/v1/countries/?page_size=7").json()["results"]) == 7
    whole = api.get("/api/v1/countries/?page_size=500").json()
    assert len(whole["results"]) == whole["count"] and whole["next"] is None


@pytest.mark.parametrize(
    "query",
    [
        "programme=",
        "programme=+2020-2021",
        "programme=2020-2021%20",
        "group=2020-2021/iv",
        "country=Mex",
        "flagged=yes",
    ],
)
def test_a_filter_takes_exactly_the_keys_the_schema_lists(query):
    response = ApiClient().get(f"/api/v1/progress/?{query}")
    assert response.status_code == 400 and list(response.json()) == [query.partition("=")[0]]


def test_the_schema_lists_each_filters_keys_as_they_are():
    schema = ApiClient().get("/api/schema/?format=json").json()
    parameters = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/progress/"]["get"]["parameters"]}
    assert "2020-2021/IV" in parameters["group"]["enum"] and "CE.20" in parameters["round"]["enum"]
    assert {"MEX", "mex"} <= set(parameters["country"]["enum"]) and parameters["programme"]["enum"] == [
        "2020-2021"
    ]
    assert parameters["page_size"] == {"type": "integer", "minimum": 1, "maximum": 500}
    group_reports = schema["paths"]["/api/v1/group-reports/"]["get"]
    assert {"page", "page_size"} <= {p["name"] for p in group_reports["parameters"]}
    assert "404" in group_reports["responses"]


@pytest.mark.parametrize(
    "entries, submit",
    [
        ({"3": {"percent": "55"}}, False),
        ({"3": {"percent": 55.5}}, False),
        ({"3": {"percent": True}}, False),
        ({"3": {"percent": 55, "remarks": {"en": 5}}}, False),
        ({"3": {"percent": 55}}, 1),
        ({"3": {"percent": 55}}, "true"),
        ({"three": {"percent": 55}}, False),
    ],
)
def test_values_are_read_as_the_schema_types_them(coordinator, open_round, group_iv, entries, submit):
    client = ApiClient(token_for(coordinator))
    before = snapshot()
    response = client.patch(
        group_report_url(open_round, group_iv), {"version": 0, "entries": entries, "submit": submit}
    )
    assert response.status_code == 400, response.content
    assert snapshot() == before


def test_a_whole_number_written_with_a_point_is_a_whole_number(coordinator, open_round, group_iv):
    response = ApiClient(token_for(coordinator)).patch(
        group_report_url(open_round, group_iv), {"version": 0.0, "entries": {"3": {"percent": 55.0}}}
    )
    assert response.status_code == 200, response.content
    assert next(e for e in response.json()["entries"] if e["activity"] == 3)["percent"] == 55
