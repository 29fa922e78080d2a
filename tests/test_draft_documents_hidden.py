"""A document about a draft programme (its draft biennial programme, a group's comparison) is the
draft's: until the secretariat publishes the draft, the register, the PDF and Word addresses,
the API and search give it to the secretariat only (reporting.policy.readable_programmes)."""

import pytest
from django.test import Client

from core.roles import SYSTEM
from reporting.services import drafting_publish
from search.index import rebuild as rebuild_index

from .support import factories
from .support.drafting_iv import conference_meeting, draft_group_iv
from .support.second_factor import log_in

pytestmark = [pytest.mark.django_db]
SYMBOL = "LC/CEA.11/5"


@pytest.fixture
def drafted(frozen_today):
    drafted = draft_group_iv(frozen_today)
    factories.document(
        SYMBOL,
        kind="programme",
        programme=drafted.drafting.programme,
        meeting=conference_meeting(),
        title_en="Draft biennial programme of activities",
        title_es="Proyecto de programa bienal de actividades",
    )
    return drafted


def _seen(client) -> dict:
    register = client.get("/en/documents/").content.decode()
    return {
        "register": SYMBOL in register,
        "docx": client.get(f"/en/documents/{SYMBOL}/en.docx").status_code,
        "api": client.get(f"/api/v1/documents/{SYMBOL}/").status_code,
        "api_list": SYMBOL in client.get("/api/v1/documents/").content.decode(),
    }


def test_an_unpublished_drafts_document_is_the_secretariats_only(drafted, secretariat_user, coordinator):
    hidden = {"register": False, "docx": 404, "api": 404, "api_list": False}
    assert _seen(Client()) == hidden
    focal = Client()
    log_in(focal, coordinator)
    assert _seen(focal) == hidden
    secretariat = Client()
    log_in(secretariat, secretariat_user)
    seen = _seen(secretariat)
    assert seen["register"] and seen["docx"] == 200


def test_published_the_document_is_everyones_and_found(drafted):
    rebuild_index()
    assert SYMBOL not in Client().get("/en/search/", {"q": "CEA.11/5"}).content.decode()
    drafting_publish(drafting=drafted.drafting, user=SYSTEM)  # the index follows, no rebuild
    seen = _seen(Client())
    assert seen == {"register": True, "docx": 200, "api": 200, "api_list": True}
    assert SYMBOL in Client().get("/en/search/", {"q": "CEA.11/5"}).content.decode()
