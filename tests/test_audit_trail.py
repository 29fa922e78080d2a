"""The audit trail cannot be erased or bypassed: what has a history cannot be deleted (in the
admin, which says why in the clerk's language, and in the database), every write of progress
is recorded (the fixture loader's too), and admin saves use the progress form's version check."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import translation
from tablib import Dataset

from activities.models import Activity
from core.roles import SYSTEM
from reporting.models import GroupReport, ProgressChange, ProgressEntry, ReportingRound
from reporting.services import EntryValues, progress_save
from spreadsheets.resources.reporting import ProgressEntryResource

from .support.admin_forms import post_data_from
from .support.db_state import snapshot

pytestmark = pytest.mark.django_db

PROTECTED = {
    "en": "would require deleting the following protected related objects",
    "es": "requeriría eliminar los siguientes objetos relacionados protegidos",
}


def _recorded(second_round, group_iv):
    report = GroupReport.objects.get(round=second_round, group=group_iv)
    entry = ProgressEntry.objects.filter(round=second_round, activity__group=group_iv).first()
    return {
        "groupreport": report,
        "reportinground": second_round,
        "activity": entry.activity,
        "progressentry": entry,
    }


def _delete_url(obj, lang):
    with translation.override(lang):
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete", args=[obj.pk])


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("model", ["groupreport", "reportinground", "activity", "progressentry"])
def test_the_admin_refuses_to_delete_what_has_a_history_and_says_why(
    secretariat_client, second_round, group_iv, model, lang
):
    obj = _recorded(second_round, group_iv)[model]
    page = secretariat_client.get(_delete_url(obj, lang)).content.decode()
    assert PROTECTED[lang] in page
    before = snapshot()
    response = secretariat_client.post(_delete_url(obj, lang), {"post": "yes"})
    assert response.status_code == 200
    assert snapshot() == before
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("model", ["groupreport", "reportinground", "activity", "progressentry"])
def test_the_database_refuses_to_delete_what_has_a_history(second_round, group_iv, model):
    obj = _recorded(second_round, group_iv)[model]
    history = ProgressChange.objects.count()
    with pytest.raises(ProtectedError):
        obj.delete()
    assert ProgressChange.objects.count() == history


def test_the_fixture_loader_records_every_value_it_writes(second_round, group_iv):
    entries = ProgressEntry.objects.filter(round=second_round, activity__group=group_iv)
    changes = ProgressChange.objects.filter(report__round=second_round, report__group=group_iv)
    assert entries.count() == 10  # the activities group IV reported in LC/CE.20/3
    assert {c.source for c in changes} == {ProgressChange.Source.FIXTURES}
    assert {c.changed_by for c in changes} == {None}
    for entry in entries:
        recorded = {c.field: c.new_value for c in changes if c.activity_id == entry.activity_id}
        assert recorded["percent"] == str(entry.percent)
        assert recorded.get("remarks_en", "") == entry.remarks_en
    status = changes.get(field="status")
    assert (status.old_value, status.new_value) == ("not_started", "accepted")


def _save(user, group, reporting_round, percent, version):
    entries = {a.pk: EntryValues(percent) for a in group.activities.all()}
    return progress_save(
        group=group,
        reporting_round=reporting_round,
        user=user,
        entries=entries,
        notes={},
        seen_version=version,
        submit=False,
    )


def test_a_caller_without_rights_is_refused_before_it_can_see_a_conflict(
    coordinator, other_focal, open_round, group_iv
):
    _save(coordinator, group_iv, open_round, 40, 0)
    before = snapshot()
    with pytest.raises(PermissionDenied):  # not ProgressConflict, which carries the values
        _save(other_focal, group_iv, open_round, 90, 0)
    assert snapshot() == before


def test_the_rounds_status_is_read_under_the_lock_not_from_the_callers_copy(
    coordinator, open_round, group_iv
):
    stale = ReportingRound.objects.get(pk=open_round.pk)  # loaded while the round was open
    ReportingRound.objects.filter(pk=open_round.pk).update(status=ReportingRound.Status.CLOSED)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        _save(coordinator, group_iv, stale, 40, 0)
    assert snapshot() == before


def test_no_actor_is_never_allowed(open_round, group_iv):
    with pytest.raises(TypeError, match="core.roles.SYSTEM"):
        _save(None, group_iv, open_round, 40, 0)
    assert _save(SYSTEM, group_iv, open_round, 40, 0).changes[0].changed_by is None


def _admin_change(client, obj, lang="en"):
    with translation.override(lang):
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return url, post_data_from(client.get(url))


@pytest.mark.parametrize(
    "lang,message",
    [
        ("en", "Someone else saved this group report after you opened it (Ana Ruiz, "),
        ("es", "Otra persona guardó este informe del grupo después de que usted lo abrió (Ana Ruiz, "),
    ],
)
def test_an_admin_save_over_a_newer_version_is_refused_with_who_and_when(
    secretariat_client, coordinator, open_round, group_iv, lang, message
):
    _save(coordinator, group_iv, open_round, 40, 0)
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    entry = ProgressEntry.objects.filter(round=open_round, activity__group=group_iv).first()
    for percent, (obj, field, value) in (
        (50, (report, "obstacles_en", "Typed in the admin")),
        (60, (entry, "percent", "75")),
    ):
        url, data = _admin_change(secretariat_client, obj, lang)
        _save(coordinator, group_iv, open_round, percent, GroupReport.objects.get(pk=report.pk).version)
        data[field] = value
        before = snapshot()
        response = secretariat_client.post(url, data)
        html = response.content.decode()
        assert response.status_code == 200 and message in html
        assert value in html  # what the clerk typed is still in the form
        assert snapshot() == before


def test_an_admin_save_on_the_current_version_is_recorded(
    secretariat_client, secretariat_user, second_round, group_iv
):
    entry = ProgressEntry.objects.filter(round=second_round, activity__group=group_iv).first()
    url, data = _admin_change(secretariat_client, entry)
    data["percent"] = str(100 - entry.percent)
    data["reason"] = "Corrected from the issued report"  # CE.20 is closed: a correction (issue 29)
    assert secretariat_client.post(url, data).status_code == 302
    change = ProgressChange.objects.filter(source=ProgressChange.Source.CORRECTION).get()
    assert (change.field, change.new_value, change.changed_by, change.reason) == (
        "percent",
        data["percent"],
        secretariat_user,
        "Corrected from the issued report",
    )


def test_being_the_secretariat_is_its_own_role_not_a_review_permission(client, db):
    from django.contrib.auth.models import Permission

    from .support import factories

    reviewer = factories.person("reviewer")
    reviewer.user_permissions.add(Permission.objects.get(codename="review_groupreport"))
    client.force_login(reviewer)
    round_ = ReportingRound.objects.get(meeting__code="CE.20")
    assert client.get(reverse("workspace:round", args=[round_.meeting.code])).status_code == 403


def test_issuing_asks_the_policy(coordinator, secretariat_user):
    from reports.services import document_issue

    from .support import factories

    document, _activity = factories.small_report()
    before = snapshot()
    with pytest.raises(PermissionDenied):
        document_issue(document=document, user=coordinator)
    assert snapshot() == before
    issued = document_issue(document=document, user=secretariat_user)
    assert sorted((f.language, f.format) for f in issued) == [
        ("en", "docx"),
        ("en", "pdf"),
        ("es", "docx"),
        ("es", "pdf"),
    ]


def test_an_activity_without_history_can_still_be_deleted(group_iv):
    activity = Activity.objects.create(group=group_iv, order=99, text_en="Added by mistake")
    activity.delete()
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_an_entry_added_in_the_admin_to_a_report_with_a_history_is_recorded(
    secretariat_client, coordinator, open_round, group_iv
):
    _save(coordinator, group_iv, open_round, 40, 0)
    activity = group_iv.activities.get(order=5)
    progress_save(
        group=group_iv,
        reporting_round=open_round,
        user=coordinator,  # cleared: no entry
        entries={activity.pk: EntryValues(None)},
        notes={},
        seen_version=1,
        submit=False,
    )
    url = reverse("admin:reporting_progressentry_add")
    data = post_data_from(secretariat_client.get(url))
    data.update({"round": open_round.pk, "activity": activity.pk, "percent": "35"})
    assert secretariat_client.post(url, data).status_code == 302
    change = ProgressChange.objects.get(source=ProgressChange.Source.ADMIN)
    assert (change.activity, change.field, change.new_value) == (activity, "percent", "35")


def test_deleting_an_activity_with_a_history_is_refused(secretariat_client, group_iv):
    """Deleting an activity whose progress has a history is refused on its delete page, saying why."""
    activity = Activity.objects.filter(group=group_iv, changes__isnull=False).first()
    url = reverse("admin:activities_activity_delete", args=[activity.pk])
    before = snapshot()
    page = secretariat_client.get(url).content.decode()
    assert "would require deleting the following protected related objects" in page
    response = secretariat_client.post(url, {"post": "yes"})
    assert response.status_code in (200, 403)
    assert snapshot() == before


TYPED = "Done\x07 in May\x0bthen\x1b June."  # a bell, Word's soft line break, an escape
STORED = "Done in May\nthen June."  # what core.text keeps of it


@pytest.mark.parametrize("model, field", [("progressentry", "remarks_en"), ("groupreport", "obstacles_en")])
def test_the_history_stores_what_the_record_stores(secretariat_client, second_round, group_iv, model, field):
    """Issue 27: an admin save recorded the text as typed, control characters included, while
    the record's save dropped them (core.text): the history said what was never stored."""
    obj = _recorded(second_round, group_iv)[model]
    url, data = _admin_change(secretariat_client, obj)
    data[field], data["reason"] = TYPED, "A correction"  # CE.20 is closed (issue 29)
    assert secretariat_client.post(url, data).status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == STORED
    change = ProgressChange.objects.get(source=ProgressChange.Source.CORRECTION, field=field)
    assert change.new_value == getattr(obj, field)
    # Typed again with other control characters: the same stored text, so no change recorded.
    url, data = _admin_change(secretariat_client, obj)
    data[field], data["reason"] = STORED.replace(" ", "\x01 "), "A correction"
    assert secretariat_client.post(url, data).status_code == 302
    assert ProgressChange.objects.filter(source=ProgressChange.Source.CORRECTION, field=field).count() == 1


def test_every_history_value_equals_a_stored_value(secretariat_user, coordinator, open_round, group_iv):
    """Through the progress form's service and the spreadsheet import alike."""
    activity = group_iv.activities.get(order=2)
    progress_save(
        group=group_iv,
        reporting_round=open_round,
        user=coordinator,
        entries={activity.pk: EntryValues(10, TYPED, TYPED)},
        notes={"obstacles_es": TYPED},
        seen_version=0,
        submit=False,
    )
    rows = Dataset(headers=["round", "group", "activity", "percent", "remarks_en", "remarks_es"])
    rows.append([open_round.meeting.code, group_iv.code, "3", "20", TYPED, "\x1b" + TYPED])
    result = ProgressEntryResource().import_data(rows, dry_run=False, user=secretariat_user)
    assert not result.has_errors() and not result.has_validation_errors()
    texts = ProgressChange.objects.filter(report__round=open_round).exclude(field__in=["percent", "status"])
    assert texts.count() == 5
    assert {c.new_value for c in texts} == {STORED}
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    assert report.obstacles_es == STORED
    assert set(ProgressEntry.objects.filter(round=open_round).values_list("remarks_en", "remarks_es")) == {
        (STORED, STORED)
    }
