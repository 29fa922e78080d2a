"""Every rule is backed by the database, and explained by full_clean() before it gets there."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from activities.models import Activity
from groups.models import GroupRole, Meeting, Programme
from reporting.models import ProgressEntry

from .support import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    programme = factories.programme()
    group = factories.group(programme)
    return {
        "programme": programme,
        "group": group,
        "activity": factories.activity(group),
        "round": factories.reporting_round(programme),
    }


def assert_refused_by_database(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.mark.parametrize("percent", [101, -1])
def test_percentage_between_0_and_100(setting, percent):
    assert_refused_by_database(
        lambda: ProgressEntry.objects.create(
            round=setting["round"], activity=setting["activity"], percent=percent
        )
    )
    entry = ProgressEntry(round=setting["round"], activity=setting["activity"], percent=percent)
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "percent" in error.value.message_dict


def test_one_progress_entry_per_activity_and_round(setting):
    ProgressEntry.objects.create(round=setting["round"], activity=setting["activity"], percent=10)
    duplicate = ProgressEntry(round=setting["round"], activity=setting["activity"], percent=20)
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    assert_refused_by_database(duplicate.save)


def test_end_month_not_before_start_month(setting):
    activity = Activity(
        group=setting["group"],
        order=2,
        text_en="x",
        text_es="x",
        start_month=datetime.date(2020, 5, 1),
        end_month=datetime.date(2020, 4, 1),
    )
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "end_month" in error.value.message_dict
    assert_refused_by_database(activity.save)


def test_unique_order_within_a_group(setting):
    twin = Activity(group=setting["group"], order=1, text_en="twin", text_es="gemela")
    with pytest.raises(ValidationError):
        twin.full_clean()
    assert_refused_by_database(twin.save)
    # The same order in another group is fine.
    other = factories.group(setting["programme"], number=2)
    factories.activity(other, order=1)


def test_month_and_phrase_are_exclusive(setting):
    activity = Activity(
        group=setting["group"],
        order=3,
        text_en="x",
        text_es="x",
        start_month=datetime.date(2020, 1, 1),
        start_text_en="To be decided",
    )
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "start_text" in error.value.message_dict


def test_months_are_stored_as_their_first_day(setting):
    activity = factories.activity(
        setting["group"], order=4, start_month="2020-03", end_month=datetime.date(2020, 6, 17)
    )
    activity.refresh_from_db()
    assert (activity.start_month, activity.end_month) == (
        datetime.date(2020, 3, 1),
        datetime.date(2020, 6, 1),
    )


def test_country_role_needs_a_country(setting):
    assert_refused_by_database(
        lambda: GroupRole.objects.create(group=setting["group"], role=GroupRole.Role.COORDINATING)
    )
    assert_refused_by_database(
        lambda: GroupRole.objects.create(group=setting["group"], role=GroupRole.Role.SECRETARIAT)
    )


def test_programme_years_are_in_order_and_may_be_three():
    assert_refused_by_database(
        lambda: Programme.objects.create(start_year=2040, end_year=2039, title_en="x", title_es="x")
    )
    three = Programme(start_year=2041, end_year=2043)
    three.full_clean()  # no title needed either
    three.save()
    assert three.period == "2041-2043"


def test_meeting_dates_and_code():
    meeting = Meeting.objects.create(
        body=Meeting.Body.EXECUTIVE_COMMITTEE,
        number=33,
        is_virtual=True,
        start_date=datetime.date(2030, 1, 2),
        end_date=datetime.date(2030, 1, 3),
    )
    assert meeting.code == "CE.33"
    assert_refused_by_database(
        lambda: Meeting.objects.create(
            body=Meeting.Body.CONFERENCE,
            number=44,
            place_en="Quito",
            start_date=datetime.date(2030, 1, 5),
            end_date=datetime.date(2030, 1, 3),
        )
    )


def test_round_for_an_activity_of_another_programme(setting):
    other_round = factories.reporting_round(factories.programme(start_year=2032))
    entry = ProgressEntry(round=other_round, activity=setting["activity"], percent=5)
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "activity" in error.value.message_dict
