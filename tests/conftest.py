"""The test database holds the real 2020-2021 programme (fixtures/), loaded once per run;
each test runs in a transaction that is rolled back."""

import datetime
import os
import zoneinfo

import pytest
import time_machine
from django.contrib.auth import get_user_model

from core.roles import secretariat_group
from firstrun.loading import load_programme

from .support import factories, second_factor, slow


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Keep the running test where the helpers that start processes look for its `slow` marker
    (tests/support/slow.py), fixtures' setup and teardown included."""
    slow.running = item
    try:
        return (yield)
    finally:
        slow.running = None


# Set (to 1) by .ci/run for one of its two suites: the tests marked engine_independent (pytest.ini)
# run in the other suite only. `make test` alone, without it, runs every test on its one engine.
SKIP_ENGINE_INDEPENDENT = "CEA_SKIP_ENGINE_INDEPENDENT"


def pytest_itemcollected(item):
    """A test whose name says it has LibreOffice open a Word file (test_libreoffice_*) is
    engine_independent: the .docx and its text are checked on both engines by the tests beside it,
    LibreOffice only opens the bytes. (Marked as it is collected, so that `-m` sees the mark.)"""
    if item.name.startswith("test_libreoffice_"):
        item.add_marker(pytest.mark.engine_independent)


@pytest.hookimpl(trylast=True)  # after tests/browser/conftest.py has marked its tests
def pytest_collection_modifyitems(config, items):
    """The engine_independent tests are skipped where CI asks (SKIP_ENGINE_INDEPENDENT)."""
    if os.environ.get(SKIP_ENGINE_INDEPENDENT) != "1":
        return
    skip = pytest.mark.skip(reason=f"engine_independent, run in CI's other suite ({SKIP_ENGINE_INDEPENDENT})")
    for item in items:
        if item.get_closest_marker("engine_independent"):
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def own_folders(tmp_path_factory):
    """The processes of the portal a test starts (manage.py commands, servers) keep their caches
    and files in this run's temporary folder, not in the checkout's var/, which a developer's
    server or another test run uses (CI runs two side by side in one checkout)."""
    root = tmp_path_factory.mktemp("portal-folders")
    with pytest.MonkeyPatch.context() as patch:
        for name, folder in (
            ("DOCUMENT_CACHE_DIR", "document-cache"),
            ("PAGE_CACHE_DIR", "page-cache"),
            ("MEDIA_ROOT", "media"),
        ):
            patch.setenv(name, str(root / folder))
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_programme()


# The day tests that depend on today's date are run on (frozen_today): after the whole 2020-2021
# programme, as every real day now is, so its figures (overdue, the timeline's caption) hold.
FROZEN_NOW = datetime.datetime(2026, 12, 2, 12, 0, tzinfo=zoneinfo.ZoneInfo("America/Santiago"))


@pytest.fixture
def frozen_today():
    """Today is FROZEN_NOW for the test (time-machine: the clock does not move)."""
    with time_machine.travel(FROZEN_NOW, tick=False):
        yield FROZEN_NOW.date()


@pytest.fixture
def second_round(db):
    """The round of the second report on the 2020-2021 programme (LC/CE.20/3)."""
    from reporting.models import ReportingRound

    return ReportingRound.objects.get(meeting__code="CE.20")


@pytest.fixture
def secretariat_user(db):
    user = get_user_model().objects.create_user("clerk", password="pw", is_staff=True)
    user.groups.add(secretariat_group())
    return user


@pytest.fixture
def secretariat_client(client, secretariat_user):
    """Signed in as the secretariat, with its log-in code given (tests/support/second_factor.py)."""
    return second_factor.log_in(client, secretariat_user)


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's superuser's client, with the superuser's log-in code given."""
    return second_factor.log_in(client, admin_user)


@pytest.fixture(autouse=True)
def english_first():
    """Each test starts in English: a request to an /es/ page leaves Spanish active in the
    thread, which would otherwise carry over into the next test's messages and reverse()."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_document_cache():
    """Each test starts without cached PDFs or pages, so a cache hit is always the test's own
    doing (a test's changes are rolled back without the commit that would refresh the pages)."""
    from django.core.cache import caches

    caches["documents"].clear()
    caches["pages"].clear()


@pytest.fixture
def open_round(db):
    """The third round of the 2020-2021 programme, open for reporting."""
    from groups.models import Programme

    return factories.reporting_round(Programme.objects.get(start_year=2020), number=3, status="open")


@pytest.fixture
def group_iv(db):
    """Time use: coordinated by Mexico (INEGI) alone."""
    from groups.models import WorkingGroup

    return WorkingGroup.objects.with_roles().by_code("2020-2021", "IV")


@pytest.fixture
def coordinator(db):
    """A focal point of INEGI, which coordinates group IV."""
    return factories.person("focal-inegi", "INEGI@MEX", first_name="Ana", last_name="Ruiz")


@pytest.fixture
def other_focal(db):
    """A focal point of DANE: Colombia takes no part in group IV."""
    return factories.person("focal-dane", "DANE@COL")


@pytest.fixture
def member_user(db, group_iv):
    """A user of Chile's INE, with Chile made a member country of group IV."""
    from groups.models import Country, GroupRole

    GroupRole.objects.create(
        group=group_iv, role=GroupRole.Role.MEMBER, order=1, country=Country.objects.get(iso3="CHL")
    )
    return factories.person("member-ine", "INE@CHL")


@pytest.fixture
def reviewer(db):
    """A user holding the permissions to review reports and open rounds, outside the Secretariat
    group: being the secretariat is that group, so this user is nobody in particular."""
    from django.contrib.auth.models import Permission

    user = factories.person("reviewer")
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=("review_groupreport", "open_close_reportinground"))
    )
    return user
