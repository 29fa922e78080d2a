"""Every error a Spanish reader can get is in Spanish (issue 27: some messages came in English):
the API's bodies for 400, 401, 403, 404, 405, 406, 409, 415 and 429, its pagination and its
parser; the pages' form errors, messages and error pages, the admin's and its imports', the
workbook's. Each answer's messages are searched for English (tests/support/english.py)."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from groups.models import Country

from .support.api_clients import ApiClient, group_report_url, token_for
from .support.english import english_in, json_messages, page_messages
from .support.progress_forms import progress_post
from .support.second_factor import device_for, log_in_password_only
from .support.workbooks import filled
from .support.workbooks import upload as upload_workbook
from .test_progress_form import url

pytestmark = pytest.mark.django_db


def english(answers, read) -> list[str]:
    """What is English in each answer's messages (`read(answer)`); an answer without any is one."""
    found = []
    for what, answer in answers:
        messages = read(answer)
        found += [f"{what}: no message"] if not messages else []
        found += [f"{what}: {message!r} {english_in(message)}" for message in messages if english_in(message)]
    return found


def api_answers(coordinator, other_focal, open_round, group_iv):
    """(what, answer) of the API's refusals, asked in Spanish."""
    report = group_report_url(open_round, group_iv)
    mine, theirs, anonymous = (
        ApiClient(token_for(coordinator), lang="es"),
        ApiClient(token_for(other_focal), lang="es"),
        ApiClient(lang="es"),
    )
    session = Client(enforce_csrf_checks=True)
    session.force_login(coordinator)
    yield "400 no version", mine.patch(report, {"entries": {}})
    yield (
        "400 wrong types",
        mine.patch(report, {"version": "x", "entries": {"3": {"percent": 101}}, "submit": 3}),
    )
    yield "400 remark not text", mine.patch(report, {"version": 0, "entries": {"3": {"remarks": {"es": 5}}}})
    yield "400 parse", mine.client.patch(report, b"{", content_type="application/json", **mine.headers)
    yield "400 filter", anonymous.get("/api/v1/groups/?country=ZZZ")
    yield "400 page size", anonymous.get("/api/v1/groups/?page_size=abc")
    yield "404 page", anonymous.get("/api/v1/groups/?page=999")
    yield "404 page word", anonymous.get("/api/v1/groups/?page=abc")
    yield "401 token", ApiClient("cea_nothing", lang="es").get(report)
    yield "401 header", anonymous.get(report, HTTP_AUTHORIZATION="Bearer")
    yield "401 anonymous", anonymous.get(report)
    yield "403 another group", theirs.patch(report, {"version": 0})
    yield (
        "403 session without its token",
        session.patch(
            report, json.dumps({"version": 0}), content_type="application/json", HTTP_ACCEPT_LANGUAGE="es"
        ),
    )
    yield "404 round", anonymous.get("/api/v1/rounds/XX.99/")
    yield "404 address", anonymous.get("/api/v1/nothing/")
    yield "405", anonymous.send("DELETE", "/api/v1/countries/")
    yield "406", anonymous.get("/api/v1/countries/", HTTP_ACCEPT="application/xml")
    yield "415", mine.client.patch(report, b"version=0", content_type="text/plain", **mine.headers)
    mine.patch(report, {"version": 0, "entries": {"3": {"percent": 10}}})
    yield "409", mine.patch(report, {"version": 0, "entries": {"3": {"percent": 20}}})
    cache.clear()
    with override_settings(API_ANONYMOUS_RATE="1/minute"):
        anonymous.get("/api/v1/countries/", REMOTE_ADDR="192.0.2.7")
        yield "429", anonymous.get("/api/v1/countries/", REMOTE_ADDR="192.0.2.7")
    cache.clear()


API_STATUSES = {
    "400 no version": 400,
    "400 wrong types": 400,
    "400 remark not text": 400,
    "400 parse": 400,
    "400 filter": 400,
    "400 page size": 400,
    "404 page": 404,
    "404 page word": 400,
    "401 token": 401,
    "401 header": 401,
    "401 anonymous": 401,
    "403 another group": 403,
    "403 session without its token": 403,
    "404 round": 404,
    "404 address": 404,
    "405": 405,
    "406": 406,
    "415": 415,
    "409": 409,
    "429": 429,
}


def test_the_api_refuses_in_spanish(coordinator, other_focal, open_round, group_iv):
    answers = list(api_answers(coordinator, other_focal, open_round, group_iv))
    assert {what: answer.status_code for what, answer in answers} == API_STATUSES
    # A conflict's body holds the group report as it is now, whose texts are the group's own.
    found = english(answers, lambda answer: json_messages(answer.json().get("detail", answer.json())))
    assert not found, "\n".join(found)


def page_answers(client, coordinator, open_round, group_iv):
    """(what, answer) of the pages' refusals, in Spanish, for a focal point."""
    yield "log-in", client.post("/es/accounts/login/", {"username": "focal-inegi", "password": "no"})
    yield "log-in empty", client.post("/es/accounts/login/", {})
    yield "reset", client.post("/es/accounts/password_reset/", {"email": "no es correo"})
    client.force_login(coordinator)
    yield (
        "password",
        client.post(
            "/es/accounts/password_change/",
            {"old_password": "no", "new_password1": "123", "new_password2": "1234"},
        ),
    )
    yield (
        "password common",
        client.post(
            "/es/accounts/password_change/",
            {"old_password": "no", "new_password1": "password", "new_password2": "password"},
        ),
    )
    yield "token", client.post("/es/accounts/tokens/", {"name": ""})
    page = url(open_round, group_iv, "es")
    values = {3: ("abc", "", ""), 4: (101, "", "")}
    yield "progress", client.post(page, progress_post(group_iv, open_round, values=values))
    yield "progress submit", client.post(page, progress_post(group_iv, open_round, action="submit"))
    yield "stale progress", client.post(page, progress_post(group_iv, open_round, version=99))
    yield "comment", client.post(page + "comments/", {"body": ""})
    yield "evidence", client.post(page + "evidence/", {"about": "x", "url": "javascript:1"})
    upload = SimpleUploadedFile("avance.xlsx", b"no es un libro", content_type="application/octet-stream")
    yield "workbook", client.post(page + "workbook/import/", {"workbook": upload})
    rows = upload_workbook(filled(group_iv, open_round, {3: (150, "", ""), 4: ("mucho", "", "")}))
    yield "workbook rows", client.post(page + "workbook/import/", {"workbook": rows})
    device_for(coordinator)  # the focal point turned the log-in code on
    log_in_password_only(client, coordinator)
    yield "log-in code", client.post("/es/accounts/code/", {"code": "000000"})


def test_the_pages_refuse_in_spanish(client, coordinator, open_round, group_iv):
    answers = list(page_answers(client, coordinator, open_round, group_iv))
    assert all(answer.status_code in (200, 400, 409) for _what, answer in answers)
    assert english(answers, lambda answer: page_messages(answer.content.decode())) == []


def error_pages(client):
    yield "404", client.get("/es/nothing/")
    yield "400", client.get("/es/search/?q=%00")
    csrf = Client(enforce_csrf_checks=True)
    yield "csrf", csrf.post("/es/accounts/login/", {"username": "a", "password": "b"})


def spanish_part(answer) -> list[str]:
    """The text of the page's main part before its English (the error pages repeat themselves)."""
    html = answer.content.decode()
    main = html[html.index("<main") : html.index("</main>")].split('lang="en"')[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", main).split())]


def test_the_error_pages_speak_spanish_first(client):
    assert english(list(error_pages(client)), spanish_part) == []


def admin_answers(client):
    page = "/es/admin/groups/country/add/"
    yield "admin form", client.post(page, {"iso3": "", "name_en": ""})
    yield (
        "admin action",
        client.post("/es/admin/groups/country/", {"action": "delete_selected", "index": "0"}),
    )
    yield (
        "admin no action",
        client.post(
            "/es/admin/groups/country/", {"_selected_action": [Country.objects.first().pk], "index": "0"}
        ),
    )
    imports = "/es/admin/groups/country/import/"
    for what, name, content in [
        ("admin import unreadable", "paises.xlsx", b"no es un libro"),
        ("admin import rows", "paises.csv", "iso3,name_en,membership\nMEX,México,amiga\n".encode()),
        ("admin import headers", "paises.csv", b"iso3,nombre_en\nMEX,Mexico\n"),
    ]:
        upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
        sheet = "1" if name.endswith(".csv") else "0"
        yield what, client.post(imports, {"format": sheet, "resource": "0", "import_file": upload})
    upload = SimpleUploadedFile("paises.csv", "iso3,name_es\nMEX,México\n".encode(), content_type="text/csv")
    preview = client.post(imports, {"format": "1", "resource": "0", "import_file": upload})
    confirmed = client.post(
        "/es/admin/groups/country/process_import/", preview.context["confirm_form"].initial
    )
    yield "admin import done", confirmed


def test_the_admin_refuses_in_spanish(secretariat_client):
    answers = [
        (what, secretariat_client.get(answer["Location"]) if answer.status_code == 302 else answer)
        for what, answer in admin_answers(secretariat_client)
    ]
    assert all(answer.status_code in (200, 400) for _what, answer in answers)
    found = english(answers, lambda answer: page_messages(answer.content.decode()))
    assert not found, "\n".join(found)


def test_no_template_comment_runs_over_lines():
    """Django's {# #} comment is one line's: over several, the page shows it to every reader, in
    English (the progress page did)."""
    folders = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]
    shown = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for folder in folders
        for path in folder.rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "{#" in line and "#}" not in line[line.index("{#") :]
    ]
    assert shown == []
