"""Published only after review, if the secretariat wants it (issue 17): a round set to publish
on acceptance keeps a submitted group's figures off the reading pages, the API and the
documents until the secretariat accepts them; the default publishes on submission."""

import pytest
from django.test import Client

from reporting.models import GroupReport, ProgressEntry, ReportingRound
from reporting.services import group_report_review

from .support.progress_forms import progress_post
from .test_progress_form import url

pytestmark = pytest.mark.django_db
REMARK = "Figures not yet reviewed by the secretariat"


def _submit(client, coordinator, open_round, group):
    values = {a.order: (60, REMARK if a.order == 3 else "", "") for a in group.activities.all()}
    client.force_login(coordinator)
    assert (
        client.post(
            url(open_round, group), progress_post(group, open_round, "submit", values=values)
        ).status_code
        == 302
    )


def _public(group):
    return REMARK in Client().get(f"/en/groups/{group.programme.period}/{group.numeral}/").content.decode()


def _in_api(open_round):
    answer = (
        Client()
        .get("/api/v1/progress/", {"round": open_round.meeting.code, "page_size": 500})
        .content.decode()
    )
    return REMARK in answer


def test_a_round_publishing_on_acceptance_shows_figures_only_once_accepted(
    client, coordinator, secretariat_user, open_round, group_iv
):
    open_round.publish_on = ReportingRound.Publication.ON_ACCEPTANCE
    open_round.save()
    _submit(client, coordinator, open_round, group_iv)
    entries = ProgressEntry.objects.filter(round=open_round, activity__group=group_iv)
    assert entries.exists() and not entries.published().exists()
    assert not _public(group_iv) and not _in_api(open_round)
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    assert not report.is_published
    group_report_review(report=report, user=secretariat_user, accept=True)
    assert entries.published().count() == entries.count()
    assert _public(group_iv) and _in_api(open_round)


def test_by_default_a_submitted_report_is_published_at_once(client, coordinator, open_round, group_iv):
    assert open_round.publish_on == ReportingRound.Publication.ON_SUBMISSION
    _submit(client, coordinator, open_round, group_iv)
    assert _public(group_iv) and _in_api(open_round)
