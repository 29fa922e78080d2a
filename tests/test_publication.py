"""Published only after review (issues 17 and 26): a round set to publish on acceptance keeps a
submitted group's figures off the reading pages, the API and the documents until the
secretariat accepts them. New rounds, the demo round among them, publish on acceptance; a
round made to publish on submission keeps that setting, and publishes at once."""

import pytest
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import AlterField
from django.db.models import NOT_PROVIDED
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


def test_by_default_a_submitted_report_waits_for_acceptance(client, coordinator, open_round, group_iv):
    assert open_round.publish_on == ReportingRound.Publication.ON_ACCEPTANCE
    _submit(client, coordinator, open_round, group_iv)
    assert not _public(group_iv) and not _in_api(open_round)


def test_a_round_publishing_on_submission_publishes_at_once(client, coordinator, open_round, group_iv):
    open_round.publish_on = ReportingRound.Publication.ON_SUBMISSION
    open_round.save()
    _submit(client, coordinator, open_round, group_iv)
    assert _public(group_iv) and _in_api(open_round)


def test_rounds_made_before_keep_their_setting(second_round):
    """The fixtures' rounds say "submission" and keep it; the migration that changed the default
    only changes Django's default for new rows: no data step, no default in the database."""
    assert second_round.publish_on == ReportingRound.Publication.ON_SUBMISSION
    migration = MigrationLoader(None, ignore_no_migrations=True).get_migration(
        "reporting", "0012_round_publish_on_acceptance"
    )
    (operation,) = migration.operations
    assert isinstance(operation, AlterField) and operation.name == "publish_on"
    assert operation.field.default == "acceptance" and operation.field.db_default is NOT_PROVIDED


def test_the_demo_round_publishes_on_acceptance_as_the_api_says(settings, client):
    settings.DEBUG = True
    call_command("create_demo_users")
    demo = ReportingRound.objects.open().get()
    answer = client.get(f"/api/v1/rounds/{demo.meeting.code}/").json()
    assert answer["publish_on"] == "acceptance"


def test_the_admin_explains_both_choices_in_both_languages(secretariat_client, second_round):
    for lang, words in (
        ("en", ("When the secretariat accepts them:", "When the group submits them:")),
        ("es", ("Cuando la secretaría los acepta:", "Cuando el grupo los envía:")),
    ):
        page = secretariat_client.get(f"/{lang}/admin/reporting/reportinground/{second_round.pk}/change/")
        assert page.status_code == 200
        assert all(word in page.content.decode() for word in words), lang
