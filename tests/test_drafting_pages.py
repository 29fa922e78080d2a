"""The secretariat's pages for the drafting of the next programme (issue 30): opening it (each
group of the programme in force gets a proposal, its focal points are e-mailed), refusals next
to their fields with nothing written, publishing the draft, a new group's proposal, and the
Conference's approval, refused while a proposal waits, after which the draft is the programme
in force and the previous one is as it was. Only the secretariat reaches these pages."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from activities.models import Activity
from groups.models import Country, GroupRole, Meeting, Programme, WorkingGroup
from reporting.models import Drafting, Proposal, ProposalReminder
from reporting.services import drafting_open, proposal_end, proposal_review, proposal_submit

from .support import factories
from .support.db_state import snapshot

pytestmark = pytest.mark.django_db

WRITTEN = [Programme, Drafting, Proposal, ProposalReminder, WorkingGroup]


@pytest.fixture
def cea11(db):
    """The meeting of the Conference that approves the 2022-2023 programme."""
    return Meeting.objects.create(
        body=Meeting.Body.CONFERENCE,
        number=11,
        is_virtual=True,
        start_date=datetime.date(2022, 11, 23),
        end_date=datetime.date(2022, 11, 25),
    )


def open_url(lang="en"):
    with translation.override(lang):
        return reverse("workspace:drafting_open")


def drafting_url(period="2022-2023", lang="en"):
    with translation.override(lang):
        return reverse("workspace:drafting", args=[period])


def in_a_month():
    return timezone.localdate() + datetime.timedelta(days=30)


def open_data(conference, **changed):
    return {
        "start_year": 2022,
        "end_year": 2023,
        "meeting": conference.pk,
        "deadline": in_a_month(),
        **changed,
    }


def field_errors(html, name) -> str:
    """The errors shown next to the field `name`, between its label and its input."""
    match = re.search(
        rf'<div class="field invalid">\s*<label for="id_{name}"[^>]*>.*?</label>\s*'
        r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>',
        html,
        re.S,
    )
    assert match, f"no error next to {name}"
    return match.group(1)


@pytest.fixture
def drafting(secretariat_user, cea11):
    """The drafting of 2022-2023, opened through the service."""
    return drafting_open(
        start_year=2022, end_year=2023, meeting=cea11, deadline=in_a_month(), user=secretariat_user
    )


def test_the_secretariat_opens_the_drafting_and_each_group_gets_its_proposal(
    secretariat_client, cea11, coordinator, mailoutbox
):
    page = secretariat_client.get(open_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="open-drafting-form"' in html
    assert 'value="2022"' in html and 'value="2023"' in html  # after the programme in force
    assert reverse("admin:groups_meeting_add") in html
    assert "CE.20" not in html  # only the Conference's meetings are offered

    answer = secretariat_client.post(open_url(), open_data(cea11))

    assert answer.status_code == 302 and answer["Location"] == drafting_url()
    drafting = Drafting.objects.get(programme__start_year=2022)
    assert drafting.programme.is_draft and drafting.meeting == cea11
    old = Programme.objects.get(start_year=2020)
    proposals = drafting.proposals.with_groups()
    assert sorted(p.continues.number for p in proposals) == list(range(1, 12))
    assert all(p.group.programme == drafting.programme for p in proposals)
    assert Programme.objects.current() == old
    assert any(coordinator.email in message.to for message in mailoutbox)
    page = secretariat_client.get(answer["Location"]).content.decode()
    assert "The drafting of the 2022-2023 programme is open" in page
    assert page.count('<tr id="proposal-') == 11
    group_iv = drafting.proposals.get(continues__number=4).group
    assert reverse("workspace:proposal", args=["2022-2023", "IV"]) in page
    assert reverse("pages:group_comparison", args=["2022-2023", group_iv.numeral]) in page


@pytest.mark.parametrize(
    "field,changed,message",
    [
        (
            "start_year",
            {"start_year": 2021},
            "The next programme starts after 2020-2021, the programme in force.",
        ),
        ("end_year", {"end_year": 2021}, "The last year cannot be before the first."),
        ("deadline", {"deadline": "2020-01-31"}, "The deadline cannot be in the past."),
        ("meeting", {"meeting": "CE.20"}, "A programme is approved at a meeting of the Conference."),
    ],
)
def test_a_refused_opening_says_why_next_to_the_field_and_writes_nothing(
    secretariat_client, cea11, field, changed, message
):
    if changed.get("meeting") == "CE.20":  # a meeting of the Executive Committee
        changed = {"meeting": Meeting.objects.get(code="CE.20").pk}
    before = snapshot(WRITTEN)

    answer = secretariat_client.post(open_url(), open_data(cea11, **changed))

    assert answer.status_code == 400
    assert message in field_errors(answer.content.decode(), field)
    assert snapshot(WRITTEN) == before


def test_refusals_are_in_the_readers_language(secretariat_client, cea11):
    answer = secretariat_client.post(open_url("es"), open_data(cea11, start_year=2021, deadline="2020-01-31"))

    html = answer.content.decode()
    assert "El próximo programa comienza después de 2020-2021, el programa vigente." in field_errors(
        html, "start_year"
    )
    assert "El plazo no puede estar en el pasado." in field_errors(html, "deadline")
    assert not Drafting.objects.exists()


def test_a_second_drafting_waits_for_the_first_to_be_approved(secretariat_client, drafting, cea11):
    answer = secretariat_client.post(open_url(), open_data(cea11, start_year=2024, end_year=2026))

    assert answer.status_code == 400
    html = answer.content.decode()
    assert "The drafting of another programme is open: approve it first." in html
    assert drafting_url() in html
    assert not Programme.objects.filter(start_year=2024).exists()


def test_publishing_the_draft_shows_it_to_readers(secretariat_client, drafting):
    assert 'id="publish-draft"' in secretariat_client.get(drafting_url()).content.decode()

    answer = secretariat_client.post(drafting_url(), {"action": "publish"})

    assert answer.status_code == 302
    programme = Programme.objects.get(pk=drafting.programme_id)
    assert programme.published_at is not None and programme.is_readable
    page = secretariat_client.get(drafting_url()).content.decode()
    assert 'id="publish-draft"' not in page
    assert "Published on" in page


def test_the_secretariat_proposes_a_new_group_for_a_country(secretariat_client, drafting):
    chile = Country.objects.get(iso3="CHL")
    answer = secretariat_client.post(
        drafting_url(),
        {
            "action": "new_group",
            "name_en": "Working Group on Data Science",
            "name_es": "Grupo de Trabajo sobre Ciencia de Datos",
            "proposer": chile.pk,
        },
    )

    assert answer.status_code == 302
    proposal = drafting.proposals.get(continues=None)
    assert proposal.proposer == chile and proposal.group.number == 12
    assert proposal.group.name_es == "Grupo de Trabajo sobre Ciencia de Datos"
    page = secretariat_client.get(drafting_url()).content.decode()
    assert "The proposal of the new group XII is begun." in page
    assert "proposed by Chile" in page


def test_a_new_group_needs_a_name(secretariat_client, drafting):
    before = snapshot(WRITTEN)
    answer = secretariat_client.post(drafting_url(), {"action": "new_group", "name_es": "Sin nombre"})

    assert answer.status_code == 400
    assert 'id="new-group-form"' in answer.content.decode()
    field_errors(answer.content.decode(), "name_en")
    assert snapshot(WRITTEN) == before


def focal_point_of(group):
    """A focal point of the group's first coordinating institution."""
    role = GroupRole.objects.filter(group=group, role=GroupRole.Role.COORDINATING).exclude(institution=None)
    institution = role.order_by("order").first().institution
    return factories.person(f"focal-{group.number}-{institution.pk}", institution.code)


def accept_every_proposal(drafting, secretariat_user, ending=()):
    for proposal in drafting.proposals.with_groups():
        focal_point = focal_point_of(proposal.continues)
        if proposal.continues.number in ending:
            proposal_end(proposal=proposal, user=focal_point, ends=True, reason_en="Its work is done.")
        proposal_submit(proposal=proposal, user=focal_point)
        proposal_review(proposal=proposal, user=secretariat_user, accept=True)


def programme_state(programme):
    """The programme's record, its groups and their activities, as stored."""
    return (
        list(Programme.objects.filter(pk=programme.pk).values()),
        list(WorkingGroup.objects.filter(programme=programme).order_by("pk").values()),
        list(Activity.objects.filter(group__programme=programme).order_by("pk").values()),
    )


def approval(meeting):
    return {
        "action": "approve",
        "meeting": meeting.pk,
        "approved_on": "2022-11-25",
        "resolution_en": "13(XI)",
        "resolution_es": "13(XI)",
    }


def test_the_approval_waits_for_every_proposal_then_makes_the_draft_the_programme_in_force(
    secretariat_client, secretariat_user, drafting, cea11
):
    old = Programme.objects.get(start_year=2020)
    old_state = programme_state(old)
    assert 'id="approve-form"' in secretariat_client.get(drafting_url()).content.decode()
    before = snapshot(WRITTEN)

    refused = secretariat_client.post(drafting_url(), approval(cea11))

    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Accept every proposal before recording the approval; still waiting: I, II," in html
    assert snapshot(WRITTEN) == before

    accept_every_proposal(drafting, secretariat_user, ending=(11,))
    answer = secretariat_client.post(drafting_url(), approval(cea11))

    assert answer.status_code == 302
    new = Programme.objects.get(start_year=2022)
    assert Programme.objects.current() == new
    assert new.approved_at == cea11 and new.approved_on == datetime.date(2022, 11, 25)
    assert new.resolution_en == "13(XI)"
    assert new.groups.count() == 10  # group XI proposed to end
    assert programme_state(old) == old_state
    page = secretariat_client.get(drafting_url()).content.decode()
    assert "The programme is in force" in page
    assert reverse("admin:reporting_reportinground_add") + f"?programme={new.pk}" in page
    assert 'id="approve-form"' not in page and 'id="publish-draft"' not in page


def test_an_approval_at_a_meeting_of_the_executive_committee_is_refused(secretariat_client, drafting):
    committee = Meeting.objects.get(code="CE.20")
    answer = secretariat_client.post(drafting_url(), approval(committee))

    assert answer.status_code == 400
    message = "A programme is approved at a meeting of the Conference."
    assert message in field_errors(answer.content.decode(), "meeting")
    assert Programme.objects.get(pk=drafting.programme_id).is_draft


def test_the_draft_programmes_documents_are_linked_once_added(secretariat_client, drafting, cea11):
    page = secretariat_client.get(drafting_url()).content.decode()
    assert "The draft programme has no document yet." in page
    assert f"programme={drafting.programme_id}" in page

    factories.document(symbol="LC/CEA.11/5", kind="programme", programme=drafting.programme, meeting=cea11)

    page = secretariat_client.get(drafting_url()).content.decode()
    assert reverse("reports:pdf", args=["LC/CEA.11/5", "en"]) in page
    assert reverse("reports:pdf", args=["LC/CEA.11/5", "es"]) in page


def test_a_period_without_a_drafting_is_not_found(secretariat_client):
    assert secretariat_client.get(drafting_url("2020-2021")).status_code == 404
    assert secretariat_client.get(drafting_url("2040-2041")).status_code == 404
    assert secretariat_client.get(drafting_url("soon")).status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "member_user", "other_focal"])
def test_only_the_secretariat_reaches_the_drafting_pages(client, request, drafting, cea11, role):
    client.force_login(request.getfixturevalue(role))
    before = snapshot(WRITTEN)

    for url in (open_url(), drafting_url()):
        assert client.get(url).status_code == 403
    assert client.post(open_url(), open_data(cea11, start_year=2024)).status_code == 403
    assert client.post(drafting_url(), {"action": "publish"}).status_code == 403
    assert snapshot(WRITTEN) == before


def test_anonymous_visitors_are_sent_to_log_in(client, drafting):
    for url in (open_url(), drafting_url()):
        answer = client.get(url)
        assert answer.status_code == 302 and answer["Location"].startswith("/en/accounts/login/")
