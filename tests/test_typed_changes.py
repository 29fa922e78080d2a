"""Issue 26: a change is what someone typed. The progress form and the workbook start from the
previous round's percentages; a prefilled value nobody touched is not counted in the draft's
message, the workbook's preview or the history, and the API counts alike. When a save is
refused because the group report was saved meanwhile, the panel lists only the values this
person typed that differ from what was saved, and says who saved it and when ("you, in another
window" for the same person)."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.times import zoned
from reporting.models import GroupReport, ProgressChange, ProgressEntry
from reporting.services import EntryValues, progress_save
from spreadsheets.services import workbook_import, workbook_preview

from .support import factories
from .support.api_clients import ApiClient, group_report_url, token_for
from .support.workbooks import filled, upload

pytestmark = pytest.mark.django_db

SAVED = {
    "en": "Your changes were saved as a draft ({n} values changed).",
    "es": "Sus cambios se guardaron como borrador (se modificaron {n} valores).",
}


def page_url(reporting_round, group, lang="en"):
    return f"/{lang}/rounds/{reporting_round.meeting.code}/{group.programme.period}/{group.numeral}/"


def form_fields(html: str) -> dict:
    """What a browser sends from the page's progress form when nothing is touched."""
    start = html.index('class="progress-form"')
    part = html[start : html.index("</form>", start)]
    fields = {}
    for tag in re.findall(r"<input[^>]*>", part):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name:
            fields[name.group(1)] = unescape(value.group(1)) if value else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', part, re.S):
        fields[name] = unescape(text.removeprefix("\n"))  # a browser drops the first line break
    return {**fields, "action": "draft"}


def fieldset(html, order):
    match = re.search(rf'<fieldset class="activity" id="activity-{order}">(.*?)</fieldset>', html, re.S)
    assert match, f"no fieldset for activity {order}"
    return match.group(1)


def panel(html) -> str:
    start = html.index('id="conflict"')
    return unescape(html[start : html.index("</div>", start)])


@pytest.fixture
def previous(group_iv, second_round) -> dict[int, int]:
    """The previous round's percentage of each of group IV's activities, by position: what the
    form and the workbook start from."""
    found = {
        e.activity.order: e.percent
        for e in ProgressEntry.objects.filter(round=second_round, activity__group=group_iv).select_related(
            "activity"
        )
    }
    assert len(found) > 6, "the test needs many prefilled activities"
    return found


def other(percent: int) -> int:
    return percent + 7 if percent <= 90 else percent - 7


def history(reporting_round, group) -> set[tuple]:
    return {
        (c.activity.order, c.field)
        for c in ProgressChange.objects.filter(report__round=reporting_round, report__group=group).exclude(
            field="status"
        )
    }


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_prefilled_form_saved_with_three_typed_values_counts_three(
    client, coordinator, open_round, group_iv, previous, lang
):
    activities = {a.order: a for a in group_iv.activities.all()}
    moved, remarked = sorted(previous)[:2]
    fresh = next((o for o in sorted(activities) if o not in previous), sorted(previous)[2])
    client.force_login(coordinator)
    fields = form_fields(client.get(page_url(open_round, group_iv, lang)).content.decode())
    assert fields[f"a{activities[moved].pk}-percent"] == str(previous[moved])  # prefilled
    fields[f"a{activities[moved].pk}-percent"] = str(other(previous[moved]))
    fields[f"a{activities[remarked].pk}-remarks_en"] = "Typed remark"
    fields[f"a{activities[fresh].pk}-percent"] = "15"
    response = client.post(page_url(open_round, group_iv, lang), fields, follow=True)
    assert SAVED[lang].format(n=3) in unescape(response.content.decode())
    assert history(open_round, group_iv) == {(moved, "percent"), (remarked, "remarks_en"), (fresh, "percent")}
    # The untouched prefilled percentages stay as they were shown: nothing written for them yet.
    written = {e.activity.order: e.percent for e in ProgressEntry.objects.filter(round=open_round)}
    assert written == {moved: other(previous[moved]), remarked: previous[remarked], fresh: 15}
    page = client.get(page_url(open_round, group_iv, lang)).content.decode()
    untouched = sorted(set(previous) - {moved, remarked, fresh})[0]
    assert f'value="{previous[untouched]}"' in fieldset(page, untouched)


NOTHING = {"en": "Nothing had changed; nothing was saved.", "es": "No había cambios; no se guardó nada."}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_saving_the_prefilled_form_untouched_changes_nothing(
    client, coordinator, open_round, group_iv, previous, lang
):
    client.force_login(coordinator)
    fields = form_fields(client.get(page_url(open_round, group_iv, lang)).content.decode())
    response = client.post(page_url(open_round, group_iv, lang), fields, follow=True)
    assert NOTHING[lang] in unescape(response.content.decode())
    assert not ProgressChange.objects.filter(report__round=open_round).exists()
    assert not ProgressEntry.objects.filter(round=open_round).exists()
    report = GroupReport.objects.filter(round=open_round, group=group_iv).first()
    assert report is None or report.status == GroupReport.Status.NOT_STARTED


def test_submitting_writes_the_carried_percentages_without_counting_them(
    client, coordinator, open_round, group_iv, previous
):
    activities = {a.order: a for a in group_iv.activities.all()}
    client.force_login(coordinator)
    fields = form_fields(client.get(page_url(open_round, group_iv)).content.decode())
    typed = {order: 40 for order in activities if order not in previous}
    typed[min(previous)] = other(previous[min(previous)])
    for order, percent in typed.items():
        fields[f"a{activities[order].pk}-percent"] = str(percent)
    response = client.post(page_url(open_round, group_iv), {**fields, "action": "submit"})
    assert response.status_code == 302
    written = {e.activity.order: e.percent for e in ProgressEntry.objects.filter(round=open_round)}
    assert written == {**previous, **typed}  # every activity has its figure for the round
    assert history(open_round, group_iv) == {(order, "percent") for order in typed}
    statuses = ProgressChange.objects.filter(report__round=open_round, field="status")
    assert [c.new_value for c in statuses] == ["submitted"]


@pytest.mark.parametrize(
    "lang, preview_says, saved_says",
    [
        (
            "en",
            "Working group 2020-2021/IV, round {round}: 5 activities would change.",
            "The workbook was imported as a draft (5 values changed).",
        ),
        (
            "es",
            "Grupo de trabajo 2020-2021/IV, ronda {round}: se modificarían 5 actividades.",
            "El libro de avance se importó como borrador (se modificaron 5 valores).",
        ),
    ],
)
def test_a_workbook_with_five_typed_values_previews_five(
    client, coordinator, open_round, group_iv, previous, lang, preview_says, saved_says
):
    """The workbook starts from the previous round's percentages too: the untouched rows are
    listed as unchanged, not as new."""
    orders = sorted(previous)[:4] + [max(previous)]
    content = filled(group_iv, open_round, {order: (other(previous[order]), "", "") for order in orders})
    client.force_login(coordinator)
    with translation.override(lang):
        address = reverse("spreadsheets:workbook_import", args=[open_round.meeting.code, "2020-2021", "IV"])
    response = client.post(address, {"workbook": upload(content)})
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.changed_count == 5 and len(preview.rows) == len(previous)
    assert {r.activity.order for r in preview.rows if r.status != "unchanged"} == set(orders)
    assert preview_says.format(round=open_round.meeting.code) in unescape(response.content.decode())
    done = client.post(address, {"token": response.context["token"]}, follow=True)
    assert saved_says in unescape(done.content.decode())
    assert history(open_round, group_iv) == {(order, "percent") for order in orders}


def test_the_api_writes_what_it_is_sent(coordinator, open_round, group_iv, previous):
    """The API shows no carried percentage: a percentage it sends equal to the previous round's
    is what the program means to report, written and recorded like any other."""
    kept, moved = sorted(previous)[:2]
    api = ApiClient(token_for(coordinator))
    entries = {str(kept): {"percent": previous[kept]}, str(moved): {"percent": other(previous[moved])}}
    response = api.patch(group_report_url(open_round, group_iv), {"version": 0, "entries": entries})
    assert response.status_code == 200 and response.json()["version"] == 1
    assert history(open_round, group_iv) == {(kept, "percent"), (moved, "percent")}
    stored = ProgressEntry.objects.get(round=open_round, activity__group=group_iv, activity__order=kept)
    assert stored.percent == previous[kept]


def _two_saves(first: Client, second: Client, open_round, group_iv, previous, lang):
    """Both open the form; `first` changes activities x and z and saves; `second` changes x
    (differently) and y's remarks, and saves: refused. Returns the refused page and x, y, z."""
    activities = {a.order: a for a in group_iv.activities.all()}
    x, y, z = sorted(previous)[:3]
    address = page_url(open_round, group_iv, lang)
    theirs = form_fields(first.get(address).content.decode())
    mine = form_fields(second.get(address).content.decode())
    theirs[f"a{activities[x].pk}-percent"], theirs[f"a{activities[z].pk}-percent"] = "70", "33"
    assert first.post(address, theirs).status_code == 302
    mine[f"a{activities[x].pk}-percent"] = "30"
    mine[f"a{activities[y].pk}-remarks_en"] = "Mine"
    response = second.post(address, mine)
    assert response.status_code == 409
    return response.content.decode(), (x, y, z)


@pytest.mark.parametrize(
    "lang, you, taken",
    [
        ("en", "Saved by you, in another window, {when}.", "1 value you had left as it was now shows"),
        ("es", "Guardado por usted, en otra ventana, {when}.", "1 valor que usted había dejado como estaba"),
    ],
)
def test_a_conflict_with_oneself_in_another_window_lists_only_the_real_change(
    coordinator, open_round, group_iv, previous, lang, you, taken
):
    first, second = Client(), Client()
    first.force_login(coordinator)
    second.force_login(coordinator)
    html, (x, y, z) = _two_saves(first, second, open_round, group_iv, previous, lang)
    shown = panel(html)
    when = ProgressChange.objects.filter(report__round=open_round).latest("changed_at").changed_at
    with translation.override(lang):
        assert you.format(when=zoned(when)) in shown
        activity = "Activity" if lang == "en" else "Actividad"
    rows = re.findall(r"<tr>(.*?)</tr>", shown.split("<tbody>")[1], re.S)
    assert len(rows) == 1  # z was not typed here and y was not saved there: x alone differs
    assert f"{activity} {x}" in rows[0] and ">30<" in rows[0] and ">70<" in rows[0]
    assert "Ana Ruiz" not in shown and taken in shown
    # What this person typed is kept; what they left as it was now shows the other save's value.
    assert 'value="30"' in fieldset(html, x) and "Mine" in fieldset(html, y)
    assert 'value="33"' in fieldset(html, z)
    # Saving again keeps both: this person's typed values and the other window's change of z.
    assert second.post(page_url(open_round, group_iv, lang), form_fields(html)).status_code == 302
    final = {
        e.activity.order: (e.percent, e.remarks_en) for e in ProgressEntry.objects.filter(round=open_round)
    }
    assert final == {x: (30, ""), y: (previous[y], "Mine"), z: (33, "")}


@pytest.mark.parametrize(
    "lang, saved_by", [("en", "Saved by Luis Paz, {when}."), ("es", "Guardado por Luis Paz, {when}.")]
)
def test_a_conflict_with_another_person_names_them_and_the_time(
    coordinator, open_round, group_iv, previous, lang, saved_by
):
    colleague = factories.person("focal-inegi-2", "INEGI@MEX", first_name="Luis", last_name="Paz")
    first, second = Client(), Client()
    first.force_login(colleague)
    second.force_login(coordinator)
    html, (x, _y, _z) = _two_saves(first, second, open_round, group_iv, previous, lang)
    shown = panel(html)
    when = ProgressChange.objects.filter(report__round=open_round).latest("changed_at").changed_at
    with translation.override(lang):
        assert saved_by.format(when=zoned(when)) in shown
        assert zoned(when) in shown.split("<tbody>")[1]
    assert "otra ventana" not in shown and "another window" not in shown
    rows = re.findall(r"<tr>(.*?)</tr>", shown.split("<tbody>")[1], re.S)
    assert len(rows) == 1 and "Luis Paz" in rows[0]


def test_a_workbook_downloaded_before_a_save_does_not_undo_it_where_left_as_it_was(
    coordinator, open_round, group_iv, previous
):
    """x is left as the workbook was prefilled; y is typed in the workbook and in the form
    meanwhile; z only in the workbook. Importing replaces y, on purpose, and keeps the form's x."""
    x, y, z = sorted(previous)[:3]
    pk = {a.order: a.pk for a in group_iv.activities.all()}
    in_form = {x: other(previous[x]), y: 3 if previous[y] != 3 else 4}
    in_book = {y: 97 if previous[y] != 97 else 96, z: other(previous[z])}
    content = filled(group_iv, open_round, {order: (p, "", "") for order, p in in_book.items()})  # version 0
    progress_save(
        group=group_iv,
        reporting_round=open_round,
        user=coordinator,
        entries={pk[order]: EntryValues(p) for order, p in in_form.items()},
        notes={},
        seen_version=0,
        submit=False,
    )
    preview = workbook_preview(content, user=coordinator, group=group_iv)
    statuses = {r.activity.order: r.status for r in preview.rows}
    assert (statuses[x], statuses[y], statuses[z]) == ("unchanged", "changed", "new")
    assert preview.changed_count == 2
    assert [(c.activity.order, c.field, c.new_value) for c in preview.saved_since_download] == [
        (y, "percent", str(in_form[y]))
    ]
    workbook_import(preview, user=coordinator)
    written = {e.activity.order: e.percent for e in ProgressEntry.objects.filter(round=open_round)}
    assert written == {x: in_form[x], y: in_book[y], z: in_book[z]}
