"""The demo round `create_demo_users` opens is numbered after the latest meeting held, whatever
other meetings a database holds (the benchmarks' earlier round takes CE.59), and a database with
no number left gets the demo accounts and a clear message, not a crash."""

import datetime

import pytest
from django.core.management import call_command

from core.wording import MAX_ORDINAL
from groups.models import Meeting, Programme
from reporting.models import ReportingRound
from tests.support import scaling

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def _committee(number, year=2030):
    return Meeting.objects.create(
        body=Meeting.Body.EXECUTIVE_COMMITTEE,
        number=number,
        is_virtual=True,
        start_date=datetime.date(year, 1, 1),
        end_date=datetime.date(year, 1, 2),
    )


def test_the_demo_round_follows_the_latest_meeting_after_the_benchmarks_previous_round(settings, capsys):
    settings.DEBUG = True
    earlier = scaling.previous_round(Programme.objects.get(start_year=2020))
    assert earlier.meeting.code == "CE.59"
    call_command("create_demo_users")
    [demo] = ReportingRound.objects.open()
    assert demo.meeting.code == "CE.21"
    assert demo.meeting.name.startswith("Twenty-first meeting of the Executive Committee")
    assert "Opened the demo round CE.21" in capsys.readouterr().out


def test_the_demo_round_skips_numbers_taken(settings):
    settings.DEBUG = True
    _committee(21, 2019), _committee(22, 2018)  # numbers taken by meetings held before CE.20
    call_command("create_demo_users")
    [demo] = ReportingRound.objects.open()
    assert demo.meeting.code == "CE.23"


def test_no_number_left_creates_the_accounts_and_says_why(settings, capsys):
    from django.contrib.auth import get_user_model

    settings.DEBUG = True
    _committee(MAX_ORDINAL, 2031)  # the latest meeting is CE.59
    call_command("create_demo_users")
    assert not ReportingRound.objects.open().exists()
    assert (
        get_user_model().objects.filter(username__in=["secretariat", "focal-mex", "focal-col"]).count() == 3
    )
    out = capsys.readouterr().out
    assert (
        "No demo round opened: every Executive Committee meeting number after CE.59 up to 59 is taken." in out
    )
