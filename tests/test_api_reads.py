"""The API's public reads: a valid OpenAPI 3 schema, every endpoint in both languages, records
by their readable keys, published progress only, filters, pagination and conditional GETs."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openapi_spec_validator import validate

from reporting.models import GroupReport, ReportingRound
from reporting.services import EntryValues, group_report_review, progress_save

from .support.api_clients import ApiClient
from .support.every_column import fill_every_column

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/api/v1/",
    "/api/v1/programmes/",
    "/api/v1/programmes/2020-2021/",
    "/api/v1/meetings/",
    "/api/v1/meetings/CE.20/",
    "/api/v1/groups/",
    "/api/v1/groups/2020-2021/IV/",
    "/api/v1/rounds/",
    "/api/v1/rounds/CE.20/",
    "/api/v1/progress/",
    "/api/v1/documents/",
    "/api/v1/documents/LC/CE.20/3/",
]


def _schema(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_schema_is_valid_openapi_3_and_describes_every_endpoint(client):
    schema = _schema(client)
    validate(schema)  # raises on anything the OpenAPI 3 specification does not allow
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {
        "/api/v1/groups/{period}/{numeral}/",
        "/api/v1/progress/",
        "/api/v1/documents/{symbol}/",
        "/api/v1/group-reports/{code}/{period}/{numeral}/",
    } <= paths
    assert "patch" in schema["paths"]["/api/v1/group-reports/{code}/{period}/{numeral}/"]
    assert schema["components"]["securitySchemes"]["personalAccessToken"]["scheme"] == "bearer"


def test_the_documentation_page_uses_the_portals_own_assets(client):
    page = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page.replace("https://swagger.io", "")


def _keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("url", PUBLIC)
def test_every_public_endpoint_answers_in_both_languages_by_readable_keys(url, lang):
    response = ApiClient(lang=lang).get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Language"] == lang and "Accept-Language" in response["Vary"]
    body = response.json()
    assert not {"id", "pk"} & set(_keys(body)), "a database id in the answer"


def test_texts_come_in_both_languages():
    group = ApiClient(lang="es").get("/api/v1/groups/2020-2021/IV/").json()
    assert group["key"] == "2020-2021/IV"
    assert group["name"] == {
        "en": "Working Group on Gender Statistics",
        "es": "Grupo de Trabajo sobre Estadísticas de Género",
    }
    assert group["roles"]["coordinating"] == [
        {"country": "MEX", "institution": "INEGI@MEX", "capacity": None}
    ]
    activity = group["activities"][0]
    assert activity["key"] == "2020-2021/IV/1" and set(activity["text"]) == {"en", "es"}
    assert all(activity["text"].values())
    round_ = ApiClient().get("/api/v1/rounds/CE.20/").json()
    assert round_["title"] == {"en": "Second report", "es": "Segundo informe"}
    document = ApiClient().get("/api/v1/documents/LC/CE.20/3/").json()
    assert document["pdf"] == {
        "en": "http://testserver/en/documents/LC/CE.20/3/en.pdf",
        "es": "http://testserver/es/documents/LC/CE.20/3/es.pdf",
    }


@pytest.mark.parametrize(
    "lang, message",
    [
        ("en", "No programme “1999”: give its period, such as 2020-2021."),
        ("es", "No hay ningún programa “1999”: indique su período, por ejemplo 2020-2021."),
    ],
)
def test_a_filter_naming_nothing_is_refused_in_the_language(lang, message):
    response = ApiClient(lang=lang).get("/api/v1/groups/?programme=1999")
    assert response.status_code == 400 and response.json() == {"programme": [message]}


def test_filters_and_pages():
    api = ApiClient()
    mexico = api.get("/api/v1/groups/?country=mex").json()
    assert mexico["count"] > 0 and all(
        any(r["country"] == "MEX" for kind in ("coordinating", "member") for r in g["roles"][kind])
        for g in mexico["results"]
    )
    flagged = api.get("/api/v1/progress/?flagged=true&page_size=500").json()["results"]
    others = api.get("/api/v1/progress/?flagged=false&page_size=500").json()["results"]
    everything = api.get("/api/v1/progress/?page_size=500").json()
    assert flagged and all(a["standing"]["flagged"] for a in flagged)
    assert not any(a["standing"]["flagged"] for a in others)
    assert len(flagged) + len(others) == everything["count"] == len(everything["results"])
    first = api.get("/api/v1/progress/?page_size=2").json()
    assert len(first["results"]) == 2 and first["next"].endswith("page=2&page_size=2")
    second = api.get(first["next"].replace("http://testserver", "")).json()
    assert second["results"][0]["activity"] != first["results"][0]["activity"]
    iv = api.get("/api/v1/progress/?group=2020-2021/IV&page_size=500").json()["results"]
    assert iv and {a["group"] for a in iv} == {"2020-2021/IV"}
    for bad in (
        "group=IV",
        "group=2020-2021/IV/3",
        "group=2020-2021/XCIX",
        "flagged=maybe",
        "country=ZZZ",
        "programme=2020",
    ):
        assert api.get(f"/api/v1/progress/?{bad}").status_code == 400, bad
    as_of_first = api.get("/api/v1/progress/?round=CE.19&page_size=500")
    assert as_of_first.status_code == 400  # no such round in the fixtures
    rounds = {
        e["round"]
        for a in api.get("/api/v1/progress/?round=CE.20&page_size=500").json()["results"]
        for e in a["entries"]
    }
    assert rounds and rounds <= {"CE.20"} | {
        r["code"] for r in api.get("/api/v1/rounds/").json()["results"] if r["number"] < 2
    }


def _percent_of(api, order, round_code):
    rows = api.get("/api/v1/progress/?group=2020-2021/IV&page_size=500").json()["results"]
    row = next(r for r in rows if r["activity"] == f"2020-2021/IV/{order}")
    return [e["percent"] for e in row["entries"] if e["round"] == round_code]


def _open_data(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return b"".join(response) if response.streaming else response.content


def test_a_draft_never_appears_and_a_submitted_report_does(
    client, open_round, group_iv, coordinator, secretariat_user
):
    # A round that publishes on submission (new rounds wait for acceptance: test_publication.py).
    open_round.publish_on = ReportingRound.Publication.ON_SUBMISSION
    open_round.save()
    api, code = ApiClient(), open_round.meeting.code
    activities = list(group_iv.activities.order_by("order"))
    values = {a.pk: EntryValues(77, "Draft remark 4242") for a in activities}
    progress_save(
        group=group_iv,
        reporting_round=open_round,
        user=coordinator,
        entries=values,
        notes={},
        seen_version=0,
        submit=False,
    )

    def group_figure():
        return api.get("/api/v1/groups/2020-2021/IV/").json()["progress"]["percent"]

    def everywhere():
        return [
            json.dumps(api.get(url).json())
            for url in ("/api/v1/progress/?page_size=500", f"/api/v1/progress/?round={code}&page_size=500")
        ] + [
            _open_data(client, path).decode()
            for path in (
                "/open-data/2020-2021/progress.csv",
                "/open-data/2020-2021/progress.json",
                "/open-data/2020-2021/IV/progress.csv",
                "/open-data/2020-2021/IV/progress.json",
            )
        ]

    assert _percent_of(api, 1, code) == []
    assert not any("Draft remark 4242" in text for text in everywhere())
    assert group_figure() != 77
    progress_save(
        group=group_iv,
        reporting_round=open_round,
        user=coordinator,
        entries={},
        notes={},
        seen_version=1,
        submit=True,
    )
    assert _percent_of(api, 1, code) == [77]
    assert all("Draft remark 4242" in text for text in everywhere())
    assert group_figure() == 77
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    group_report_review(report=report, user=secretariat_user, accept=False, comment="Please check")
    assert _percent_of(api, 1, code) == [], "a report returned to the group is a draft again"


def test_conditional_gets_answer_304_without_a_query(open_round, group_iv, coordinator):
    api = ApiClient()
    first = api.get("/api/v1/groups/2020-2021/IV/")
    etag, modified = first["ETag"], first["Last-Modified"]
    with CaptureQueriesContext(connection) as queries:
        again = api.get("/api/v1/groups/2020-2021/IV/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content and len(queries) == 0
    assert api.get("/api/v1/groups/2020-2021/IV/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert (
        ApiClient(lang="es").get("/api/v1/groups/2020-2021/IV/", HTTP_IF_NONE_MATCH=etag).status_code == 200
    )
    activity = group_iv.activities.get(order=1)
    progress_save(
        group=group_iv,
        reporting_round=open_round,
        user=coordinator,
        entries={activity.pk: EntryValues(10)},
        notes={},
        seen_version=0,
        submit=False,
    )
    changed = api.get("/api/v1/groups/2020-2021/IV/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_the_open_data_are_what_the_api_gives(client):
    api = ApiClient()
    everything = api.get("/api/v1/progress/?programme=2020-2021&page_size=500").json()
    from_file = json.loads(_open_data(client, "/open-data/2020-2021/progress.json"))
    assert from_file["activities"] == everything["results"]
    group = api.get("/api/v1/groups/2020-2021/IV/").json()
    programme = json.loads(_open_data(client, "/open-data/2020-2021/IV/programme.json"))
    group_in_file = programme["groups"][0]
    assert {k: v for k, v in group_in_file.items() if k != "url"} == {
        k: v for k, v in group.items() if k != "url"
    }
    text = _open_data(client, "/open-data/2020-2021/progress.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    entries = sum(max(1, len(a["entries"])) for a in everything["results"])
    assert len(rows) - 1 == entries
    # The same percentages and remarks, entry by entry, as the API's.
    by_key = {(row[1], row[2], row[0]): row for row in rows[1:]}
    for activity in everything["results"]:
        group, _slash, order = activity["activity"].rpartition("/")
        for entry in activity["entries"]:
            row = by_key[(group, order, entry["round"])]
            assert (row[3], row[5]) == (str(entry["percent"]), entry["remarks"]["es"] or "")


def test_the_home_and_group_pages_link_to_the_open_data(client):
    home = client.get("/es/").content.decode()
    assert (
        'href="/open-data/2020-2021/progress.csv"' in home
        and 'href="/open-data/2020-2021/programme.json"' in home
    )
    group = client.get("/en/groups/2020-2021/IV/").content.decode()
    assert 'href="/open-data/2020-2021/IV/progress.json"' in group
    assert client.get("/open-data/2020-2021/progress.xlsx").status_code == 404
    assert client.get("/open-data/2030-2031/progress.csv").status_code == 404


def test_countries_and_institutions_are_listed_by_the_keys_records_name_them_by():
    api = ApiClient()
    countries = {c["iso3"]: c for c in api.get("/api/v1/countries/?page_size=500").json()["results"]}
    assert countries["MEX"]["name"] == {"en": "Mexico", "es": "México"}
    assert countries["MEX"]["membership"] == "member"
    institutions = {i["code"]: i for i in api.get("/api/v1/institutions/?page_size=500").json()["results"]}
    assert institutions["INEGI@MEX"]["country"] == "MEX"
    assert institutions["ECLAC-SD"]["parent"] == "ECLAC"


def test_a_groups_detail_carries_every_part_of_its_programme():
    fill_every_column()
    network = ApiClient().get("/api/v1/groups/2020-2021/XII/").json()
    assert network["kind"] == "network" and network["conclusions"] == {
        "en": "conclusions (en)",
        "es": "conclusions (es)",
    }
    assert network["roles"]["council"][0]["capacity"]
    areas = next(o for o in network["objectives"] if o["kind"] == "specific")["areas"]
    assert [line["order"] for line in areas[0]["action_lines"]] == [1, 2]
    assert network["outputs"][0]["objective"] == {"kind": "specific", "order": 1}
    assert network["outputs"][1]["agency"] == {"en": "agency (en)", "es": None}
    assert [len(network[part]) for part in ("topics", "events", "figures", "links")] == [0, 2, 2, 2]


def test_a_groups_plan_rows_and_a_documents_composition_are_in_their_details():
    fill_every_column()
    api = ApiClient()
    network = api.get("/api/v1/groups/2020-2021/XII/").json()
    assert network["plan_rows"] == [
        {
            "order": 1,
            "objective": {"kind": "specific", "order": 1},
            "outputs": [1, 2],
            "text": {"en": None, "es": None},
            "timetable": {"en": "timetable (en)", "es": "timetable (es)"},
        },
        {
            "order": 2,
            "objective": None,
            "outputs": [],
            "text": {"en": "text (en)", "es": "text (es)"},
            "timetable": {"en": None, "es": None},
        },
    ]
    document = api.get("/api/v1/documents/LC/CE.20/9/").json()
    assert (document["numbering"], document["outputs_as"], document["plan_as"]) == (
        "roman",
        "objective_column",
        "outputs",
    )
    assert (document["commission_line"], document["plan_by_objective"], document["in_charge_column"]) == (
        False,
        True,
        False,
    )
    assert document["parts"] == [
        {
            "order": 1,
            "part": "introduction",
            "within": False,
            "heading": {"en": "heading (en)", "es": "heading (es)"},
            "print_empty": True,
        },
        {
            "order": 2,
            "part": "objectives",
            "within": True,
            "heading": {"en": None, "es": None},
            "print_empty": False,
        },
    ]
    assert document["wordings"] == [
        {
            "language": "en",
            "country": "BOL",
            "institution": None,
            "name": "Bolivia",
            "without_acronym": False,
        },
        {"language": "es", "country": None, "institution": "ECLAC", "name": "", "without_acronym": True},
    ]
    listed = api.get("/api/v1/documents/?round=CE.20&page_size=500").json()["results"]
    assert next(d for d in listed if d["symbol"] == "LC/CE.20/9") == document
