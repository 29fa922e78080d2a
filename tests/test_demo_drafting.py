"""The first run's demo drafting (firstrun/drafting_demo.py): `create_demo_users` opens and
publishes the drafting of 2022-2023 after the fixtures' 2020-2021, with group IV's proposal begun
(unfinished activities carried, given months in the new years, one new activity), so that the
demo focal point of group IV can go on with it and the demo secretariat review it; running it
again changes nothing, and its e-mails leave through the development server's queue."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from activities.models import Activity
from core.outbox import OutgoingEmail
from groups.models import Meeting, Programme, WorkingGroup
from reporting import policy
from reporting.models import Drafting, Proposal, ProposalReminder
from reporting.services import proposal_submit
from reporting.standing import standings

from .support.second_factor import log_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("create_demo_users")
    return Drafting.objects.select_related("programme", "meeting").get()


def _proposal_iv(drafting) -> Proposal:
    return drafting.proposals.select_related("group", "continues").get(continues__number=4)


def test_the_demo_opens_and_publishes_the_drafting_of_2022_2023(demo, frozen_today):
    programme = demo.programme
    assert (programme.period, programme.status) == ("2022-2023", Programme.Status.DRAFT)
    assert programme.published_at is not None and programme.is_readable
    assert programme.follows == Programme.objects.get(start_year=2020)
    assert Programme.objects.current().period == "2020-2021"  # a draft is not in force
    assert demo.is_open and demo.deadline > frozen_today
    assert (demo.meeting.code, demo.meeting.body) == ("CEA.11", Meeting.Body.CONFERENCE)
    assert demo.meeting.name.startswith("Eleventh meeting of the Statistical Conference")
    assert demo.meeting.place_en and demo.meeting.place_es
    # Every group of 2020-2021 has its proposal, a copy of the group in the draft programme.
    assert demo.proposals.count() == 11 == programme.groups.count()


def test_group_iv_proposal_is_a_draft_with_activities_carried_from_2020_2021(demo):
    proposal = _proposal_iv(demo)
    old = WorkingGroup.objects.by_code("2020-2021", "IV")
    assert proposal.status == Proposal.Status.DRAFT and proposal.group.programme == demo.programme
    carried = list(proposal.group.activities.exclude(continues=None).select_related("continues__group"))
    assert len(carried) >= 2
    percents = {s.activity.pk: s.percent for s in standings(old.activities.all())}
    for activity in carried:
        assert activity.continues.group == old and activity.text_en == activity.continues.text_en
        assert percents[activity.continues_id] is not None and percents[activity.continues_id] < 100
        assert demo.programme.contains_month(activity.start_month)
        assert demo.programme.contains_month(activity.end_month)
    [new] = proposal.group.activities.filter(continues=None)
    assert new.text_en and new.text_es and new.start_month.year == 2023
    # The finished activities stay behind; the unreported ones are still offered to carry.
    assert not any(percents[a.continues_id] == 100 for a in carried)
    from reporting.drafting_reads import carry_candidates

    assert carry_candidates(proposal), "the newcomer has activities left to carry"


def test_the_demo_focal_point_edits_and_the_demo_secretariat_reviews(demo, client):
    users = get_user_model().objects
    focal, secretariat = users.get(username="focal-mex"), users.get(username="secretariat")
    proposal = _proposal_iv(demo)
    client.force_login(focal)
    for lang in ("en", "es"):
        assert client.get(f"/{lang}/proposals/2022-2023/IV/").status_code == 200
    log_in(client, secretariat)
    assert client.get("/en/proposals/2022-2023/IV/").status_code == 200
    assert policy.can_edit_proposal(focal, proposal) and policy.can_submit_proposal(focal, proposal)
    assert not policy.can_edit_proposal(users.get(username="focal-col"), proposal)
    proposal_submit(proposal=proposal, user=focal, version=proposal.version)
    proposal.refresh_from_db()
    assert policy.can_review_proposal(secretariat, proposal)


def test_running_the_demo_twice_opens_nothing_more(demo, settings, capsys):
    counts = (Programme.objects.count(), Proposal.objects.count(), Activity.objects.count())
    meetings = Meeting.objects.count()
    call_command("create_demo_users")
    assert (Programme.objects.count(), Proposal.objects.count(), Activity.objects.count()) == counts
    assert Meeting.objects.count() == meetings and Drafting.objects.count() == 1
    assert "A drafting was opened already; no demo drafting created." in capsys.readouterr().out


def test_the_demo_uses_the_conference_meeting_the_database_holds(settings):
    settings.DEBUG = True
    held = Meeting.objects.create(
        body=Meeting.Body.CONFERENCE,
        number=11,
        place_en="Mexico City",
        place_es="Ciudad de México",
        start_date=datetime.date(2021, 11, 3),
        end_date=datetime.date(2021, 11, 5),
    )
    call_command("create_demo_users")
    assert Drafting.objects.get().meeting == held
    assert Meeting.objects.filter(body=Meeting.Body.CONFERENCE, number=11).count() == 1


def test_the_opening_e_mails_leave_through_the_development_queue(
    settings, capsys, django_capture_on_commit_callbacks
):
    """As under `make run`: the queue (core.mail) delivers on the console after the commit."""
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.PORTAL_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("create_demo_users")
    out = capsys.readouterr().out
    assert "Working group IV: propose your programme of work for 2022-2023" in out
    assert "/en/proposals/2022-2023/IV/" in out and "/es/proposals/2022-2023/IV/" in out
    assert "Opened and published the demo drafting of 2022-2023" in out
    assert not OutgoingEmail.objects.exclude(status="sent").exists()
    opened = ProposalReminder.objects.filter(kind=ProposalReminder.Kind.OPENED)
    assert opened.filter(proposal__continues__number=4, recipients="focal-mex@example.org").exists()
    assert mail.outbox == []  # the console delivered them, not the tests' outbox


def test_the_api_lists_2020_2021_approved_and_2022_2023_draft(demo, client):
    listed = client.get("/api/v1/programmes/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert {row["period"]: row.get("status") for row in rows} == {
        "2022-2023": "draft",
        "2020-2021": "approved",
    }
