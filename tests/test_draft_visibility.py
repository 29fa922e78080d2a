"""Who sees a draft programme on the reading side (issue 30): until the secretariat publishes it,
its groups appear nowhere for anonymous readers and outsiders (home, group pages, countries,
search, open data, round pages, an old activity's "carried forward"), while its proposal's side
(the continued group's focal points and members, the secretariat) opens its group page, marked
as a proposal; once published, every reader sees it, marked as a draft; approved, it is a
programme like any other. The pages' caches never hand one reader's page to another."""

import datetime
import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from .support import factories, read_side
from .support.second_factor import log_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

PROPOSAL = {
    "en": "Proposal for the programme 2022-2023 — draft, not approved",
    "es": "Propuesta para el programa 2022-2023 — borrador, no aprobado",
}
PUBLISHED = {
    "en": "Draft programme 2022-2023, published for reading: not yet approved by the Conference.",
    "es": "Proyecto de programa 2022-2023, publicado para su lectura: aún no aprobado por la Conferencia.",
}
CARRIED = {
    "en": "Carried forward into the programme 2022-2023",
    "es": "Llevada adelante en el programa 2022-2023",
}


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def _url(lang, name, *args):
    with translation.override(lang):
        return reverse(name, args=args)


def _signed_in(user):
    return log_in(Client(), user)


def _reading_pages(client, lang="en"):
    """The pages where a published draft's groups show: home, Mexico's page (INEGI coordinates
    group IV), the search for the carried activity's word, and the old group's page."""
    return {
        "home": client.get(_url(lang, "pages:home")),
        "country": client.get(_url(lang, "pages:country", "MEX")),
        "search": client.get(_url(lang, "pages:search"), {"q": read_side.MARK.lower()}),
        "old group": client.get(_url(lang, "pages:group", "2020-2021", "IV")),
    }


OPEN_DATA = (
    "/open-data/2022-2023/programme.json",
    "/open-data/2022-2023/programme.csv",
    "/open-data/2022-2023/IV/programme.json",
    "/open-data/2022-2023/progress.csv",
)


def _nowhere(client, lang="en"):
    pages = _reading_pages(client, lang)
    assert all(page.status_code == 200 for page in pages.values())
    assert "2022-2023" not in _text(pages["home"]) and "2022-2023" not in _text(pages["country"])
    # The query is said back in small letters; the activity's own text has a capital.
    assert read_side.MARK not in pages["search"].content.decode()
    assert CARRIED[lang] not in _text(pages["old group"])
    assert "2022-2023" not in pages["old group"].content.decode()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_unpublished_draft_is_nowhere_for_anonymous_readers_and_outsiders(client, other_focal, lang):
    read_side.drafted(marked=True)
    group_page = _url(lang, "pages:group", "2022-2023", "IV")
    for reader in (client, _signed_in(other_focal)):
        assert reader.get(group_page).status_code == 404
        _nowhere(reader, lang)
    for path in OPEN_DATA:
        assert client.get(path).status_code == 404, path


def test_a_round_on_an_unpublished_draft_has_no_page(client):
    draft = read_side.drafted()
    # Written past the model's rules (a round reports on an approved programme): the page holds.
    reporting_round = factories.reporting_round(draft.programme, number=1, status="closed")
    assert client.get(f"/en/progress/{reporting_round.meeting.code}/").status_code == 404


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_proposals_side_opens_its_group_page_marked_as_a_proposal(
    coordinator, member_user, secretariat_user, other_focal, lang
):
    draft = read_side.drafted(marked=True)
    group_page = _url(lang, "pages:group", "2022-2023", "IV")
    old_page = _url(lang, "pages:group", "2020-2021", "IV")
    for user in (coordinator, member_user, secretariat_user):
        reader = _signed_in(user)
        page = reader.get(group_page)
        assert page.status_code == 200, user
        assert PROPOSAL[lang] in _text(page) and read_side.MARK in _text(page)
        assert "/open-data/2022-2023/" not in page.content.decode(), "its files answer 404: not linked"
        # Its old activity says where it goes, for them only (the parts are kept per reader kind).
        old = reader.get(old_page)
        assert CARRIED[lang] in _text(old)
        assert f'href="{group_page}#activity-{draft.carried.order}"' in old.content.decode()
    outsider = _signed_in(other_focal)
    assert outsider.get(group_page).status_code == 404
    assert CARRIED[lang] not in _text(outsider.get(old_page))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_published_draft_shows_everywhere_marked_as_a_draft(client, lang):
    draft = read_side.drafted(marked=True)
    _nowhere(client, lang)  # and kept in the anonymous readers' cache
    read_side.published(draft)
    pages = _reading_pages(client, lang)
    assert PUBLISHED[lang] in _text(pages["home"])
    assert f'href="{_url(lang, "pages:group", "2022-2023", "IV")}"' in pages["home"].content.decode()
    assert "2022-2023" in _text(pages["country"])
    assert read_side.MARK in pages["search"].content.decode()
    assert CARRIED[lang] in _text(pages["old group"])
    page = client.get(_url(lang, "pages:group", "2022-2023", "IV"))
    assert page.status_code == 200 and PUBLISHED[lang] in _text(page)
    assert "/open-data/2022-2023/IV/programme.json" in page.content.decode()
    assert PROPOSAL[lang] not in _text(page)
    for path in OPEN_DATA:
        assert client.get(path).status_code == 200, path


def test_an_approved_programme_is_no_longer_marked_as_a_draft(client):
    read_side.approved(read_side.drafted())
    page = client.get("/en/groups/2022-2023/IV/")
    assert page.status_code == 200
    assert PUBLISHED["en"] not in _text(page) and PROPOSAL["en"] not in _text(page)
    assert "Continues working group IV of the programme 2020-2021" in _text(page)
    assert client.get("/open-data/2022-2023/IV/programme.json").status_code == 200


def test_a_drafts_activities_are_not_judged_against_a_schedule_not_in_force(client, frozen_today):
    """2022-2023's months lie before today; a draft is not in force, so nothing of it is overdue,
    as its approved programme's activities then are."""
    draft = read_side.published(read_side.drafted())
    draft.carried.start_month, draft.carried.end_month = datetime.date(2022, 1, 1), datetime.date(2022, 3, 1)
    draft.carried.save()
    assert "Overdue" not in _text(client.get("/en/groups/2022-2023/IV/"))
    read_side.approved(draft)
    assert "Overdue" in _text(client.get("/en/groups/2022-2023/IV/"))
