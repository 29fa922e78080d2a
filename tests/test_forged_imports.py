"""The admin import's confirmation trusts nothing it is posted (spreadsheets/confirmation.py): a
file name that is not one this user's preview kept (a path, a guess, another user's, an expired
or already confirmed one) or another format or resource than the preview's is a form error on
the confirmation page, in the clerk's language, and writes nothing; the file waits in the
default storage, never in an app server's temporary folder, and goes when it is done with."""

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import translation

from groups.models import Country
from spreadsheets import pending

from .support import second_factor
from .support.db_state import snapshot
from .support.workbooks import upload

pytestmark = pytest.mark.django_db

CSV = b"iso3,name_en,name_es,membership\nZZZ,Zedland,Zedlandia,member\n"
REFUSED = {
    "en": "This import is no longer waiting for confirmation (or the confirmation was altered); "
    "nothing was imported. Upload the file again.",
    "es": "Esta importación ya no está pendiente de confirmación (o la confirmación fue alterada); "
    "no se importó nada. Vuelva a cargar el archivo.",
}


def _url(name, lang="en"):
    with translation.override(lang):
        return reverse(f"admin:groups_country_{name}")


def _preview(client, content=CSV) -> dict:
    """The confirmation's fields, as the preview page gives them."""
    response = client.post(
        _url("import"), {"format": "1", "resource": "0", "import_file": upload(content, "countries.csv")}
    )
    assert response.status_code == 200 and response.context["confirm_form"] is not None
    return dict(response.context["confirm_form"].initial)


def _pending_files() -> list[str]:
    return default_storage.listdir(pending.FOLDER)[1] if default_storage.exists(pending.FOLDER) else []


def _refused(client, fields, lang) -> None:
    before = snapshot()
    response = client.post(_url("process_import", lang), fields)
    html = response.content.decode()
    assert response.status_code == 400
    assert REFUSED[lang] in html.replace("&#x27;", "'")
    assert 'name="confirm"' not in html  # no button posting the same refused fields again
    assert "Traceback" not in html
    assert snapshot() == before
    assert not Country.objects.filter(iso3="ZZZ").exists()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    "forged",
    [
        {"import_file_name": "../../../etc/passwd"},
        {"import_file_name": "/etc/hostname"},
        {"import_file_name": "0123456789abcdef0123456789abcdef"},  # the form of a name, not kept
        {"import_file_name": ""},
        {"format": "0"},  # the previewed csv file read as xlsx
        {"format": "9"},
        {"format": "x"},
        {"resource": "7"},
    ],
    ids=[
        "traversal",
        "absolute",
        "never-kept",
        "empty",
        "other-format",
        "no-format",
        "not-a-number",
        "resource",
    ],
)
def test_a_forged_confirmation_is_a_form_error_and_writes_nothing(secretariat_client, forged, lang):
    fields = _preview(secretariat_client)
    _refused(secretariat_client, {**fields, **forged}, lang)
    # The real confirmation still works afterwards: the forged one did not consume it.
    assert secretariat_client.post(_url("process_import"), fields).status_code == 302
    assert Country.objects.get(iso3="ZZZ").name_es == "Zedlandia"


def test_another_users_file_is_not_yours_to_confirm(secretariat_client, secretariat_user):
    theirs = second_factor.log_in(Client(), secretariat_user)  # the same account, another browser
    fields = _preview(theirs)
    _refused(secretariat_client, fields, "en")
    assert pending.FOLDER + "/" + fields["import_file_name"] in {
        f"{pending.FOLDER}/{name}" for name in _pending_files()
    }
    assert theirs.post(_url("process_import"), fields).status_code == 302


def test_a_confirmed_file_is_removed_and_cannot_be_confirmed_twice(secretariat_client):
    fields = _preview(secretariat_client)
    assert fields["import_file_name"] in _pending_files()
    assert secretariat_client.post(_url("process_import"), fields).status_code == 302
    assert fields["import_file_name"] not in _pending_files()
    Country.objects.filter(iso3="ZZZ").delete()
    _refused(secretariat_client, fields, "es")


def test_a_file_gone_from_storage_is_refused(secretariat_client):
    fields = _preview(secretariat_client)
    pending.discard(fields["import_file_name"])
    _refused(secretariat_client, fields, "en")


def test_a_preview_with_problems_keeps_no_file(secretariat_client):
    before = set(_pending_files())
    response = secretariat_client.post(
        _url("import"),
        {
            "format": "1",
            "resource": "0",
            "import_file": upload(b"iso3,name_en,membership\nMEX,Mexico,friend\n", "countries.csv"),
        },
    )
    assert response.context.get("confirm_form") is None
    assert set(_pending_files()) == before
