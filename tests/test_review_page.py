"""The secretariat reviews a submitted group report on a page to read, not in the focal
point's form (issue 26): each activity's percentage before and now with the difference, falls
and drops of more than 20 points marked, the remarks' changes shown word by word (escaped), the
evidence beside its activity, the narrative; Accept and Return as its actions; "Correct it
myself" opens the form, and what is saved there is the secretariat's correction."""

import re

import pytest
from django.test import Client

from reporting.models import Evidence, GroupReport, ProgressChange, ProgressEntry, ReportingRound
from reporting.services import evidence_add

from .support.progress_forms import progress_post
from .support.second_factor import log_in
from .test_progress_form import url

pytestmark = pytest.mark.django_db

# Group IV reported activity 3 at 100%, 6 at 70% and 7 at 50% to CE.20, the round before.
DROP, FALL, RISE = 3, 6, 7


def _previous(second_round, group):
    return {
        e.activity.order: e for e in ProgressEntry.objects.filter(round=second_round, activity__group=group)
    }


def submit_with_a_drop(client, coordinator, open_round, second_round, group, notes=None):
    """The focal point submits: activity 3 from 100% to 40%, 6 from 70% to 65% with rewritten
    remarks, 7 from 50% to 80%, the others as they were (50% where not reported before)."""
    before = _previous(second_round, group)
    values = {}
    for activity in group.activities.all():
        previous = before.get(activity.order)
        values[activity.order] = (
            previous.percent if previous else 50,
            previous.remarks_en if previous else "",
            previous.remarks_es if previous else "",
        )
    values[DROP] = (40, "Redone after the plan changed.", "Rehecha tras el cambio del plan.")
    # An edit of the previous remarks, with markup a reviewer must see as typed, never rendered.
    values[FALL] = (
        65,
        values[FALL][1].replace("a second version", "a <b>third</b> version"),
        values[FALL][2],
    )
    values[RISE] = (80, values[RISE][1], values[RISE][2])
    client.force_login(coordinator)
    answer = client.post(
        url(open_round, group), progress_post(group, open_round, "submit", values=values, notes=notes)
    )
    assert answer.status_code == 302
    return GroupReport.objects.get(round=open_round, group=group)


@pytest.fixture
def desk(secretariat_user):
    """The secretariat, in a browser of its own (the `client` fixture is the focal point's)."""
    desk = Client()
    log_in(desk, secretariat_user)
    return desk


@pytest.fixture
def submitted(client, coordinator, open_round, second_round, group_iv):
    return submit_with_a_drop(client, coordinator, open_round, second_round, group_iv)


def article(html, order):
    match = re.search(
        rf'<article class="review-activity[^"]*" id="activity-{order}">(.*?)</article>', html, re.S
    )
    assert match, f"no article for activity {order}"
    return match.group(0)


def test_the_secretariat_reads_a_submitted_report_with_no_input_of_the_form(
    submitted, desk, open_round, group_iv
):
    html = desk.get(url(open_round, group_iv)).content.decode()
    assert 'id="review"' in html
    assert "Submit to the secretariat" not in html and 'value="check"' not in html
    assert not re.search(r'name="a\d+-(percent|remarks_en|remarks_es)"', html), (
        "an input of the progress form"
    )
    # Accept and Return are the page's primary actions, posted with the CSRF token.
    form = re.search(r'<form method="post" action="[^"#]+" class="review-form">(.*?)</form>', html, re.S)
    assert form and "csrfmiddlewaretoken" in form.group(1)
    for action in ("accept", "return"):
        assert f'name="action" value="{action}" class="primary"' in form.group(1)
    assert "Correct it myself" in html


def test_each_activity_shows_before_now_and_difference_with_falls_marked(
    submitted, desk, open_round, group_iv
):
    html = desk.get(url(open_round, group_iv)).content.decode()
    drop, fall, rise = article(html, DROP), article(html, FALL), article(html, RISE)
    assert 'class="review-activity dropped"' in drop and "100%" in drop and "40%" in drop
    assert "−60 points" in drop and "A drop of 60 points, from 100% to 40%" in drop
    assert 'class="review-activity fell"' in fall and "−5 points" in fall
    assert "Below the previous round" in fall and "drop of" not in fall
    assert 'class="review-activity"' in rise and "+30 points" in rise and "⚠" not in rise
    assert re.search(r"2 fell\s+\(1 by more than 20 points\)\.", html)
    every = group_iv.activities.count()
    assert len(re.findall(r'<article class="review-activity', html)) == every
    table = re.search(r'<table class="cards review-changes">(.*?)</table>', html, re.S).group(1)
    assert table.count('<tr class="dropped">') == 1 and table.count('<tr class="fell">') == 1


def test_remarks_show_what_changed_since_the_previous_round_escaped(submitted, desk, open_round, group_iv):
    html = desk.get(url(open_round, group_iv, "es")).content.decode()
    fall = article(html, FALL)
    assert '<p class="textdiff">' in fall
    # Word by word: only what was edited is marked, the rest reads as it was.
    diff = re.search(r'<p class="textdiff">(.*?)</p>', fall, re.S).group(1)
    assert re.search(r'<del><span class="visually-hidden">[^<]*</span>second</del>', diff)
    assert re.search(r'<ins><span class="visually-hidden">[^<]*</span>&lt;b&gt;third&lt;/b&gt;</ins>', diff)
    assert "A first draft was discussed by the relevant subgroup" in diff
    assert "<b>third</b>" not in html, "a remark's markup reached the page"
    # Unchanged Spanish remarks are said to be as before, not marked.
    assert "Como en la ronda anterior." in fall


def test_evidence_beside_its_activity_and_the_narrative(
    client, coordinator, desk, open_round, second_round, group_iv
):
    open_round.progress_form = ReportingRound.Form.BOTH
    open_round.save()
    activity = group_iv.activities.get(order=RISE)
    evidence_add(
        group=group_iv,
        reporting_round=open_round,
        user=coordinator,
        about=activity,
        title_en="Webinar minutes",
        url="https://example.org/minutes",
    )
    notes = {"progress_narrative_en": "Two chapters were finished."}
    submit_with_a_drop(client, coordinator, open_round, second_round, group_iv, notes=notes)
    html = desk.get(url(open_round, group_iv)).content.decode()
    assert Evidence.objects.get().activity == activity
    assert "Webinar minutes" in article(html, RISE) and "Webinar minutes" not in article(html, DROP)
    assert "Two chapters were finished." in html


def test_accept_and_return_from_the_review_page(submitted, desk, open_round, group_iv):
    page = url(open_round, group_iv)
    refused = desk.post(page, {"action": "return", "comment": ""})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Say why the group report is returned." in html and 'id="review-errors"' in html
    assert html.index("Say why the group report is returned.") < html.index('id="changes"')
    submitted.refresh_from_db()
    assert submitted.status == GroupReport.Status.SUBMITTED
    returned = desk.post(page, {"action": "return", "comment": "Check activity 3."})
    assert returned.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == GroupReport.Status.RETURNED


def test_correct_it_myself_is_recorded_as_the_secretariats_correction(
    submitted, desk, secretariat_user, open_round, group_iv
):
    page = url(open_round, group_iv)
    form = desk.get(page + "?correct=1").content.decode()
    assert re.search(r'name="a\d+-percent"', form) and "Save the correction" in form
    assert "Submit to the secretariat" not in form and 'value="check"' not in form
    assert "recorded in the history as the secretariat's correction" in form
    # The form as the group left it, activity 3 corrected.
    values = {
        e.activity.order: (e.percent, e.remarks_en, e.remarks_es)
        for e in ProgressEntry.objects.filter(round=open_round, activity__group=group_iv)
    }
    values[DROP] = (45, *values[DROP][1:])
    saved = desk.post(page + "?correct=1", progress_post(group_iv, open_round, values=values))
    assert saved.status_code == 302 and saved["Location"] == page
    change = ProgressChange.objects.get(
        report=submitted, field="percent", activity__order=DROP, new_value="45"
    )
    assert change.source == ProgressChange.Source.CORRECTION and change.changed_by == secretariat_user
    submitted.refresh_from_db()
    assert submitted.status == GroupReport.Status.SUBMITTED, "a correction is no submission"
    review = desk.get(page).content.decode()
    assert 'id="review"' in review and "the secretariat&#x27;s correction" in review  # in the history


@pytest.mark.parametrize("action", ["check", "submit"])
def test_the_secretariat_does_not_submit_to_itself(desk, open_round, group_iv, action):
    answer = desk.post(
        url(open_round, group_iv) + "?correct=1",
        progress_post(group_iv, open_round, action, values={1: (5, "", "")}),
    )
    assert answer.status_code == 403
    assert not GroupReport.objects.filter(round=open_round, group=group_iv, status="submitted").exists()


def test_a_draft_reads_first_for_the_secretariat_and_the_form_is_a_click_away(
    client, coordinator, desk, open_round, group_iv
):
    client.force_login(coordinator)
    client.post(url(open_round, group_iv), progress_post(group_iv, open_round, values={1: (5, "", "")}))
    html = desk.get(url(open_round, group_iv)).content.decode()
    assert not re.search(r'name="a\d+-percent"', html) and 'id="review"' not in html
    assert "?correct=1" in html and "Correct it myself" in html
    # The focal point keeps the form and its submit button; never the review.
    own = client.get(url(open_round, group_iv)).content.decode()
    assert re.search(r'name="a\d+-percent"', own) and "Submit to the secretariat" in own
    assert "Correct it myself" not in own


def test_the_focal_point_never_gets_the_review_page(submitted, client, open_round, group_iv):
    html = client.get(url(open_round, group_iv)).content.decode()
    assert 'id="review"' not in html and 'value="accept"' not in html
    assert client.post(url(open_round, group_iv), {"action": "accept"}).status_code == 403
    anyone = Client()
    assert anyone.get(url(open_round, group_iv)).status_code == 302


def test_the_help_page_tells_both_sides_about_the_review_and_the_conversation(client):
    for lang, words in (
        ("en", ("opens on its review page", "Correct it myself", "conversation with the secretariat")),
        ("es", ("se abre en su página de revisión", "Corregirlo yo mismo", "conversación con la secretaría")),
    ):
        page = client.get(f"/{lang}/help/").content.decode()
        assert all(word in page for word in words), lang
