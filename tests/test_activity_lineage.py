"""A carried activity's history runs across both programmes (issue 30): drafted in 2022-2023
from an unfinished activity of 2020-2021's group IV, approved, then reported on in the new
programme's first round, it has its percentages in the old rounds and its new life in the new
one (reporting.drafting_reads.lineage), and the two group pages link to each other."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from reporting.drafting_reads import lineage
from reporting.models import GroupReport, ProgressEntry
from reporting.services import EntryValues, group_report_review, progress_save, round_open

from .support import factories, read_side

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

WORDS = {
    "en": {
        "continues": "Continues activity {number} of the programme 2020-2021",
        "carried": "Carried forward into the programme 2022-2023",
    },
    "es": {
        "continues": "Continúa la actividad {number} del programa 2020-2021",
        "carried": "Llevada adelante en el programa 2022-2023",
    },
}


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def _link(response, href) -> str:
    """The text of the link to `href` on the page (it must be there)."""
    found = re.search(rf'<a href="{re.escape(href)}">(.*?)</a>', response.content.decode(), re.S)
    assert found, href
    return html.unescape(re.sub(r"\s+", " ", found.group(1))).strip()


def _reported(draft, secretariat, coordinator, percent):
    """The new programme's first round opened, the carried activity reported at `percent` by the
    group's focal point, the report accepted (so readers see it)."""
    first_round = factories.reporting_round(draft.programme, number=1, status="planned")
    round_open(reporting_round=first_round, user=secretariat)
    progress_save(
        group=draft.group,
        reporting_round=first_round,
        user=coordinator,
        entries={draft.carried.pk: EntryValues(percent, "Carried on in the new programme")},
        notes={},
        seen_version=0,
        submit=True,
    )
    report = GroupReport.objects.get(round=first_round, group=draft.group)
    group_report_review(report=report, user=secretariat, accept=True)
    return first_round


def test_a_carried_activitys_history_runs_across_both_programmes(secretariat_user, coordinator):
    draft = read_side.approved(read_side.drafted())
    assert draft.programme.status == "approved" and draft.carried.continues_id == draft.old.pk
    old_entries = sorted(
        ProgressEntry.objects.published().filter(activity=draft.old).values_list("round_id", "percent")
    )
    assert old_entries, "the old activity has percentages in the 2020-2021 rounds"
    first_round = _reported(draft, secretariat_user, coordinator, 40)

    for asked in (draft.carried, draft.old):  # the same piece of work, from either end
        old_life, new_life = lineage(asked)
        assert (old_life.activity.pk, new_life.activity.pk) == (draft.old.pk, draft.carried.pk)
        assert old_life.activity.group.programme.period == "2020-2021"
        assert new_life.activity.group.programme.period == "2022-2023"
        assert sorted((e.round_id, e.percent) for e in old_life.entries) == old_entries
        assert [(e.round_id, e.percent) for e in new_life.entries] == [(first_round.pk, 40)]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_group_pages_link_a_carried_activity_both_ways(client, secretariat_user, coordinator, lang):
    draft = read_side.approved(read_side.drafted())
    _reported(draft, secretariat_user, coordinator, 40)
    words = WORDS[lang]
    with translation.override(lang):
        old_page = reverse("pages:group", args=["2020-2021", "IV"])
        new_page = reverse("pages:group", args=["2022-2023", "IV"])

    new = client.get(new_page)
    assert new.status_code == 200
    assert _link(new, f"{old_page}#activity-{draft.old.order}") == words["continues"].format(
        number=draft.old.order
    )
    assert f'id="activity-{draft.carried.order}"' in new.content.decode()
    assert "40%" in _text(new)

    old = client.get(old_page)
    assert old.status_code == 200
    assert _link(old, f"{new_page}#activity-{draft.carried.order}") == words["carried"]
    # Only the activity carried forward says so: the others stayed behind.
    assert _text(old).count(words["carried"]) == 1
