"""The reading pages an anonymous reader gets are kept (pages/cache.py) and served again without
a query; any change to what they show (progress, the plan, the programme, the register) is on
the next page at once; signed-in readers never get an anonymous reader's page (their pages share
only the parts that are the same for every reader: tests/test_signed_in_pages.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.models import ProgressEntry
from reporting.services import progress_admin_save

pytestmark = pytest.mark.django_db

GROUP_PAGE = "/en/groups/2020-2021/IV/"


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_readers_second_visit_is_served_from_the_cache(client):
    computed, first = _queries(client, GROUP_PAGE)
    cached, second = _queries(client, GROUP_PAGE)
    assert computed > 0 and cached == 0
    assert first == second


def test_a_change_of_published_progress_is_on_the_page_at_once(client, secretariat_user, second_round):
    entry = ProgressEntry.objects.get(round=second_round, activity__group__number=4, activity__order=3)
    _count, before = _queries(client, GROUP_PAGE)
    entry.remarks_en = "Changed a moment ago by the secretariat"
    progress_admin_save(entry=entry, user=secretariat_user, seen_version=None, reason="A correction")
    _count, after = _queries(client, GROUP_PAGE)
    assert "Changed a moment ago by the secretariat" not in before
    assert "Changed a moment ago by the secretariat" in after


def test_a_change_of_the_plan_is_on_the_page_at_once(client, group_iv):
    _queries(client, GROUP_PAGE)
    group_iv.background_en = "A background written a moment ago"
    group_iv.save()
    assert "A background written a moment ago" in _queries(client, GROUP_PAGE)[1]


def test_each_language_has_its_own_page(client):
    assert 'lang="en"' in _queries(client, "/en/")[1]
    assert 'lang="es"' in _queries(client, "/es/")[1]


def test_signed_in_readers_never_get_an_anonymous_readers_page(client, coordinator):
    _queries(client, GROUP_PAGE)  # kept for anonymous readers
    client.force_login(coordinator)
    count, page = _queries(client, GROUP_PAGE)
    # Their own parts are computed (tests/test_signed_in_pages.py: the rest is shared).
    assert count > 0 and "Signed in as" in page
