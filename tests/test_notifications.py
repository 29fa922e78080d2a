"""E-mail on a report's review (issue 17): the secretariat when a group submits; the group's
focal points, with the comment and a link, when the secretariat returns or accepts; in both
languages, each once, and none for a save refused."""

import pytest
from django.core.exceptions import ValidationError

from reporting.models import GroupReport
from reporting.services import group_report_review

from .support.progress_forms import progress_post
from .support.second_factor import log_in
from .test_progress_form import submit_all, url

pytestmark = pytest.mark.django_db


def test_submitting_tells_the_secretariat_and_reviewing_tells_the_group(
    client, coordinator, secretariat_user, open_round, group_iv, mailoutbox
):
    secretariat_user.email = "clerk@example.org"
    secretariat_user.save()
    client.force_login(coordinator)
    client.post(
        url(open_round, group_iv), progress_post(group_iv, open_round, "draft", values={1: (10, "", "")})
    )
    assert mailoutbox == [], "a draft tells nobody"
    assert submit_all(client, open_round, group_iv).status_code == 302
    (submitted,) = mailoutbox
    assert submitted.to == ["clerk@example.org"]
    assert "Working group IV submitted its group report" in submitted.subject
    assert "El grupo de trabajo IV envió el informe del grupo" in submitted.subject
    assert f"/en/rounds/{open_round.meeting.code}/2020-2021/IV/" in submitted.body
    assert f"/es/rounds/{open_round.meeting.code}/2020-2021/IV/" in submitted.body

    mailoutbox.clear()
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    group_report_review(
        report=report, user=secretariat_user, accept=False, comment="Add the sources of activity 3."
    )
    (returned,) = mailoutbox
    assert returned.to == ["focal-inegi@example.org"]
    assert "returned with comments" in returned.subject and "devuelto con comentarios" in returned.subject
    assert returned.body.count("Add the sources of activity 3.") == 2  # under each language's words
    assert f"/es/rounds/{open_round.meeting.code}/2020-2021/IV/" in returned.body

    mailoutbox.clear()
    assert submit_all(client, open_round, group_iv).status_code == 302
    report.refresh_from_db()
    group_report_review(report=report, user=secretariat_user, accept=True)
    assert [m.to for m in mailoutbox] == [["clerk@example.org"], ["focal-inegi@example.org"]]
    assert "accepted" in mailoutbox[1].subject and "aceptado" in mailoutbox[1].subject


def test_a_refused_review_sends_nothing(
    coordinator, secretariat_user, open_round, group_iv, client, mailoutbox
):
    client.force_login(coordinator)
    submit_all(client, open_round, group_iv)
    mailoutbox.clear()
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    with pytest.raises(ValidationError) as refused:
        group_report_review(report=report, user=secretariat_user, accept=False, comment="")  # no reason given
    assert list(refused.value.message_dict) == ["comment"]
    assert mailoutbox == []


def test_the_review_box_and_its_error_come_before_the_activities(
    client, coordinator, secretariat_user, open_round, group_iv
):
    client.force_login(coordinator)
    submit_all(client, open_round, group_iv)
    log_in(client, secretariat_user)
    page = client.get(url(open_round, group_iv)).content.decode()
    assert page.index('id="review"') < page.index('id="activities"')
    refused = client.post(url(open_round, group_iv), {"action": "return", "comment": ""})
    html = refused.content.decode()
    assert refused.status_code == 400
    assert html.index("Say why the group report is returned.") < html.index('id="activities"')
    assert GroupReport.objects.get(round=open_round, group=group_iv).status == GroupReport.Status.SUBMITTED
