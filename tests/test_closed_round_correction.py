"""The past is corrected by the secretariat, not reopened: the narrative and figures of a closed
round are entered and corrected on the report page and in the admin, each change recorded as the
secretariat's correction with the reason it typed; without a reason nothing is written and the
page says why next to the field, in the reader's language. Focal points still cannot change a
closed round, nor can a program or a workbook. The round's live documents show the correction;
issued ones stay as they were issued."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.roles import SYSTEM
from groups.models import Programme
from reporting import policy
from reporting.models import GroupReport, ProgressChange, ProgressEntry
from reporting.services import EntryValues, progress_save
from reports.delivery import document_pdf
from reports.services import document_issue

from .support import factories
from .support.admin_forms import post_data_from
from .support.db_state import snapshot
from .support.pdf_reading import pdf_text
from .support.progress_forms import progress_post
from .support.second_factor import log_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

REASON = "Entered from the report as issued (LC/CE.20/3)."


def url(reporting_round, group, lang="en"):
    return f"/{lang}/rounds/{reporting_round.meeting.code}/{group.programme.period}/{group.numeral}/"


def state():
    return snapshot([ProgressEntry, GroupReport, ProgressChange])


@pytest.fixture
def past_round(db):
    """A past round of the 2020-2021 programme recorded closed, asking for a narrative as well."""
    return factories.reporting_round(Programme.objects.get(start_year=2020), number=8, progress_form="both")


def test_the_report_page_offers_the_secretariat_a_correction_with_a_reason(
    secretariat_client, second_round, group_iv
):
    page = secretariat_client.get(url(second_round, group_iv)).content.decode()
    assert "Correct this closed round" in page and 'name="action"' not in page
    form = secretariat_client.get(url(second_round, group_iv) + "?correct=1").content.decode()
    assert 'name="reason"' in form and "you are correcting its recorded values, not reopening it" in form
    assert 'value="check"' not in form  # nothing to submit: the round is closed


@pytest.mark.parametrize(
    "lang, message",
    [
        ("en", "Say why you are correcting a closed round"),
        ("es", "Indique por qué corrige una ronda cerrada"),
    ],
)
def test_without_a_reason_nothing_is_written_and_the_field_says_why(
    secretariat_client, second_round, group_iv, lang, message
):
    before = state()
    data = progress_post(group_iv, second_round, values={3: (5, "Fixed", "Corregido")})
    response = secretariat_client.post(
        url(second_round, group_iv, lang) + "?correct=1", {**data, "reason": " "}
    )
    assert response.status_code == 400
    html = response.content.decode()
    field = html[html.index('class="field reason-field invalid"') :]
    assert message in field[: field.index('name="reason"')]
    assert state() == before


def test_a_correction_on_the_report_page_is_recorded_with_its_reason(
    secretariat_client, secretariat_user, second_round, group_iv
):
    report = GroupReport.objects.get(round=second_round, group=group_iv)
    status = report.status
    entry = ProgressEntry.objects.get(round=second_round, activity__group=group_iv, activity__order=3)
    old = entry.percent
    data = progress_post(group_iv, second_round, values={3: (5, "Fixed", "Corregido")})
    # Every other activity as it stands: the correction changes only what was typed.
    for other in ProgressEntry.objects.filter(round=second_round, activity__group=group_iv).exclude(
        pk=entry.pk
    ):
        prefix = f"a{other.activity_id}"
        data.update({f"{prefix}-percent": other.percent, f"{prefix}-remarks_en": other.remarks_en})
        data.update({f"{prefix}-remarks_es": other.remarks_es})
    response = secretariat_client.post(url(second_round, group_iv) + "?correct=1", {**data, "reason": REASON})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.percent, entry.remarks_en, entry.remarks_es) == (5, "Fixed", "Corregido")
    rows = ProgressChange.objects.filter(report=report, version=report.version + 1)
    assert {row.field for row in rows} == {"percent", "remarks_en", "remarks_es"}
    assert {(row.source, row.reason, row.changed_by) for row in rows} == {
        ("correction", REASON, secretariat_user)
    }
    assert rows.get(field="percent").old_value == str(old)
    report.refresh_from_db()
    assert report.status == status  # corrected, not reopened nor moved
    second_round.refresh_from_db()
    assert second_round.status == "closed"
    history = secretariat_client.get(url(second_round, group_iv)).content.decode().split('id="history"')[1]
    assert REASON in history


def test_the_narrative_of_a_past_round_is_entered_directly(secretariat_client, past_round, group_iv):
    data = progress_post(
        group_iv,
        past_round,
        notes={
            "progress_narrative_en": "The group met twice.",
            "progress_narrative_es": "El grupo se reunió dos veces.",
        },
    )
    response = secretariat_client.post(url(past_round, group_iv) + "?correct=1", {**data, "reason": REASON})
    assert response.status_code == 302
    report = GroupReport.objects.get(round=past_round, group=group_iv)
    assert report.progress_narrative_es == "El grupo se reunió dos veces."
    rows = report.changes.filter(field__startswith="progress_narrative")
    assert rows.count() == 2 and set(rows.values_list("source", "reason")) == {("correction", REASON)}


def test_focal_points_programs_and_workbooks_still_cannot_change_a_closed_round(
    client, coordinator, secretariat_user, second_round, group_iv
):
    client.force_login(coordinator)
    before = state()
    data = progress_post(group_iv, second_round, values={3: (5, "", "")})
    assert client.post(url(second_round, group_iv), {**data, "reason": REASON}).status_code == 403
    assert 'name="reason"' not in client.get(url(second_round, group_iv) + "?correct=1").content.decode()
    for source in (ProgressChange.Source.API, ProgressChange.Source.IMPORT):
        with pytest.raises(PermissionDenied):
            progress_save(
                group=group_iv,
                reporting_round=second_round,
                user=secretariat_user,
                entries={group_iv.activities.get(order=3).pk: EntryValues(5)},
                notes={},
                seen_version=None,
                submit=False,
                source=source,
                reason=REASON,
            )
    assert state() == before


ROLES = ["secretariat_user", "coordinator", "member_user", "other_focal", "reviewer"]


@pytest.mark.parametrize("role", ROLES)
def test_who_may_correct_a_closed_round(request, role, second_round, open_round, group_iv):
    user = request.getfixturevalue(role)
    user = log_in_verified(request, user)
    assert policy.can_correct_closed_round(user, group_iv, second_round) is (role == "secretariat_user")
    # An open round is changed through the progress form as usual, never "corrected".
    assert policy.can_correct_closed_round(user, group_iv, open_round) is False


def test_nobody_else_corrects_a_closed_round(second_round, group_iv):
    from django.contrib.auth.models import AnonymousUser

    assert policy.can_correct_closed_round(AnonymousUser(), group_iv, second_round) is False
    assert policy.can_correct_closed_round(SYSTEM, group_iv, second_round) is False
    with pytest.raises(TypeError):
        policy.can_correct_closed_round(None, group_iv, second_round)


def log_in_verified(request, user):
    """The user as a request signed in with its log-in code sees it (tests/support/second_factor.py)."""
    from django.test import Client

    client = log_in(Client(), user)
    return client.get("/en/my-groups/").wsgi_request.user


# The admin: a closed round's group report and entries, with and without a reason.


def test_the_admin_refuses_a_closed_rounds_change_without_a_reason(
    secretariat_client, second_round, group_iv
):
    report = GroupReport.objects.get(round=second_round, group=group_iv)
    change_url = reverse("admin:reporting_groupreport_change", args=[report.pk])
    data = post_data_from(secretariat_client.get(change_url))
    before = state()
    response = secretariat_client.post(change_url, {**data, "obstacles_en": "Corrected obstacles."})
    assert response.status_code == 200
    assert "Say why you are correcting a closed round" in str(
        response.context["adminform"].form.errors["reason"]
    )
    assert state() == before
    response = secretariat_client.post(
        change_url, {**data, "obstacles_en": "Corrected obstacles.", "reason": REASON}
    )
    assert response.status_code == 302
    row = report.changes.get(field="obstacles_en", version=report.version + 1)
    assert (row.new_value, row.source, row.reason) == ("Corrected obstacles.", "correction", REASON)


def test_the_admin_adds_a_past_rounds_group_report_and_entry_as_corrections(
    secretariat_client, past_round, group_iv
):
    add_url = reverse("admin:reporting_groupreport_add")
    data = {
        **post_data_from(secretariat_client.get(add_url)),
        "round": past_round.pk,
        "group": group_iv.pk,
        "progress_narrative_en": "The group met twice.",
    }
    before = state()
    refused = secretariat_client.post(add_url, data)
    assert refused.status_code == 200 and "reason" in refused.context["adminform"].form.errors
    assert state() == before
    assert secretariat_client.post(add_url, {**data, "reason": REASON}).status_code == 302
    report = GroupReport.objects.get(round=past_round, group=group_iv)
    assert list(report.changes.values_list("field", "source", "reason")) == [
        ("progress_narrative_en", "correction", REASON)
    ]
    entry_url = reverse("admin:reporting_progressentry_add")
    activity = group_iv.activities.get(order=1)
    entry_data = {
        **post_data_from(secretariat_client.get(entry_url)),
        "round": past_round.pk,
        "activity": activity.pk,
        "percent": 30,
    }
    assert "reason" in secretariat_client.post(entry_url, entry_data).context["adminform"].form.errors
    assert secretariat_client.post(entry_url, {**entry_data, "reason": REASON}).status_code == 302
    row = report.changes.get(activity=activity)
    assert (row.field, row.new_value, row.source, row.reason) == ("percent", "30", "correction", REASON)


# The documents: live ones show the correction, issued ones keep their bytes.


def _correct(client, document, percent, remarks):
    reporting_round = document.round
    group = reporting_round.programme.groups.get()
    data = progress_post(group, reporting_round, values={1: (percent, remarks, "Corregido")})
    response = client.post(url(reporting_round, group) + "?correct=1", {**data, "reason": REASON})
    assert response.status_code == 302


def test_a_closed_rounds_document_shows_the_correction(
    secretariat_client, django_capture_on_commit_callbacks
):
    document, _activity = factories.small_report()
    assert "Going well" in pdf_text(document_pdf(document, "en").content)
    with django_capture_on_commit_callbacks(execute=True):
        _correct(secretariat_client, document, 85, "Finished as corrected")
    fresh = document_pdf(document, "en", wait=True)
    assert "Finished as corrected" in pdf_text(fresh.content) and "Going well" not in pdf_text(fresh.content)


def test_an_issued_document_keeps_what_it_was_issued_with(
    secretariat_client, secretariat_user, django_capture_on_commit_callbacks
):
    document, _activity = factories.small_report()
    document_issue(document=document, user=secretariat_user)
    document.refresh_from_db()
    issued = document_pdf(document, "en").content
    with django_capture_on_commit_callbacks(execute=True):
        _correct(secretariat_client, document, 85, "Finished as corrected")
    served = document_pdf(document, "en")
    assert served.source == "issued" and served.content == issued
    assert "Finished as corrected" not in pdf_text(served.content)


def test_saving_a_closed_rounds_report_unchanged_asks_no_reason(secretariat_client, second_round, group_iv):
    report = GroupReport.objects.get(round=second_round, group=group_iv)
    change_url = reverse("admin:reporting_groupreport_change", args=[report.pk])
    history = ProgressChange.objects.count()
    response = secretariat_client.post(change_url, post_data_from(secretariat_client.get(change_url)))
    assert response.status_code == 302
    assert ProgressChange.objects.count() == history
    assert GroupReport.objects.get(pk=report.pk).version == report.version
