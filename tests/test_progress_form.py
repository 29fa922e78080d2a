"""A focal point reports the group's progress in the browser: the form, its errors (nothing
saved), drafts and submission, the history of changes, concurrent edits, the secretariat's
review, and a closed round."""

import re
from html import unescape

import pytest

from reporting.models import GroupReport, ProgressChange, ProgressEntry
from reporting.services import progress_admin_save

from .support.db_state import snapshot
from .support.progress_forms import progress_post
from .support.second_factor import log_in

pytestmark = pytest.mark.django_db


def url(reporting_round, group, lang="en"):
    return f"/{lang}/rounds/{reporting_round.meeting.code}/{group.programme.period}/{group.numeral}/"


def fieldset(html, order):
    """The part of the page about one activity."""
    match = re.search(rf'<fieldset class="activity" id="activity-{order}">(.*?)</fieldset>', html, re.S)
    assert match, f"no fieldset for activity {order}"
    return match.group(1)


def saved_state(reporting_round, group):
    return snapshot([ProgressEntry, GroupReport, ProgressChange])


def test_form_shows_every_activity_with_schedule_previous_percentage_and_inputs(
    client, coordinator, open_round, group_iv, second_round
):
    client.force_login(coordinator)
    html = client.get(url(open_round, group_iv, "es")).content.decode()
    activities = list(group_iv.activities.order_by("order"))
    previous = {e.activity_id: e.percent for e in ProgressEntry.objects.filter(round=second_round)}
    for activity in activities:
        part = fieldset(html, activity.order)
        assert activity.text_es.split(".")[0] in part
        assert f'name="a{activity.pk}-percent"' in part and 'type="range"' in part
        assert f'name="a{activity.pk}-remarks_en"' in part and f'name="a{activity.pk}-remarks_es"' in part
        shown = f"{previous[activity.pk]}%" if activity.pk in previous else "no informado"
        assert shown in part
    first = activities[0]
    assert "noviembre de 2019" in fieldset(html, first.order)  # its start month, in Spanish
    assert 'name="action" value="check"' in html and "Enviar a la secretaría" in html


def test_draft_saved_with_history_and_confirmation(client, coordinator, open_round, group_iv):
    client.force_login(coordinator)
    activity = group_iv.activities.get(order=3)
    data = progress_post(
        group_iv,
        open_round,
        values={3: (70, "Index agreed.", "Índice acordado.")},
        notes={"obstacles_en": "Few staff.", "obstacles_es": "Poco personal."},
    )
    response = client.post(url(open_round, group_iv), data, follow=True)
    assert response.status_code == 200
    assert "saved as a draft (5 values changed)" in response.content.decode()
    entry = ProgressEntry.objects.get(round=open_round, activity=activity)
    assert (entry.percent, entry.remarks_en, entry.remarks_es) == (70, "Index agreed.", "Índice acordado.")
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    assert report.status == "draft" and report.version == 1 and report.updated_by == coordinator
    history = {(c.field, c.old_value, c.new_value) for c in report.changes.all()}
    assert history == {
        ("percent", "", "70"),
        ("remarks_en", "", "Index agreed."),
        ("remarks_es", "", "Índice acordado."),
        ("obstacles_en", "", "Few staff."),
        ("obstacles_es", "", "Poco personal."),
        ("status", "not_started", "draft"),
    }
    assert all(c.changed_by == coordinator and c.source == "form" for c in report.changes.all())
    # The page shows the history: who, the old and the new value.
    html = response.content.decode()
    history_html = html[html.index('id="history"') :]
    assert "Ana Ruiz" in history_html and "Índice acordado." in history_html
    # A draft stays with the group: the public page does not show it.
    public = client.get("/en/groups/2020-2021/IV/").content.decode()
    assert "Index agreed." not in public


@pytest.mark.parametrize(
    "lang, bad, message",
    [
        ("en", "101", "less than or equal to 100"),
        ("en", "-5", "greater than or equal to 0"),
        ("en", "50.5", "Enter a whole number"),
        ("es", "half", "Introduzca un número entero"),
        ("es", "", "Indique el porcentaje al que corresponden estas observaciones"),
    ],
)
def test_bad_percentage_refused_next_to_its_field_nothing_saved(
    client, coordinator, open_round, group_iv, lang, bad, message
):
    client.force_login(coordinator)
    before = saved_state(open_round, group_iv)
    data = progress_post(
        group_iv, open_round, values={2: (bad, "Some remarks", ""), 3: (80, "Kept", "Guardado")}
    )
    response = client.post(url(open_round, group_iv, lang), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in fieldset(html, 2), fieldset(html, 2)
    assert message not in fieldset(html, 3)
    assert saved_state(open_round, group_iv) == before
    # What the user typed is still there.
    assert 'value="80"' in fieldset(html, 3) and "Kept" in fieldset(html, 3)


def test_submit_needs_every_percentage(client, coordinator, open_round, group_iv):
    client.force_login(coordinator)
    before = saved_state(open_round, group_iv)
    data = progress_post(group_iv, open_round, action="submit", values={1: (100, "", "")})
    response = client.post(url(open_round, group_iv), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "every activity before submitting" in fieldset(html, 2)
    assert "every activity before submitting" not in fieldset(html, 1)
    assert saved_state(open_round, group_iv) == before


def submit_all(client, open_round, group, percent=60):
    values = {
        a.order: (percent, f"Remark {a.order}", f"Observación {a.order}") for a in group.activities.all()
    }
    return client.post(url(open_round, group), progress_post(group, open_round, "submit", values=values))


def test_submitted_report_is_published_and_locked_for_the_focal_point(
    client, coordinator, open_round, group_iv
):
    client.force_login(coordinator)
    response = submit_all(client, open_round, group_iv)
    assert response.status_code == 302
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    assert report.status == "submitted" and report.submitted_at
    # Readers see it only once the secretariat accepts it (the round's default).
    public = client.get("/es/groups/2020-2021/IV/").content.decode()
    assert "Observación 3" not in public
    # And the focal point can read but no longer change it.
    page = client.get(url(open_round, group_iv)).content.decode()
    assert 'name="action" value="draft"' not in page
    assert "can read this group report but not change it" in page
    before = saved_state(open_round, group_iv)
    again = client.post(
        url(open_round, group_iv), progress_post(group_iv, open_round, values={1: (1, "", "")})
    )
    assert again.status_code == 403
    assert saved_state(open_round, group_iv) == before


def test_later_save_on_an_older_version_is_refused_showing_the_other_save(
    client, coordinator, secretariat_user, open_round, group_iv
):
    """Two people open the form; the first saves; the second's save is refused, with the
    first one's values shown and the second one's input kept."""
    client.force_login(coordinator)
    loaded = progress_post(group_iv, open_round, values={3: (40, "Mine", "Mío")})  # version 0
    from django.test import Client

    other = Client()
    log_in(other, secretariat_user)
    first = other.post(
        url(open_round, group_iv), progress_post(group_iv, open_round, values={3: (90, "Theirs", "Suyo")})
    )
    assert first.status_code == 302
    before = saved_state(open_round, group_iv)
    response = client.post(url(open_round, group_iv), loaded)
    assert response.status_code == 409
    html = response.content.decode()
    conflict = html[html.index('id="conflict"') : html.index("</table>", html.index('id="conflict"'))]
    assert "clerk" in conflict and "90" in conflict and "Theirs" in conflict
    assert 'value="40"' in fieldset(html, 3) and "Mine" in fieldset(html, 3)
    assert saved_state(open_round, group_iv) == before
    # Saving again, having seen the other values, replaces them on purpose.
    version = re.search(r'name="version" value="(\d+)"', html).group(1)
    again = client.post(url(open_round, group_iv), {**loaded, "version": version})
    assert again.status_code == 302
    assert (
        ProgressEntry.objects.get(round=open_round, activity__group=group_iv, activity__order=3).percent == 40
    )


def test_secretariat_returns_with_comment_then_accepts(
    client, coordinator, secretariat_user, open_round, group_iv
):
    from django.test import Client

    client.force_login(coordinator)
    submit_all(client, open_round, group_iv)
    clerk = Client()
    log_in(clerk, secretariat_user)
    before = saved_state(open_round, group_iv)
    no_comment = clerk.post(url(open_round, group_iv, "es"), {"action": "return", "comment": " "})
    assert no_comment.status_code == 400
    assert "Indique por qué se devuelve el informe del grupo." in no_comment.content.decode()
    assert saved_state(open_round, group_iv) == before
    clerk.post(url(open_round, group_iv), {"action": "return", "comment": "Please explain activity 2."})
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    assert report.status == "returned"
    # The focal point sees why and may change the report again.
    page = client.get(url(open_round, group_iv)).content.decode()
    assert "Please explain activity 2." in page and 'name="action" value="check"' in page
    submit_all(client, open_round, group_iv, percent=65)
    clerk.post(url(open_round, group_iv), {"action": "accept", "comment": ""})
    report.refresh_from_db()
    assert report.status == "accepted"
    assert [c.new_value for c in report.changes.filter(field="status").order_by("version")] == [
        "submitted",
        "returned",
        "submitted",
        "accepted",
    ]


def test_closed_round_refuses_focal_points_but_admin_changes_are_recorded(
    client, coordinator, secretariat_user, second_round, group_iv
):
    client.force_login(coordinator)
    before = saved_state(second_round, group_iv)
    response = client.post(
        url(second_round, group_iv), progress_post(group_iv, second_round, values={3: (5, "", "")})
    )
    assert response.status_code == 403
    assert saved_state(second_round, group_iv) == before
    page = client.get(url(second_round, group_iv)).content.decode()
    assert 'name="action"' not in page
    entry = ProgressEntry.objects.get(round=second_round, activity__group=group_iv, activity__order=3)
    old = entry.percent
    entry.percent = 55
    progress_admin_save(entry=entry, user=secretariat_user, seen_version=None, reason="Typo in the report")
    change = ProgressChange.objects.get(
        report__round=second_round, report__group=group_iv, source="correction"
    )
    assert (change.field, change.old_value, change.new_value, change.reason, change.changed_by) == (
        "percent",
        str(old),
        "55",
        "Typo in the report",
        secretariat_user,
    )
    assert "55" in client.get(url(second_round, group_iv)).content.decode().split('id="history"')[1]


def test_group_page_links_its_reports_for_those_who_may_read_them(client, coordinator, open_round, group_iv):
    link = f'href="{url(open_round, group_iv)}"'
    assert link not in client.get("/en/groups/2020-2021/IV/").content.decode()
    client.force_login(coordinator)
    assert link in client.get("/en/groups/2020-2021/IV/").content.decode()


def test_admin_shows_a_reports_history(coordinator, secretariat_client, open_round, group_iv):
    from django.test import Client

    focal = Client()
    focal.force_login(coordinator)
    focal.post(
        url(open_round, group_iv), progress_post(group_iv, open_round, values={3: (70, "Seen in admin", "")})
    )
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    html = secretariat_client.get(f"/en/admin/reporting/groupreport/{report.pk}/change/").content.decode()
    assert "Seen in admin" in html and "focal-inegi" in html
    listing = secretariat_client.get("/en/admin/reporting/progresschange/").content.decode()
    assert "Seen in admin" in listing


def test_round_overview_counts_every_activity_a_group_reported(
    client, coordinator, secretariat_user, open_round, group_iv
):
    """Issue 17: the overview showed "1 / 18" for a group that reported all 18."""
    client.force_login(coordinator)
    assert submit_all(client, open_round, group_iv).status_code == 302
    total = group_iv.activities.count()
    log_in(client, secretariat_user)
    html = client.get(f"/en/rounds/{open_round.meeting.code}/").content.decode()
    row = re.search(rf'<tr>\s*<td class="numeral">{group_iv.numeral}</td>(.*?)</tr>', html, re.S).group(1)
    assert re.search(r'<td class="num"[^>]*>(\d+) / (\d+)</td>', row).groups() == (str(total), str(total))
    assert total > 1


@pytest.mark.parametrize(
    "lang, heading, where",
    [
        ("en", "There are 2 problems in the form; nothing was saved.", "Activity 2, New percentage"),
        ("es", "Hay 2 problemas en el formulario; no se guardó nada.", "Actividad 2, Nuevo porcentaje"),
    ],
)
def test_the_problems_are_listed_at_the_top_with_links_to_their_fields(
    client, coordinator, open_round, group_iv, lang, heading, where
):
    """Issue 17: "There are 14 problems" and then a search through 18 activities."""
    client.force_login(coordinator)
    data = progress_post(group_iv, open_round, values={2: ("150", "", ""), 5: ("abc", "", "")})
    html = client.post(url(open_round, group_iv, lang), data).content.decode()
    summary = re.search(r'<div class="notice errors".*?</div>', html, re.S).group(0)
    assert heading in summary
    links = re.findall(r'<li><a href="#([^"]+)">([^<]+)</a>: ', summary)
    assert len(links) == 2 and links[0][1] == where and links[1][1].startswith(where.replace("2", "5"))
    for target, _label in links:
        assert f'id="{target}"' in html
    assert html.index("notice errors") < html.index('id="activities"')


def test_the_form_starts_from_the_previous_rounds_percentages(
    client, coordinator, open_round, group_iv, second_round
):
    """Issue 17: a focal point changes only what moved; an activity at 100% needs no typing."""
    previous = {
        e.activity.order: e.percent
        for e in ProgressEntry.objects.filter(round=second_round, activity__group=group_iv).select_related(
            "activity"
        )
    }
    assert len(previous) > 2
    ProgressEntry.objects.create(round=open_round, activity=group_iv.activities.get(order=1), percent=99)
    client.force_login(coordinator)
    html = client.get(url(open_round, group_iv, "es")).content.decode()
    first = fieldset(html, 1)
    assert 'value="99"' in first and "ronda anterior: cámbielo" not in first  # its own figure
    for order, percent in previous.items():
        if order == 1:
            continue
        part = fieldset(html, order)
        assert re.search(rf'name="a\d+-percent" value="{percent}"', part), order
        assert "Completado con el porcentaje de la ronda anterior" in part
    unreported = [a.order for a in group_iv.activities.all() if a.order not in previous and a.order != 1]
    for order in unreported:
        assert not re.search(r'name="a\d+-percent" value="', fieldset(html, order)), order


@pytest.mark.parametrize(
    "lang, big_drop, small_fall",
    [
        (
            "en",
            "A drop of {points} points, from {before}% to 5%: is it right?",
            "Below the previous round's {before}% (now {after}%): is it right?",
        ),
        (
            "es",
            "Una caída de {points} puntos, de {before}% a 5%: ¿es correcto?",
            "Por debajo del {before}% de la ronda anterior (ahora {after}%): ¿es correcto?",
        ),
    ],
)
def test_submitting_shows_what_changed_and_warns_of_falls_before_anything_is_written(
    client, coordinator, open_round, group_iv, second_round, lang, big_drop, small_fall
):
    """Issue 17: a look before submitting; a drop of more than 20 points, or any fall below the
    previous figure, is confirmed or corrected by the focal point."""
    previous = {
        e.activity.order: e.percent
        for e in ProgressEntry.objects.filter(round=second_round, activity__group=group_iv).select_related(
            "activity"
        )
    }
    high = [order for order, percent in previous.items() if percent > 30]
    low = [order for order, percent in previous.items() if percent > 0 and order not in high[:1]]
    drop, fall = high[0], low[0]
    values = {a.order: (previous.get(a.order, 50), "", "") for a in group_iv.activities.all()}
    values[drop] = (5, "", "")
    values[fall] = (previous[fall] - 1, "", "")
    client.force_login(coordinator)
    before = saved_state(open_round, group_iv)
    response = client.post(
        url(open_round, group_iv, lang), progress_post(group_iv, open_round, "check", values=values)
    )
    assert response.status_code == 200 and saved_state(open_round, group_iv) == before
    html = response.content.decode()
    summary = unescape(re.search(r'<section class="notice submit-summary".*?</section>', html, re.S).group(0))
    assert big_drop.format(points=previous[drop] - 5, before=previous[drop]) in summary
    assert small_fall.format(before=previous[fall], after=previous[fall] - 1) in summary
    assert 'name="action" value="submit"' in summary
    assert html.index("submit-summary") < html.index('id="activities"')
    # Confirming submits exactly what was checked.
    done = client.post(
        url(open_round, group_iv, lang), progress_post(group_iv, open_round, "submit", values=values)
    )
    assert done.status_code == 302
    assert (
        ProgressEntry.objects.get(round=open_round, activity__group=group_iv, activity__order=drop).percent
        == 5
    )


def test_checking_a_submission_with_a_missing_percentage_shows_the_error_and_writes_nothing(
    client, coordinator, open_round, group_iv
):
    client.force_login(coordinator)
    before = saved_state(open_round, group_iv)
    data = progress_post(group_iv, open_round, action="check", values={1: (100, "", "")})
    response = client.post(url(open_round, group_iv), data)
    assert response.status_code == 400 and "submit-summary" not in response.content.decode()
    assert "every activity before submitting" in fieldset(response.content.decode(), 2)
    assert saved_state(open_round, group_iv) == before
