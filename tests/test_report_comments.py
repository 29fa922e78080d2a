"""A conversation per group report (issue 26): messages from the secretariat and the group,
kept through every return and acceptance, dated and signed on both sides' pages, each e-mailed
to the other side in the language its readers write in (both languages when unknown)."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from reporting.models import GroupReport, ProgressChange, ReportComment
from reporting.services import group_report_review
from reporting.services.comments import report_comment_add

from .support import factories
from .support.second_factor import log_in
from .test_progress_form import submit_all, url

pytestmark = pytest.mark.django_db


def comments_url(reporting_round, group, lang="en"):
    return url(reporting_round, group, lang) + "comments/"


@pytest.fixture
def clerk(secretariat_user):
    secretariat_user.email = "clerk@example.org"
    secretariat_user.first_name, secretariat_user.last_name = "Clara", "Secretaria"
    secretariat_user.save()
    return secretariat_user


@pytest.fixture
def desk(clerk):
    desk = Client()
    log_in(desk, clerk)
    return desk


@pytest.fixture
def focal(client, coordinator):
    client.force_login(coordinator)
    return client


def thread(html):
    match = re.search(r'<section aria-labelledby="thread" class="thread">(.*?)</section>', html, re.S)
    return match.group(1) if match else None


def test_the_group_asks_the_secretariat_is_emailed_and_both_read_it_signed_and_dated(
    focal, desk, clerk, coordinator, open_round, group_iv, mailoutbox
):
    answer = focal.post(comments_url(open_round, group_iv, "es"), {"body": "¿Cuentan los seminarios <web>?"})
    assert answer.status_code == 302 and answer["Location"].endswith("/IV/#thread")
    message = ReportComment.objects.get()
    assert (message.side, message.author, message.language) == ("group", coordinator, "es")
    (mail,) = mailoutbox
    assert mail.to == ["clerk@example.org"], "the other side, not the writer"
    assert "¿Cuentan los seminarios <web>?" in mail.body and "Ana Ruiz" in mail.body
    assert "#thread" in mail.body
    for page in (focal.get(url(open_round, group_iv)), desk.get(url(open_round, group_iv))):
        part = thread(page.content.decode())
        assert "¿Cuentan los seminarios &lt;web&gt;?" in part and "Ana Ruiz" in part
        assert f'datetime="{timezone.localtime(message.created_at).isoformat()}' in part


def test_each_side_is_written_to_in_the_language_it_writes_in(
    focal, desk, clerk, coordinator, open_round, group_iv, mailoutbox
):
    # Nobody has written yet: the secretariat's first message goes out in both languages.
    assert desk.post(comments_url(open_round, group_iv), {"body": "Please add sources."}).status_code == 302
    (first,) = mailoutbox
    assert first.to == ["focal-inegi@example.org"]
    assert (
        "a message from the secretariat" in first.subject and "un mensaje de la secretaría" in first.subject
    )
    # The focal point answers on the Spanish page: from then on it is written to in Spanish only.
    mailoutbox.clear()
    focal.post(comments_url(open_round, group_iv, "es"), {"body": "Las añadimos."})
    assert mailoutbox[0].to == ["clerk@example.org"]
    assert "a message from the group" in mailoutbox[0].subject, "the clerk wrote in English"
    assert "un mensaje del grupo" not in mailoutbox[0].subject
    mailoutbox.clear()
    desk.post(comments_url(open_round, group_iv), {"body": "Thank you."})
    (spanish,) = mailoutbox
    assert "un mensaje de la secretaría" in spanish.subject and "a message from" not in spanish.subject
    assert "Thank you." in spanish.body and "Lea la conversación" in spanish.body


def test_a_return_and_an_acceptance_keep_the_thread_and_the_reason(
    focal, clerk, open_round, group_iv, mailoutbox
):
    submit_all(focal, open_round, group_iv)
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    group_report_review(report=report, user=clerk, accept=False, comment="Check activity 3.", language="en")
    focal.post(comments_url(open_round, group_iv), {"body": "Checked: it is right."})
    assert submit_all(focal, open_round, group_iv).status_code == 302
    mailoutbox.clear()
    report.refresh_from_db()
    group_report_review(report=report, user=clerk, accept=True)
    report.refresh_from_db()
    assert report.status == "accepted" and report.review_comment == "Check activity 3.", "not cleared"
    assert [(c.side, c.decision, c.body) for c in ReportComment.objects.thread()] == [
        ("secretariat", "returned", "Check activity 3."),
        ("group", "", "Checked: it is right."),
    ]
    (accepted,) = mailoutbox
    assert "Check activity 3." not in accepted.body, "the acceptance does not repeat an old reason"
    group_report_review_with_comment = ReportComment.objects.count()
    assert group_report_review_with_comment == 2
    page = focal.get(url(open_round, group_iv)).content.decode()
    part = thread(page)
    assert part.index("Check activity 3.") < part.index("Checked: it is right.")
    assert "returned to the group" in part


def test_an_acceptance_with_a_comment_joins_the_thread(focal, clerk, open_round, group_iv, mailoutbox):
    submit_all(focal, open_round, group_iv)
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    mailoutbox.clear()
    group_report_review(report=report, user=clerk, accept=True, comment="Well documented.")
    (message,) = ReportComment.objects.all()
    assert (message.decision, message.author) == ("accepted", clerk)
    assert mailoutbox[0].body.count("Well documented.") == 2  # under each language's words


def test_empty_or_too_long_messages_are_refused_where_the_eye_is(focal, open_round, group_iv, mailoutbox):
    for body in ("   ", "x" * 4001):
        answer = focal.post(comments_url(open_round, group_iv), {"body": body})
        assert answer.status_code == 400
        html = answer.content.decode()
        assert f'action="{comments_url(open_round, group_iv)}#thread"' in html
        assert 'href="#id_body"' in html
    assert not ReportComment.objects.exists() and mailoutbox == []


def test_who_may_read_and_write_the_conversation(
    client, coordinator, other_focal, member_user, reviewer, clerk, open_round, second_round, group_iv
):
    report_comment_add(group=group_iv, reporting_round=open_round, user=coordinator, body="A question.")
    for user, reads in ((member_user, False), (coordinator, True), (clerk, True)):
        log_in(client, user)
        part = thread(client.get(url(open_round, group_iv)).content.decode())
        assert (part is not None and "A question." in part) is reads, user
    for user in (member_user, other_focal, reviewer):
        with pytest.raises(PermissionDenied):
            report_comment_add(group=group_iv, reporting_round=open_round, user=user, body="Me too.")
    # A closed round's conversation is over: read, not written.
    with pytest.raises(PermissionDenied):
        report_comment_add(group=group_iv, reporting_round=second_round, user=clerk, body="Late.")
    assert ReportComment.objects.count() == 1


def test_the_old_review_comments_become_the_threads_first_messages(clerk, open_round, group_iv):
    """The data migration: every comment the history holds, the one accepting cleared too."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("reporting.migrations.0014_review_comments_into_threads")
    report = factories.group_report(open_round, group_iv, status="accepted")
    returned_at = timezone.now() - timezone.timedelta(days=3)
    for version, field, old, new in (
        (1, "status", "submitted", "returned"),
        (1, "review_comment", "", "Sources missing."),
        (2, "status", "submitted", "accepted"),
        (2, "review_comment", "Sources missing.", ""),
    ):
        ProgressChange.objects.create(
            report=report,
            field=field,
            old_value=old,
            new_value=new,
            changed_by=clerk,
            changed_at=returned_at + timezone.timedelta(days=version),
            source="form",
            version=version,
        )
    migration.comments_into_threads(apps, None)
    (message,) = ReportComment.objects.filter(report=report)
    assert (message.body, message.author, message.side, message.decision) == (
        "Sources missing.",
        clerk,
        "secretariat",
        "returned",
    )
    assert message.created_at == returned_at + timezone.timedelta(days=1)


def test_the_policy_for_every_role(
    open_round, group_iv, coordinator, other_focal, member_user, reviewer, clerk
):
    """Read the conversation, write in it, submit the group report: (read, write, submit)."""
    from django.contrib.auth.models import AnonymousUser

    from core.roles import SYSTEM
    from reporting import policy

    expected = [
        (AnonymousUser(), (False, False, False)),
        (SYSTEM, (False, False, False)),
        (clerk, (True, True, False)),  # the secretariat corrects and reviews; it does not submit
        (coordinator, (True, True, True)),
        (other_focal, (False, False, False)),
        (member_user, (False, False, False)),
        (reviewer, (False, False, False)),
    ]
    for user, (read, write, submit) in expected:
        got = (
            policy.can_read_comments(user, group_iv),
            policy.can_comment(user, group_iv, open_round),
            policy.can_submit(user, group_iv, open_round, None),
        )
        assert got == (read, write, submit), user
