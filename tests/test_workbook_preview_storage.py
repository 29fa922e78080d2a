"""A group's workbook waits for its confirmation in file storage, not in the session (issue 27:
13 MB of session after two previews slowed every page of that user): the session keeps a name,
the file a private folder of the default storage that no address serves; a confirmation or a
cancellation removes it, and one left waiting is removed after a day, by the next preview or
by `purge_pending_imports`."""

import datetime
import io
import os
import time

import openpyxl
import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from groups.models import WorkingGroup
from spreadsheets import group_workbook, pending

from .support import second_factor
from .support.db_state import snapshot

pytestmark = pytest.mark.django_db
IMPORT_URL = "admin:groups_workinggroup_import_workbook"
CONCLUSIONS = "The group met its aims, as the workbook says."


def _changed_workbook(group) -> bytes:
    """Group IV's workbook with its conclusions rewritten: a preview with something to confirm."""
    book = openpyxl.load_workbook(io.BytesIO(group_workbook.build(group)))
    sheet = book["texts"]
    column = [cell.value for cell in sheet[1]].index("conclusions_en") + 1
    sheet.cell(2, column).value = CONCLUSIONS
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _url(lang="en"):
    with translation.override(lang):
        return reverse(IMPORT_URL)


def _preview(client, content, lang="en") -> str:
    response = client.post(_url(lang), {"workbook": SimpleUploadedFile("group.xlsx", content)})
    assert response.status_code == 200 and response.context["token"], response.context["problems"]
    return response.context["token"]


def _session_bytes(client) -> int:
    return len(Session.objects.get(session_key=client.session.session_key).session_data)


def _waiting() -> set[str]:
    return (
        set(default_storage.listdir(pending.FOLDER)[1]) if default_storage.exists(pending.FOLDER) else set()
    )


def test_the_session_stays_small_after_previews(secretariat_client, group_iv):
    content = _changed_workbook(group_iv)
    assert len(content) > 20_000
    first, second = _preview(secretariat_client, content), _preview(secretariat_client, content)
    assert _session_bytes(secretariat_client) < 2_000  # was twice the file, in base64
    assert {first, second} <= _waiting()
    with default_storage.open(f"{pending.FOLDER}/{second}", "rb") as kept:
        assert kept.read() == content
    # No address serves the folder, the evidence's storage (MEDIA_ROOT).
    assert secretariat_client.get(f"/{pending.FOLDER}/{second}").status_code == 404
    assert secretariat_client.get(f"/media/{pending.FOLDER}/{second}").status_code == 404


def test_confirming_imports_the_previewed_file_and_removes_it(secretariat_client, group_iv):
    token = _preview(secretariat_client, _changed_workbook(group_iv))
    assert secretariat_client.post(_url(), {"token": token}).status_code == 302
    assert WorkingGroup.objects.get(pk=group_iv.pk).conclusions_en == CONCLUSIONS
    assert token not in _waiting()


@pytest.mark.parametrize(
    "lang, says",
    [
        ("en", "The import was cancelled; nothing was written."),
        ("es", "Se canceló la importación; no se escribió nada."),
    ],
)
def test_cancelling_writes_nothing_and_removes_the_file(secretariat_client, group_iv, lang, says):
    before = snapshot()
    token = _preview(secretariat_client, _changed_workbook(group_iv), lang)
    cancelled = secretariat_client.post(_url(lang), {"token": token, "cancel": "1"}, follow=True)
    assert says in cancelled.content.decode()
    assert token not in _waiting() and snapshot() == before
    again = secretariat_client.post(_url(lang), {"token": token}, follow=True)
    assert snapshot() == before
    assert (
        "upload the workbook again" if lang == "en" else "vuelva a cargar el libro"
    ) in again.content.decode()


def test_another_session_cannot_confirm_the_file(secretariat_client, secretariat_user, group_iv):
    token = _preview(secretariat_client, _changed_workbook(group_iv))
    other = second_factor.log_in(Client(), secretariat_user)  # the same account, another browser
    before = snapshot()
    for forged in (token, "../" + token, f"{pending.FOLDER}/{token}"):
        other.post(_url(), {"token": forged})
        other.post(_url(), {"token": forged, "cancel": "1"})
    assert snapshot() == before and token in _waiting()
    assert secretariat_client.post(_url(), {"token": token}).status_code == 302


def _kept_hours_ago(name, hours) -> None:
    """The file's time on disk moved back, as if it had waited so long."""
    then = time.time() - hours * 3600
    os.utime(default_storage.path(f"{pending.FOLDER}/{name}"), (then, then))


def test_a_file_left_waiting_goes_after_a_day(secretariat_client, group_iv):
    content = _changed_workbook(group_iv)
    with time_machine.travel(timezone.now() - datetime.timedelta(hours=25), tick=False):
        abandoned = _preview(secretariat_client, content)
    _kept_hours_ago(abandoned, 25)
    # Past a day it cannot be confirmed, and the next preview, anyone's, removes it.
    before = snapshot()
    late = secretariat_client.post(_url(), {"token": abandoned}, follow=True)
    assert "no longer waiting for confirmation" in late.content.decode()
    assert snapshot() == before
    fresh = _preview(secretariat_client, content)
    assert abandoned not in _waiting() and fresh in _waiting()
    _kept_hours_ago(fresh, 25)
    out = io.StringIO()
    call_command("purge_pending_imports", stdout=out)
    assert fresh not in _waiting() and "Removed " in out.getvalue()
