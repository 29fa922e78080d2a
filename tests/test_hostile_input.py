"""Careless and hostile input (issue 18): each is refused, or made harmless, with a clear message
in the user's language next to what caused it, nothing written, and never a 500."""

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from activities.models import Activity
from groups.models import Meeting, WorkingGroup
from reporting.models import Evidence, GroupReport, ProgressChange, ProgressEntry
from spreadsheets.resources.reporting import ProgressEntryResource

from .support.admin_forms import post_data_from
from .support.api_clients import ApiClient, group_report_url, token_for
from .support.db_state import snapshot
from .support.evidence_files import PDF
from .support.progress_forms import progress_post
from .support.second_factor import log_in
from .support.workbooks import filled, upload
from .test_admin import admin_url
from .test_evidence import attach, first_activity
from .test_evidence import state as evidence_state
from .test_progress_form import fieldset, url
from .test_spreadsheets import _export

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "Give the place, or mark the meeting as virtual."),
        ("es", "Indique el lugar o marque la reunión como virtual."),
    ],
)
def test_a_meeting_neither_virtual_nor_placed_is_a_form_error(secretariat_client, lang, message):
    url = admin_url(Meeting, "add", lang)
    data = {
        **post_data_from(secretariat_client.get(url)),
        "body": "committee",
        "number": "57",
        "start_date": "2031-05-04",
        "end_date": "2031-05-05",
        "place_en": "",
        "place_es": "",
    }
    data.pop("is_virtual", None)
    before = snapshot([Meeting])
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    block = html[html.index("errors field-place_en") :]
    assert message in block[: block.index('name="place_en"')]
    assert snapshot([Meeting]) == before
    # Placed in one language only, it is saved.
    response = secretariat_client.post(url, {**data, "place_es": "Santiago"})
    assert response.status_code == 302 and Meeting.objects.filter(number=57, place_es="Santiago").exists()


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "Ensure this value is less than or equal to 59."),
        ("es", "Asegúrese de que este valor es menor o igual a 59."),
    ],
)
def test_a_meeting_numbered_past_the_written_ordinals_is_a_form_error(secretariat_client, lang, message):
    url = admin_url(Meeting, "add", lang)
    data = {
        **post_data_from(secretariat_client.get(url)),
        "body": "committee",
        "number": "77",
        "start_date": "2031-05-04",
        "end_date": "2031-05-05",
        "is_virtual": "on",
    }
    before = snapshot([Meeting])
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    block = html[html.index("errors field-number") :]
    assert message in block[: block.index('name="number"')]
    assert snapshot([Meeting]) == before


SOFT_BREAK = "First line\x0bsecond line\x07 \ud800end"  # Word's soft line break, a bell, half a pair
CLEANED = "First line\nsecond line end"


def test_control_characters_typed_into_the_form_the_api_or_the_admin_are_cleaned(
    client, coordinator, open_round, group_iv, secretariat_user
):
    client.force_login(coordinator)
    activity = group_iv.activities.get(order=3)
    values = {3: (40, SOFT_BREAK.replace("\ud800", ""), "")}  # a browser cannot send half a pair
    assert (
        client.post(url(open_round, group_iv), progress_post(group_iv, open_round, values=values)).status_code
        == 302
    )
    entry = ProgressEntry.objects.get(round=open_round, activity=activity)
    assert entry.remarks_en == CLEANED
    assert ProgressChange.objects.get(report__round=open_round, field="remarks_en").new_value == CLEANED
    api = ApiClient(token_for(coordinator))
    version = entry_version(open_round, group_iv)
    half_a_pair = api.patch(
        group_report_url(open_round, group_iv),
        {"version": version, "entries": {"3": {"percent": 41, "remarks": {"es": SOFT_BREAK}}}},
    )
    # JSON may spell half a pair, which no database stores: not a string of characters.
    assert half_a_pair.status_code == 400
    assert half_a_pair.json()["entries"]["3"]["remarks"]["es"] == ["Not a valid string."]
    answer = api.patch(
        group_report_url(open_round, group_iv),
        {
            "version": version,
            "entries": {"3": {"percent": 41, "remarks": {"es": SOFT_BREAK.replace("\ud800", "")}}},
        },
    )
    assert answer.status_code == 200, answer.content
    assert ProgressEntry.objects.get(pk=entry.pk).remarks_es == CLEANED
    secretariat_client = log_in(Client(), secretariat_user)
    admin_page = admin_url(Activity, "change", "en", activity.pk)
    data = {**post_data_from(secretariat_client.get(admin_page)), "coordination_en": "Form\x0cfeed"}
    assert secretariat_client.post(admin_page, data).status_code == 302
    assert Activity.objects.get(pk=activity.pk).coordination_en == "Form\nfeed"


def entry_version(reporting_round, group):
    return GroupReport.objects.get(round=reporting_round, group=group).version


def test_a_control_character_already_stored_breaks_no_download(
    client, coordinator, open_round, group_iv, secretariat_user
):
    """Stored before texts were cleaned: the workbooks, the admin's export, the page and the
    PDF still answer, the character replaced."""
    activity = group_iv.activities.get(order=3)
    ProgressEntry.objects.create(round=open_round, activity=activity, percent=30, remarks_en="x")
    ProgressEntry.objects.filter(round=open_round, activity=activity).update(remarks_en="Old\x0bremark\x01")
    client.force_login(coordinator)
    workbook = client.get(reverse("spreadsheets:workbook", args=[open_round.meeting.code, "2020-2021", "IV"]))
    assert workbook.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content)).active
    assert any("Old\N{REPLACEMENT CHARACTER}remark" in str(c.value) for row in sheet.iter_rows() for c in row)
    secretariat_client = log_in(Client(), secretariat_user)
    group_admin = admin_url(WorkingGroup, "workbook", "en", group_iv.pk)
    assert secretariat_client.get(group_admin).status_code == 200
    export = _export(secretariat_client, "reporting_progressentry", ProgressEntryResource, 0)
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(url(open_round, group_iv)).status_code == 200


TOO_LONG = "x" * 4001  # one past core.limits.REMARK


def test_a_remark_too_long_for_the_documents_is_refused_in_the_form_next_to_it(
    client, coordinator, open_round, group_iv
):
    client.force_login(coordinator)
    before = snapshot()
    values = {3: (40, TOO_LONG, "")}
    response = client.post(
        url(open_round, group_iv, "es"), progress_post(group_iv, open_round, values=values)
    )
    assert response.status_code == 400
    part = fieldset(response.content.decode(), 3)
    assert "Asegúrese de que este valor tenga menos de 4000 caracteres (tiene 4001)." in part
    assert TOO_LONG in part  # what was typed is kept in the form
    assert snapshot() == before
    values = {3: (40, "y" * 4000, "")}
    assert (
        client.post(url(open_round, group_iv), progress_post(group_iv, open_round, values=values)).status_code
        == 302
    )


def test_a_remark_too_long_is_refused_by_the_api_and_in_a_workbook(client, coordinator, open_round, group_iv):
    progress = [ProgressEntry, GroupReport, ProgressChange]
    before = snapshot(progress)
    api = ApiClient(token_for(coordinator), lang="es")
    answer = api.patch(
        group_report_url(open_round, group_iv),
        {"version": 0, "entries": {"3": {"percent": 41, "remarks": {"en": TOO_LONG}}}},
    )
    assert answer.status_code == 400  # the schema's maxLength, in the API's words for it
    assert answer.json()["entries"]["3"]["remarks"]["en"] == [
        "Asegúrese de que este campo no tenga más de 4000 caracteres."
    ]
    client.force_login(coordinator)
    with translation.override("es"):
        upload_url = reverse(
            "spreadsheets:workbook_import", args=[open_round.meeting.code, "2020-2021", "IV"]
        )
    response = client.post(
        upload_url, {"workbook": upload(filled(group_iv, open_round, {3: (41, TOO_LONG, "")}))}
    )
    assert response.status_code == 400
    assert "Este texto tiene 4001 caracteres" in response.content.decode()
    assert snapshot(progress) == before


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "Ensure this value has at most 2000 characters (it has 2001)."),
        ("es", "Asegúrese de que este valor tenga menos de 2000 caracteres (tiene 2001)."),
    ],
)
def test_an_activity_too_long_is_refused_in_the_admin(secretariat_client, lang, message):
    activity = Activity.objects.order_by("pk").first()
    page = admin_url(Activity, "change", lang, activity.pk)
    data = {**post_data_from(secretariat_client.get(page)), "text_en": "z" * 2001}
    before = snapshot([Activity])
    response = secretariat_client.post(page, data)
    assert response.status_code == 200 and message in response.content.decode()
    assert snapshot([Activity]) == before


TOO_DEEP = "El cuerpo JSON anida objetos y listas a más de 20 niveles de profundidad; ninguna solicitud"


def deep(levels: int) -> bytes:
    return b'{"version": 0, "entries": ' + b"[" * levels + b"]" * levels + b"}"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            deep(100_000),
            TOO_DEEP,
        ),
        (
            deep(21),
            TOO_DEEP,
        ),
        (
            b'{"version": 0, "notes": "' + b"x" * 2_700_000 + b'"}',
            "El cuerpo es mayor de lo que lee la API: como máximo 2,5",
        ),
        (
            b'{"version": 0,\n "entries": {"3": }}',
            "El cuerpo no es JSON válido: su primer error está en la línea 2, columna 19.",
        ),
        (b'{"version": NaN}', "El cuerpo no es JSON válido: NaN e Infinity no son números de JSON."),
        (b'{"version": "\xff"}', "El cuerpo no es texto utf-8: su byte 14 no es ningún carácter."),
    ],
    ids=["100,000 deep", "21 deep", "2.7 MB", "broken", "NaN", "not UTF-8"],
)
def test_a_deep_huge_or_broken_json_body_is_refused_before_it_is_read(
    coordinator, open_round, group_iv, body, message
):
    """Nested 100,000 deep, the body ran Python's parser out of stack (a server error); any size
    was read; and Django REST framework said what was wrong in English."""
    progress = [ProgressEntry, GroupReport, ProgressChange]
    before = snapshot(progress)
    api = ApiClient(token_for(coordinator), lang="es")
    answer = api.client.patch(
        group_report_url(open_round, group_iv), body, content_type="application/json", **api.headers
    )
    assert answer.status_code == 400
    assert answer.json()["detail"].startswith(message)
    assert snapshot(progress) == before


def test_a_body_nested_as_deep_as_it_may_be_is_read(coordinator, open_round, group_iv):
    api = ApiClient(token_for(coordinator), lang="es")
    answer = api.client.patch(
        group_report_url(open_round, group_iv), deep(18), content_type="application/json", **api.headers
    )
    assert answer.status_code == 400 and "entries" in answer.json()  # read, and refused by the serializer


@pytest.mark.parametrize("name", ["..pdf", ".pdf", "€.pdf", "-.pdf"])
def test_an_evidence_file_whose_name_keeps_nothing_is_refused_next_to_the_file_field(
    client, coordinator, open_round, group_iv, name
):
    """ "..pdf" got a bare 400 page: Django refuses to clean such a name to nothing."""
    client.force_login(coordinator)
    before = evidence_state()
    answer = attach(
        client, open_round, group_iv, about=first_activity(group_iv), content=PDF, name=name, lang="es"
    )
    assert answer.status_code == 400
    form = answer.content.decode()[answer.content.decode().index('class="evidence-form"') :]
    errors_at = form.index('class="errorlist')
    assert (
        f"El nombre del archivo, “{name}”, no tiene ninguna letra ni cifra"
        in form[errors_at : errors_at + 400]
    )
    assert 'name="file"' in form[errors_at : form.index("</div>", errors_at) + 400]
    assert evidence_state() == before
    kept = attach(client, open_round, group_iv, about=first_activity(group_iv), content=PDF, name="a..pdf")
    assert kept.status_code == 302 and Evidence.objects.get(report__round=open_round).file_name == "a..pdf"
