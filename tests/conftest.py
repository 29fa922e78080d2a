"""The test database holds the real 2020-2021 programme (fixtures/), loaded once per run;
each test runs in a transaction that is rolled back."""
import pytest
from django.contrib.auth import get_user_model

from activities.loading import load_programme
from groups.roles import secretariat_group

@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_programme()


@pytest.fixture
def second_round(db):
    """The round of the second report on the 2020-2021 programme (LC/CE.20/3)."""
    from activities.models import ReportingRound

    return ReportingRound.objects.get(meeting__code="CE.20")


@pytest.fixture
def secretariat_user(db):
    user = get_user_model().objects.create_user("clerk", password="pw", is_staff=True)
    user.groups.add(secretariat_group())
    return user


@pytest.fixture
def secretariat_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture(autouse=True)
def empty_document_cache():
    """Each test starts without cached PDFs, so a cache hit is always the test's own doing."""
    from django.core.cache import caches

    caches["documents"].clear()
