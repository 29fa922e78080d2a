"""Careless and hostile input (issue 18): each is refused, or made harmless, with a clear message
in the user's language next to what caused it, nothing written, and never a 500."""
import pytest

from groups.models import Meeting

from .admin_forms import post_data_from
from .db_state import snapshot
from .test_admin import admin_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "Give the place, or mark the meeting as virtual."),
    ("es", "Indique el lugar o marque la reunión como virtual."),
])
def test_a_meeting_neither_virtual_nor_placed_is_a_form_error(secretariat_client, lang, message):
    url = admin_url(Meeting, "add", lang)
    data = {**post_data_from(secretariat_client.get(url)), "body": "committee", "number": "57",
            "start_date": "2031-05-04", "end_date": "2031-05-05", "place_en": "", "place_es": ""}
    data.pop("is_virtual", None)
    before = snapshot([Meeting])
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    block = html[html.index("errors field-place_en"):]
    assert message in block[:block.index('name="place_en"')]
    assert snapshot([Meeting]) == before
    # Placed in one language only, it is saved.
    response = secretariat_client.post(url, {**data, "place_es": "Santiago"})
    assert response.status_code == 302 and Meeting.objects.filter(number=57, place_es="Santiago").exists()


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "Ensure this value is less than or equal to 59."),
    ("es", "Asegúrese de que este valor es menor o igual a 59."),
])
def test_a_meeting_numbered_past_the_written_ordinals_is_a_form_error(secretariat_client, lang, message):
    url = admin_url(Meeting, "add", lang)
    data = {**post_data_from(secretariat_client.get(url)), "body": "committee", "number": "77",
            "start_date": "2031-05-04", "end_date": "2031-05-05", "is_virtual": "on"}
    before = snapshot([Meeting])
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    block = html[html.index("errors field-number"):]
    assert message in block[:block.index('name="number"')]
    assert snapshot([Meeting]) == before
