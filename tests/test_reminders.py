"""E-mails to focal points: when a round opens, and before its deadline while their report is
not submitted; each one once."""

import datetime

import pytest
from django.core.management import call_command

from groups.models import Programme
from reporting.models import GroupReport, RoundReminder
from reporting.reminders import reminders_send
from reporting.services import round_close, round_open

from .support import factories

# Opening rounds and the schedule figures read today's date: it is frozen (conftest.FROZEN_NOW).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def planned_round(db):
    return factories.reporting_round(Programme.objects.get(start_year=2020), number=3, status="planned")


def test_opening_a_round_tells_each_groups_focal_points_once(
    planned_round, secretariat_user, coordinator, other_focal, mailoutbox
):
    round_open(reporting_round=planned_round, user=secretariat_user)
    # INEGI coordinates groups I, IV, VI, VII, IX and X; DANE groups I, VII, VIII and IX.
    by_group = {}
    for message in mailoutbox:
        numeral = message.subject.split()[2].rstrip(":")
        by_group.setdefault(numeral, set()).update(message.to)
    assert by_group["IV"] == {"focal-inegi@example.org"}
    assert by_group["VIII"] == {"focal-dane@example.org"}
    assert by_group["I"] == {"focal-inegi@example.org", "focal-dane@example.org"}
    assert set(by_group) == {"I", "IV", "VI", "VII", "VIII", "IX", "X"}
    message = next(m for m in mailoutbox if "Working group IV:" in m.subject)
    # One message in both languages, with the group's form and the deadline.
    assert "Grupo de trabajo IV:" in message.subject
    assert f"/en/rounds/{planned_round.meeting.code}/2020-2021/IV/" in message.body
    assert f"/es/rounds/{planned_round.meeting.code}/2020-2021/IV/" in message.body
    assert "1 March 2031" in message.body and "1 de marzo de 2031" in message.body
    mailoutbox.clear()
    assert reminders_send(today=planned_round.opens_on) == [] and mailoutbox == []


def test_deadline_reminder_only_for_groups_not_submitted_and_only_once(
    planned_round, secretariat_user, coordinator, mailoutbox, settings
):
    round_open(reporting_round=planned_round, user=secretariat_user)
    GroupReport.objects.create(round=planned_round, group=factories_group("IV"), status="submitted")
    mailoutbox.clear()
    early = planned_round.deadline - datetime.timedelta(days=settings.PROGRESS_REMINDER_DAYS + 1)
    assert reminders_send(today=early) == []
    due = planned_round.deadline - datetime.timedelta(days=settings.PROGRESS_REMINDER_DAYS)
    sent = reminders_send(today=due)
    assert {r.group.numeral for r in sent} == {"I", "VI", "VII", "IX", "X"}  # IV has submitted
    assert all(r.kind == RoundReminder.Kind.DEADLINE for r in sent)
    assert len(mailoutbox) == 5 and "due" in mailoutbox[0].subject
    assert reminders_send(today=due + datetime.timedelta(days=1)) == []


def test_no_reminders_once_the_round_is_closed(planned_round, secretariat_user, coordinator, mailoutbox):
    round_open(reporting_round=planned_round, user=secretariat_user)
    round_close(reporting_round=planned_round, user=secretariat_user)
    mailoutbox.clear()
    assert reminders_send(today=planned_round.deadline) == [] and mailoutbox == []


def test_daily_command(planned_round, coordinator, mailoutbox, capsys):
    planned_round.status = "open"
    planned_round.save()
    call_command("send_reminders")
    out = capsys.readouterr().out
    assert f"{planned_round.meeting.code} 2020-2021/IV: opened -> focal-inegi@example.org" in out
    assert "6 reminder(s) sent." in out


def test_only_one_open_round_per_programme(open_round, secretariat_user):
    from django.core.exceptions import ValidationError

    fourth = factories.reporting_round(open_round.programme, number=4, status="planned")
    with pytest.raises(ValidationError, match="Another round of this programme is open"):
        round_open(reporting_round=fourth, user=secretariat_user)
    fourth.refresh_from_db()
    assert fourth.status == "planned"


def factories_group(numeral):
    from groups.models import WorkingGroup

    return WorkingGroup.objects.by_code("2020-2021", numeral)
