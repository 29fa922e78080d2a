"""The admin of the drafting of the next programme: draftings, proposals, their messages and
reminders are listed and shown in both languages; none is added there (the workspace's pages
open a drafting and begin a new group's proposal through the services), statuses are read
only, and a proposal's ending goes through the services (a draft again, its version grown),
refused next to its field when its reason is missing. (tests/test_admin.py leaves these
models to this file: the fixtures hold no drafting.)"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from groups.models import Meeting
from reporting.models import Drafting, Proposal, ProposalComment, ProposalReminder
from reporting.services import drafting_open, proposal_comment_add

from .support.admin_forms import post_data_from

pytestmark = pytest.mark.django_db

MODELS = [Drafting, Proposal, ProposalComment, ProposalReminder]


def admin_url(model, view, lang="en", *args):
    with translation.override(lang):
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def drafting(secretariat_user, coordinator):
    """The drafting of 2022-2023, opened through the service: group IV's focal point (the
    `coordinator`) is e-mailed, which leaves a reminder; the secretariat wrote to group IV."""
    meeting = Meeting.objects.create(
        body=Meeting.Body.CONFERENCE,
        number=11,
        is_virtual=True,
        start_date=datetime.date(2022, 11, 23),
        end_date=datetime.date(2022, 11, 25),
    )
    drafting = drafting_open(
        start_year=2022,
        end_year=2023,
        meeting=meeting,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        user=secretariat_user,
    )
    proposal_comment_add(proposal=group_iv_proposal(drafting), user=secretariat_user, body="Welcome.")
    return drafting


def group_iv_proposal(drafting):
    return drafting.proposals.get(continues__number=4)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_list_and_record_pages_open_and_nothing_is_added_here(secretariat_client, drafting, model, lang):
    assert secretariat_client.get(admin_url(model, "changelist", lang)).status_code == 200
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None
    response = secretariat_client.get(admin_url(model, "change", lang, obj.pk))
    assert response.status_code == 200 and response["Content-Language"] == lang
    assert secretariat_client.get(admin_url(model, "add", lang)).status_code == 403


def test_the_drafting_list_shows_its_programme_meeting_deadline_and_status(secretariat_client, drafting):
    html = secretariat_client.get(admin_url(Drafting, "changelist", "es")).content.decode()
    assert "2022-2023" in html and "CEA.11" in html
    assert "Abierta a propuestas" in html or "abierta a propuestas" in html


def test_a_draftings_deadline_changes_and_its_status_is_read_only(secretariat_client, drafting):
    url = admin_url(Drafting, "change", "en", drafting.pk)
    page = secretariat_client.get(url)
    assert 'name="status"' not in page.content.decode()
    data = post_data_from(page)
    later = drafting.deadline + datetime.timedelta(days=7)
    data.update(deadline=later.isoformat(), status="approved")

    assert secretariat_client.post(url, data).status_code == 302

    drafting.refresh_from_db()
    assert drafting.deadline == later and drafting.status == Drafting.Status.OPEN


def test_a_proposal_ends_through_the_services_and_needs_a_reason(secretariat_client, drafting):
    proposal = group_iv_proposal(drafting)
    url = admin_url(Proposal, "change", "en", proposal.pk)
    page = secretariat_client.get(url)
    assert 'name="status"' not in page.content.decode()
    data = post_data_from(page)
    data.update(ends="on", status="accepted")

    refused = secretariat_client.post(url, data)

    assert refused.status_code == 200
    assert "Say why the group proposes to end." in refused.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).ends is False

    data.update(end_reason_en="Its guide is published.", end_reason_es="Su guía está publicada.")
    assert secretariat_client.post(url, data).status_code == 302

    after = Proposal.objects.get(pk=proposal.pk)
    assert after.ends and after.end_reason_es == "Su guía está publicada."
    assert after.status == Proposal.Status.DRAFT and after.version == proposal.version + 1


def test_a_proposal_of_an_approved_programme_is_only_read(secretariat_client, drafting):
    Drafting.objects.filter(pk=drafting.pk).update(status=Drafting.Status.APPROVED)
    proposal = group_iv_proposal(drafting)
    url = admin_url(Proposal, "change", "en", proposal.pk)
    page = secretariat_client.get(url)

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert secretariat_client.post(url, {"ends": "on"}).status_code == 403
