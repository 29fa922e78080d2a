"""Characters the database refuses (issue 27): a NUL, which PostgreSQL refuses in any text, and
half a UTF-16 pair, which only JSON can carry, anywhere in an address (404), a query string
(400 naming the parameter), a cookie (not read), a form field (an error next to the field) or
a JSON body (400 naming the field): never a server error, on either database, nothing written,
and every answer in the reader's language (core/hostile.py, backoffice/forged.py)."""

import pytest

from groups.models import Country, GroupRole, Institution
from reporting.models import Evidence, GroupReport, ProgressChange, ProgressEntry, ReportComment

from .support.api_clients import ApiClient, group_report_url, token_for
from .support.db_state import snapshot
from .support.html_forms import forms_of

pytestmark = pytest.mark.django_db

NUL_MESSAGE = "Los caracteres nulos no están permitidos."


def answered(client, method, address, data=None, **extra):
    """The answer, a server error included (the test client raises it otherwise)."""
    client.raise_request_exception = False
    response = getattr(client, method)(address, data or {}, **extra)
    assert response.status_code < 500, f"{method.upper()} {address!r}: {response.status_code}"
    return response


PAGES = [
    "/es/countries/M%00X/",
    "/es/groups/2020-2021/I%00V/",
    "/es/progress/CE%00.20/",
    "/es/rounds/CE%00.20/",
    "/es/rounds/CE.20/2020-2021/I%00V/",
    "/es/documents/LC%00/es.pdf",
    "/es/documents/LC/CE.20/3/es%00.docx",
    "/es/admin/groups/country/M%00X/change/",
]


@pytest.mark.parametrize("address", PAGES)
def test_an_address_holding_a_nul_is_no_page(client, coordinator, address):
    client.force_login(coordinator)
    response = answered(client, "get", address)
    assert response.status_code == 404
    assert "No hay ninguna página en esta dirección." in response.content.decode()


def test_a_form_sent_to_an_address_holding_a_nul_writes_nothing(client, coordinator, open_round):
    client.force_login(coordinator)
    before = snapshot()
    response = answered(
        client, "post", f"/es/rounds/{open_round.meeting.code}/2020-2021/I%00V/comments/", {"text": "Hola"}
    )
    assert response.status_code == 404 and snapshot() == before


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/rounds/C%00E/",
        "/api/v1/meetings/C%00E/",
        "/api/v1/documents/L%00C/",
        "/api/v1/groups/2020-2021/I%00V/",
        "/api/v1/group-reports/CE.20/2020-2021/I%00V/",
    ],
)
def test_an_api_address_holding_a_nul_is_not_found_in_json(address):
    response = ApiClient(lang="es").get(address)
    assert response.status_code == 404
    assert response.json() == {
        "detail": "No hay nada en esta dirección: contiene un carácter (NUL) que no tiene ninguna clave."
    }


@pytest.mark.parametrize(
    "address",
    [
        "/es/search/?q=a%00b",
        "/es/countries/?page=%00",
        "/es/progress/CE.20/?sort=%00&order=desc",
        "/es/documents/LC/CE.20/3/es.pdf?copy=%00",
        "/es/?x%00=1",
    ],
)
def test_a_query_string_holding_a_nul_is_a_bad_request(client, address):
    response = answered(client, "get", address)
    assert response.status_code == 400
    html = response.content.decode()
    assert html.index("Solicitud incorrecta") < html.index("Bad request")  # the reader's language first


def test_an_admin_filter_holding_a_nul_is_a_bad_request(secretariat_client):
    response = answered(secretariat_client, "get", "/es/admin/groups/country/?iso3=M%00X")
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("address", "parameter"),
    [
        ("/api/v1/groups/?country=M%00X", "country"),
        ("/api/v1/progress/?round=CE%00.20", "round"),
        ("/api/v1/countries/?page=%00", "page"),
        ("/api/v1/documents/?q=%00", "q"),
    ],
)
def test_an_api_query_holding_a_nul_is_refused_naming_the_parameter(address, parameter):
    response = ApiClient(lang="es").get(address)
    assert response.status_code == 400
    assert response.json() == {parameter: [NUL_MESSAGE]}


def test_a_session_cookie_holding_a_nul_is_no_session(client, coordinator):
    client.cookies["sessionid"] = "abcdefghijklmnop\x00"
    assert answered(client, "get", "/es/my-groups/").status_code == 302  # to log in, as anyone unknown
    assert answered(client, "get", "/es/").status_code == 200


def each_field_with_a_nul(client, page, state, *, skip=()):
    """Send each form of `page` again once per field, that field ending in a NUL: the form is
    shown again (200 or 400), nothing written. Returns the answers by field a person sees."""
    answers = {}
    for form in forms_of(answered(client, "get", page).content.decode()):
        for name in dict.fromkeys(form.typed):
            if name in skip:
                continue
            value = form.post_data().get(name, "")
            value = (value[0] if value else "") if isinstance(value, list) else value
            before = state()
            response = answered(
                client, "post", form.action or page, form.post_data(**{name: f"{value}\x00x"})
            )
            assert response.status_code in (200, 400), f"{name}: {response.status_code}"
            assert state() == before, f"{name}: a form with a NUL wrote"
            if name not in form.hidden:
                answers[name] = response.content.decode()
    return answers


def test_a_nul_in_any_field_of_the_log_in_and_reset_forms(client):
    everything = snapshot
    for page in ("/es/accounts/login/", "/es/accounts/password_reset/"):
        for name, html in each_field_with_a_nul(client, page, everything).items():
            assert NUL_MESSAGE in html, f"{page} {name}"


def test_a_nul_in_any_field_of_a_signed_in_form(client, coordinator):
    client.force_login(coordinator)
    for page in ("/es/accounts/password_change/", "/es/accounts/tokens/"):
        for name, html in each_field_with_a_nul(client, page, snapshot).items():
            assert NUL_MESSAGE in html, f"{page} {name}"


def test_a_nul_in_any_field_of_the_progress_page_forms(client, coordinator, open_round, group_iv):
    client.force_login(coordinator)
    page = f"/es/rounds/{open_round.meeting.code}/2020-2021/IV/"
    models = [GroupReport, ProgressEntry, ProgressChange, Evidence, ReportComment]
    answers = each_field_with_a_nul(client, page, lambda: snapshot(models), skip={"version"})
    texts = [name for name in answers if "remarks" in name or name in ("body", "title_en", "url")]
    assert texts and all(NUL_MESSAGE in answers[name] for name in texts)
    # A choice or a number with a NUL is no choice or number: said in Spanish too.
    assert "Escoja una opción válida" in answers["about"]


@pytest.mark.parametrize(
    ("model", "page"),
    [
        (GroupRole, "/es/admin/groups/grouprole/add/"),
        (Institution, "/es/admin/groups/institution/add/"),
        (Country, "/es/admin/groups/country/add/"),
    ],
)
def test_a_nul_in_any_field_of_an_admin_form(secretariat_client, model, page):
    answers = each_field_with_a_nul(secretariat_client, page, lambda: snapshot([model]), skip={"_save"})
    assert answers and all("errornote" in html or "errorlist" in html for html in answers.values())


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1\x00", NUL_MESSAGE),
        ("abc", "Escoja una opción válida. Esa opción no está entre las disponibles."),
        ("99999999", "Escoja una opción válida. Esa opción no está entre las disponibles."),
    ],
)
def test_a_key_that_is_none_in_an_autocomplete_field_is_an_error_next_to_it(
    secretariat_client, value, message
):
    """Django's autocomplete widget looks the value up again to show it: a server error, before."""
    page = "/es/admin/groups/grouprole/add/"
    form = next(
        form for form in forms_of(secretariat_client.get(page).content.decode()) if "country" in form.typed
    )
    before = snapshot([GroupRole])
    response = answered(secretariat_client, "post", page, form.post_data(country=value))
    assert response.status_code == 200 and snapshot([GroupRole]) == before
    html = response.content.decode()
    row = html[html.index("field-country") :]
    assert message in row[: row.index('name="country"')]


@pytest.mark.parametrize("key", ["1\x00", "abc"])
def test_an_admin_action_on_a_forged_row_changes_nothing(secretariat_client, key):
    before = snapshot([Country])
    response = answered(
        secretariat_client,
        "post",
        "/es/admin/groups/country/",
        {"action": "delete_selected", "_selected_action": [key], "index": "0", "post": "yes"},
    )
    assert response.status_code == 302 and snapshot([Country]) == before
    shown = secretariat_client.get(response["Location"]).content.decode()
    assert "Se deben seleccionar elementos para poder realizar acciones sobre estos." in shown


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"version": "0\x00"}, ["version"]),
        ({"version": 0, "entries": {"3\x00": {"percent": 40}}}, ["entries", "3\x00"]),
        ({"version": 0, "entries": {"3": {"percent": "4\x00"}}}, ["entries", "3", "percent"]),
        ({"version": 0, "entries": {"3": {"percent": 40, "remarks": {"es": "a\x00"}}}}, None),
        ({"version": 0, "notes": {"obstacles": {"en": "a\ud800"}}}, ["notes", "obstacles", "en"]),
        ({"version": 0, "submit": "tr\x00ue"}, ["submit"]),
    ],
)
def test_a_nul_or_half_a_pair_in_a_json_body_is_refused_naming_the_field(
    coordinator, open_round, group_iv, body, where
):
    models = [GroupReport, ProgressEntry, ProgressChange]
    before = snapshot(models)
    response = ApiClient(token_for(coordinator), lang="es").patch(
        group_report_url(open_round, group_iv), body
    )
    assert response.status_code == 400, response.content
    detail = response.json()
    for key in where or ["entries", "3", "remarks", "es"]:
        detail = detail[key]
    assert isinstance(detail, list) and detail and all(isinstance(message, str) for message in detail)
    if where is None:
        assert detail == [NUL_MESSAGE]
    assert snapshot(models) == before
