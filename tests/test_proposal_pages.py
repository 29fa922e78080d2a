"""The pages of a group's proposal for the next programme (issue 30), through the test client on
the real 2020-2021 programme: the focal points of group IV's coordinating institution (INEGI)
see its proposal and no other group's, carry unfinished activities forward, submit; the
secretariat returns it with a comment and accepts it; each refusal (a finished activity, a
stale version, a missing reason) shows its message next to its form and writes nothing."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from core.roles import SYSTEM
from groups.models import Country, Meeting, WorkingGroup
from reporting.models import Proposal, ProposalComment
from reporting.services import drafting_open, proposal_new_group

from .support.second_factor import log_in

pytestmark = pytest.mark.django_db

PAGE = "/{lang}/proposals/2022-2023/{numeral}/"


def page(numeral="IV", lang="en"):
    return PAGE.format(lang=lang, numeral=numeral)


@pytest.fixture
def drafting(db):
    """The drafting of 2022-2023, opened on the programme in force, for the Conference's tenth meeting."""
    return drafting_open(
        start_year=2022,
        end_year=2023,
        meeting=Meeting.objects.get(code="CEA.10"),
        deadline=timezone.localdate() + datetime.timedelta(days=60),
        user=SYSTEM,
    )


@pytest.fixture
def proposal(drafting):
    return Proposal.objects.get(drafting=drafting, continues__number=4)


@pytest.fixture
def focal(coordinator, drafting):
    return log_in(Client(), coordinator)


@pytest.fixture
def desk(secretariat_user, drafting):
    return log_in(Client(), secretariat_user)


def old_activity(order):
    """Group IV's activity `order` in 2020-2021 (1, 2, 6, 7... are unfinished; 3 is at 100%)."""
    return WorkingGroup.objects.by_code("2020-2021", "IV").activities.get(order=order)


def html_of(response):
    return response.content.decode()


def version_in(html, form_id):
    """The version the form `form_id` of the page sends back, as a browser would."""
    form = re.search(rf'<form [^>]*id="{form_id}".*?</form>', html, re.S).group(0)
    return int(re.search(r'name="version" value="(\d+)"', form).group(1))


def carry(client, *orders, version=None):
    if version is None:
        version = version_in(html_of(client.get(page())), "carry-form")
    data = {"action": "carry", "activities": [old_activity(n).pk for n in orders], "version": version}
    return client.post(page(), data)


def submit(client):
    version = version_in(html_of(client.get(page())), "submit-form")
    return client.post(page(), {"action": "submit", "version": version})


def test_a_focal_point_sees_its_groups_proposal_and_no_other(focal, other_focal, proposal):
    listing = html_of(focal.get("/en/proposals/"))
    assert 'href="/en/proposals/2022-2023/IV/"' in listing
    assert 'href="/en/proposals/2022-2023/II/"' not in listing, "group II is Chile's"
    assert focal.get(page("II")).status_code == 404
    assert (
        focal.get(page("XXX")).status_code == 404
        and focal.get("/en/proposals/2030-2031/IV/").status_code == 404
    )
    shown = html_of(focal.get(page()))
    assert "Working Group on Gender Statistics" in shown and 'href="/en/groups/2020-2021/IV/"' in shown
    assert 'id="carry-form"' in shown and 'id="submit-proposal"' in shown and 'id="end-form"' in shown
    assert 'href="/en/proposals/2022-2023/IV/edit/activities/"' in shown
    assert "The proposal has no activities." in shown, "the warnings come before the submit button"
    assert shown.index("The proposal has no activities.") < shown.index('id="submit-proposal"')
    assert 'href="/en/proposals/"' in html_of(focal.get("/en/my-groups/"))
    # Colombia's focal point has no part in group IV: its proposal is not confirmed to exist.
    assert log_in(Client(), other_focal).get(page()).status_code == 404
    assert Client().get(page()).status_code == 302, "signed out: to the log-in page"


def test_carrying_two_activities_forward_links_them_to_the_ones_they_continue(focal, proposal):
    answer = carry(focal, 6, 7)
    assert answer.status_code == 302 and answer["Location"].endswith("/IV/#activities")
    carried = list(proposal.group.activities.order_by("order"))
    assert [(a.order, a.continues) for a in carried] == [(1, old_activity(6)), (2, old_activity(7))]
    shown = html_of(focal.get(page()))
    assert "2 activities were carried forward into the proposal." in shown
    assert "Carried from activity 6 of 2020-2021" in shown and "Carried from activity 7 of 2020-2021" in shown
    offered = re.search(r'<form [^>]*id="carry-form".*?</form>', shown, re.S).group(0)
    assert f'value="{old_activity(6).pk}"' not in offered and f'value="{old_activity(1).pk}"' in offered


def test_a_finished_activity_is_not_carried_and_the_page_says_why(focal, proposal):
    answer = carry(focal, 6, 3)
    assert answer.status_code == 400
    assert "Only unfinished activities of the group, not yet carried, can be carried forward." in html_of(
        answer
    )
    proposal.refresh_from_db()
    assert (
        proposal.group.activities.count() == 0 and proposal.version == 0 and proposal.status == "not_started"
    )
    nothing = focal.post(page(), {"action": "carry", "version": 0})
    assert nothing.status_code == 400 and "Choose the activities to carry forward." in html_of(nothing)


def test_a_change_from_a_stale_page_is_refused_with_a_message(focal, desk, proposal):
    seen = version_in(html_of(focal.get(page())), "carry-form")
    assert carry(desk, 1).status_code == 302, "the secretariat changes the proposal meanwhile"
    answer = carry(focal, 6, version=seen)
    assert answer.status_code == 409
    assert "Someone else changed this proposal meanwhile" in html_of(answer)
    assert list(proposal.group.activities.values_list("continues__order", flat=True)) == [1]
    stale_submit = focal.post(page(), {"action": "submit", "version": seen})
    assert stale_submit.status_code == 409 and Proposal.objects.get(pk=proposal.pk).status == "draft"


def test_submitted_returned_resubmitted_accepted(focal, desk, proposal, mailoutbox):
    assert carry(focal, 6, 7).status_code == 302
    assert submit(focal).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    mine = html_of(focal.get(page()))
    assert "Your proposal was submitted to the secretariat." in mine
    assert 'id="carry-form"' not in mine and 'id="submit-proposal"' not in mine, "theirs to review now"
    assert carry(focal, 8, version=proposal.version).status_code == 403
    review = html_of(desk.get(page()))
    assert 'id="accept-proposal"' in review and 'id="return-proposal"' in review
    assert "Activity 2 has no start and end months." in review, "the reviewer reads the warnings"
    unexplained = desk.post(page(), {"action": "return", "comment": ""})
    assert unexplained.status_code == 400 and "Say why the proposal is returned." in html_of(unexplained)
    assert (
        desk.post(page(), {"action": "return", "comment": "Give activity 2 its new months."}).status_code
        == 302
    )
    proposal.refresh_from_db()
    assert proposal.status == "returned"
    returned = html_of(focal.get(page()))
    thread = returned[returned.index('id="thread"') :]
    assert "Give activity 2 its new months." in thread and "returned to the group" in thread
    assert focal.post(page() + "comments/", {"body": "Done: both now end in 2023."}).status_code == 302
    assert submit(focal).status_code == 302
    assert desk.post(page(), {"action": "accept", "comment": ""}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
    assert [(c.side, c.decision) for c in ProposalComment.objects.filter(proposal=proposal).thread()] == [
        ("secretariat", "returned"),
        ("group", ""),
    ]
    assert "The proposal was accepted." in html_of(desk.get(page()))


def test_a_member_reads_the_proposal_but_cannot_change_it(member_user, proposal):
    member = log_in(Client(), member_user)
    shown = html_of(member.get(page()))
    assert "Working Group on Gender Statistics" in shown
    for part in ('id="carry-form"', 'id="submit-form"', 'id="end-form"', "/edit/", 'id="thread"'):
        assert part not in shown, part
    assert (
        member.post(page(), {"action": "carry", "activities": [old_activity(6).pk], "version": 0}).status_code
        == 403
    )
    assert member.post(page(), {"action": "submit", "version": 0}).status_code == 403
    assert member.post(page() + "comments/", {"body": "Hello"}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.version == 0 and not proposal.comments.exists()


def test_a_post_without_its_csrf_token_is_refused(coordinator, proposal):
    browser = log_in(Client(enforce_csrf_checks=True), coordinator)
    data = {"action": "carry", "activities": [old_activity(6).pk], "version": 0}
    assert browser.post(page(), data).status_code == 403
    assert browser.post(page() + "comments/", {"body": "Hello"}).status_code == 403
    assert proposal.group.activities.count() == 0 and not proposal.comments.exists()
    token = browser.get(page()).cookies["csrftoken"].value
    assert browser.post(page(), {**data, "csrfmiddlewaretoken": token}).status_code == 302


def test_proposing_to_end_asks_why(focal, proposal):
    version = version_in(html_of(focal.get(page())), "end-form")
    unexplained = focal.post(page(), {"action": "end", "ends": "on", "version": version})
    assert unexplained.status_code == 400 and "Say why the group proposes to end." in html_of(unexplained)
    reason = {"end_reason_en": "Its work is done.", "end_reason_es": "Su trabajo concluyó."}
    assert (
        focal.post(page(), {"action": "end", "ends": "on", "version": version, **reason}).status_code == 302
    )
    proposal.refresh_from_db()
    assert proposal.ends and proposal.end_reason_en == "Its work is done."
    shown = html_of(focal.get(page()))
    assert 'id="ends-notice"' in shown and "Its work is done." in shown and 'id="carry-form"' not in shown


def test_the_conversation_refuses_an_empty_message(focal, proposal):
    empty = focal.post(page() + "comments/", {"body": "   "})
    assert empty.status_code == 400 and 'id="comment-errors"' in html_of(empty)
    assert not proposal.comments.exists()


def test_the_secretariat_is_led_to_the_drafting_or_to_open_one(secretariat_user):
    desk = log_in(Client(), secretariat_user)
    closed = html_of(desk.get("/en/proposals/"))
    assert "No programme is being drafted at the moment." in closed and 'href="/en/drafting/open/"' in closed
    assert 'href="/en/proposals/"' in html_of(desk.get("/en/my-groups/"))
    drafting_open(
        start_year=2022,
        end_year=2023,
        meeting=Meeting.objects.get(code="CEA.10"),
        deadline=timezone.localdate() + datetime.timedelta(days=60),
        user=SYSTEM,
    )
    listing = html_of(desk.get("/en/proposals/"))
    assert 'href="/en/drafting/2022-2023/"' in listing and 'href="/en/drafting/open/"' not in listing
    assert listing.count('href="/en/proposals/2022-2023/') == 11, "every group's proposal"


def test_a_new_groups_proposal_is_its_named_countrys_to_write(focal, other_focal, drafting):
    proposal_new_group(
        drafting=drafting,
        user=SYSTEM,
        name_en="Working Group on Data Science",
        proposer=Country.objects.get(iso3="MEX"),
    )
    assert 'href="/en/proposals/2022-2023/XII/"' in html_of(focal.get("/en/proposals/"))
    shown = html_of(focal.get(page("XII")))
    assert "Working Group on Data Science" in shown and "Proposed by" in shown
    assert 'id="submit-proposal"' in shown and 'id="carry-form"' not in shown and 'id="end-form"' not in shown
    assert focal.post(page("XII"), {"action": "end", "ends": "on", "version": 0}).status_code == 403
    assert log_in(Client(), other_focal).get(page("XII")).status_code == 404


def test_the_spanish_page_speaks_spanish(focal, proposal):
    shown = html_of(focal.get(page(lang="es")))
    assert "Llevar adelante las actividades seleccionadas" in shown and "Enviar la propuesta" in shown
    assert "Proponer el cierre del grupo" in shown and "La propuesta no tiene actividades." in shown
    assert "Carry forward" not in shown and "Proposed activities" not in shown
    answer = focal.post(
        page(lang="es"), {"action": "carry", "activities": [old_activity(3).pk], "version": 0}
    )
    assert answer.status_code == 400
    assert "Solo pueden llevarse adelante las actividades del grupo no terminadas" in html_of(answer)
    again = {"action": "carry", "activities": [old_activity(6).pk], "version": 0}
    assert focal.post(page(lang="es"), again).status_code == 302
    carried = html_of(focal.get(page(lang="es")))
    assert "Se llevó adelante 1 actividad a la propuesta." in carried
    assert "Continúa la actividad 6 de 2020-2021" in carried
