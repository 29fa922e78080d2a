"""Signed-in readers get the parts of a reading page that are the same for every reader (figures,
tables, timeline) from the cache (pages/parts.py), computed once per generation of the data;
what is their own (the group's reports their permissions open, the menu with their name) is
computed for each of them; a change to progress is on the next page at once; and with the cache
down the page is computed, never broken."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from core import cache as failsafe
from reporting.models import ProgressEntry
from reporting.services import progress_admin_save

from .support import factories
from .support.second_factor import log_in

pytestmark = pytest.mark.django_db

GROUP_PAGE = "/en/groups/2020-2021/IV/"
REPORTS_LINKS = "reports and their history of changes:"
PAGES = [
    "/en/",
    GROUP_PAGE,
    "/en/countries/",
    "/es/countries/MEX/",
    "/en/progress/CE.20/?sort=change",
    "/es/search/?q=estadistica",
    "/en/search/?q=census&kind=activities",
]


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response.content.decode()


def main(page: str) -> str:
    """The page's own content, without the header (whose log-out form's token changes)."""
    return page.split('<main id="main">', 1)[1]


def signed_in(user) -> Client:
    return log_in(Client(), user)


@pytest.mark.parametrize("url", PAGES)
def test_a_signed_in_reader_gets_the_shared_parts_from_the_cache(url, coordinator):
    reader = signed_in(coordinator)
    computed, first = _get(reader, url)
    kept, second = _get(reader, url)
    assert kept < computed and "Ana Ruiz" in second
    assert main(first) == main(second)


def test_a_change_of_progress_is_on_a_cached_signed_in_page_at_once(
    coordinator, secretariat_user, second_round
):
    reader = signed_in(coordinator)
    entry = ProgressEntry.objects.get(round=second_round, activity__group__number=4, activity__order=3)
    _count, before = _get(reader, GROUP_PAGE)
    _get(reader, GROUP_PAGE)  # now from the cache
    assert 'id="activity-3"' in before and "Changed a moment ago" not in before
    entry.percent = 7 if entry.percent != 7 else 8
    entry.remarks_en = "Changed a moment ago by the secretariat"
    progress_admin_save(entry=entry, user=secretariat_user, seen_version=None, reason="A correction")
    _count, after = _get(reader, GROUP_PAGE)
    row = after[after.index('id="activity-3"') :]
    row = row[: row.index("</tr>")]
    assert f'<span class="pct">{entry.percent}%</span>' in row
    assert "Changed a moment ago by the secretariat" in row


def test_a_change_of_progress_is_on_the_signed_in_home_page_at_once(
    coordinator, secretariat_user, second_round
):
    reader = signed_in(coordinator)
    _get(reader, "/en/")
    _count, before = _get(reader, "/en/")
    for entry in ProgressEntry.objects.filter(round=second_round, activity__group__number=3):
        entry.percent = 3
        progress_admin_save(entry=entry, user=secretariat_user, seen_version=None, reason="A correction")
    _count, after = _get(reader, "/en/")
    assert before != after
    row = after[after.index('<td class="numeral">III</td>') :]
    assert '<span class="pct">3%</span>' in row[: row.index("</tr>")]


def test_what_a_readers_permissions_open_is_not_shared_with_another_reader(coordinator):
    outsider = factories.person("outsider")  # signed in, works for no institution
    focal_point, other = signed_in(coordinator), signed_in(outsider)
    computed, page = _get(focal_point, GROUP_PAGE)
    kept, seen = _get(other, GROUP_PAGE)
    # The shared parts came from the focal point's visit, not the reports' links or the name.
    assert kept < computed
    assert REPORTS_LINKS in page and "Signed in as Ana Ruiz" in page
    assert REPORTS_LINKS not in seen and "Ana Ruiz" not in seen and "Signed in as outsider" in seen
    # And the other way round: the outsider's visit does not take the links from the focal point.
    _count, again = _get(focal_point, GROUP_PAGE)
    assert REPORTS_LINKS in again


def test_the_anonymous_reader_does_not_get_a_signed_in_readers_parts(client, coordinator, open_round):
    # The news of the open round links a signed-in reader to their groups, in the shared part.
    _count, signed = _get(signed_in(coordinator), "/en/")
    _count, page = _get(client, "/en/")
    assert "/en/my-groups/" in main(signed)
    assert "/en/my-groups/" not in main(page)


@pytest.fixture
def cache_down():
    """The pages' cache in a Redis that is not there (a closed port): every get misses."""
    from .test_cache_backend import closed_port, redis_caches

    failsafe._skipped_until.clear()
    with override_settings(CACHES=redis_caches(closed_port())):
        yield
    failsafe._skipped_until.clear()
    failsafe._logged_until.clear()


@pytest.mark.parametrize("url", PAGES)
def test_with_the_cache_down_the_signed_in_page_is_computed(url, coordinator, cache_down):
    reader = signed_in(coordinator)
    first_count, first = _get(reader, url)
    again_count, again = _get(reader, url)
    assert again_count == first_count and "Ana Ruiz" in again
