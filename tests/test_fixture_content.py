"""The fixtures carry the real 2020-2021 programme and its second report (LC/CE.20/3)."""

import pytest
from django.core.management import call_command
from django.db import transaction

from activities.models import Activity
from firstrun.loading import FIXTURES_DIR, FixtureError, load_programme
from groups.models import Country, GroupRole, Institution, Meeting, Programme, WorkingGroup
from reporting.models import GroupReport, ProgressChange, ProgressEntry, ReportingRound
from reports.models import Document

from .support.published import PLAN_SIZES, SECOND_REPORT

pytestmark = pytest.mark.django_db


def test_meetings_and_programme():
    conference = Meeting.objects.get(code="CEA.10")
    assert (conference.place_en, str(conference.start_date), str(conference.end_date)) == (
        "Santiago",
        "2019-11-19",
        "2019-11-21",
    )
    committee = Meeting.objects.get(code="CE.20")
    assert committee.is_virtual and str(committee.start_date) == "2021-04-07"
    programme = Programme.objects.get(start_year=2020)
    assert programme.approved_at == conference
    assert programme.groups.count() == 11


def test_every_member_and_associate_member():
    assert Country.objects.filter(membership="member").count() == 44
    assert Country.objects.filter(membership="associate").count() == 9
    venezuela = Country.objects.get(iso3="VEN")
    assert venezuela.name_en == "Venezuela (Bolivarian Republic of)"
    assert venezuela.name_es == "Venezuela (República Bolivariana de)"


def test_groups_in_programme_order_with_coordinators():
    groups = list(WorkingGroup.objects.filter(programme__start_year=2020).with_roles())
    assert [g.numeral for g in groups] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]
    assert groups[0].output_en.startswith("Guide to the implementation of a quality assurance")
    first = groups[0].coordinating_roles
    assert [(r.country.iso3, r.institution.code) for r in first] == [
        ("COL", "DANE@COL"),
        ("MEX", "INEGI@MEX"),
        ("ECU", "INEC@ECU"),
    ]
    for group in groups:
        assert group.coordinating_roles, group
        assert group.secretariat_roles, group
        assert group.objectives.filter(kind="general").exists(), group
        assert group.objectives.filter(kind="specific").exists(), group


def test_group_five_financing_table():
    group = WorkingGroup.objects.get(programme__start_year=2020, number=5)
    rows = list(group.financing_sources.order_by("order"))
    assert [int(r.amount_usd) for r in rows] == [10000, 15000, 15000, 25000]
    assert rows[0].institution == Institution.objects.get(code="DIGESTYC@SLV")
    assert all(r.form_es and r.purpose_es for r in rows)


@pytest.mark.parametrize("number", range(1, 12))
def test_second_report_percentages_in_order(number, second_round):
    entries = ProgressEntry.objects.filter(round=second_round, activity__group__number=number).order_by(
        "activity__order"
    )
    assert [e.percent for e in entries] == SECOND_REPORT[number]


def test_second_report_has_85_activities(second_round):
    assert ProgressEntry.objects.filter(round=second_round).count() == 85


@pytest.mark.parametrize("number", range(1, 12))
def test_plan_of_activities(number):
    activities = Activity.objects.filter(group__programme__start_year=2020, group__number=number)
    planned = activities.in_plan()
    assert planned.count() == PLAN_SIZES[number]
    assert list(planned.values_list("plan_no", flat=True)) == list(range(1, PLAN_SIZES[number] + 1))
    orders = list(activities.order_by("order").values_list("order", flat=True))
    assert orders == list(range(1, len(orders) + 1))


def test_plan_dates_months_and_phrases():
    first = Activity.objects.get(group__number=1, plan_no=1)
    assert (str(first.start_month), str(first.end_month)) == ("2020-01-01", "2020-04-01")
    seminar = Activity.objects.get(group__number=2, plan_no=2)
    assert seminar.start_month is None
    assert seminar.start_text_en == "To be decided in May 2020"
    assert seminar.start_text_es


def test_reported_activity_that_was_planned_carries_both(second_round):
    # Group I, report no. 2 is plan no. 5: one activity with the plan's dates and the progress.
    activity = Activity.objects.get(group__number=1, plan_no=5)
    assert str(activity.start_month) == "2020-05-01"
    assert activity.progress.get(round=second_round).percent == 100


def test_group_seven_topics_and_coordination():
    activities = Activity.objects.filter(group__number=7, progress__isnull=False).order_by("order")
    assert all(a.coordination_en and a.coordination_es for a in activities)


def test_every_text_in_both_languages(capsys):
    call_command("check_translations")
    assert "Every text exists in English and Spanish." in capsys.readouterr().out


def test_loading_twice_changes_nothing():
    counts = load_programme()
    assert counts and all(key.endswith(" skip") for key in counts), counts


def test_loading_again_never_undoes_an_edit_unless_told_to():
    activity = Activity.objects.get(group__number=4, order=1)
    published = activity.text_en
    activity.text_en = "Edited by the secretariat in the admin"
    activity.save()
    load_programme()
    activity.refresh_from_db()
    assert activity.text_en == "Edited by the secretariat in the admin"
    counts = load_programme(update=True)
    activity.refresh_from_db()
    assert activity.text_en == published
    assert counts["activities update"] == 1 and counts["activities skip"] == Activity.objects.count() - 1


def test_loads_into_an_empty_database():
    for model in (
        Document,
        ProgressChange,
        ProgressEntry,
        GroupReport,
        Activity,
        ReportingRound,
        GroupRole,
        WorkingGroup,
        Programme,
        Meeting,
    ):
        model.objects.all().delete()
    Institution.objects.update(parent=None)
    Institution.objects.all().delete()
    Country.objects.all().delete()
    counts = load_programme()
    assert counts["progress_entries new"] == 85
    assert counts["working_groups new"] == 11
    assert counts["documents new"] == 2
    assert WorkingGroup.objects.count() == 11
    # Through the clerk's import, recorded in the groups' history as coming from the fixtures.
    history = ProgressChange.objects.filter(field="percent")
    assert history.count() == 85
    assert {change.get_source_display() for change in history} == {"fixture files"}
    accepted = ProgressChange.objects.filter(field="status", new_value="accepted", source="fixtures")
    assert accepted.count() == GroupReport.objects.count() == 11


def _wrong_fixtures(folder):
    for path in FIXTURES_DIR.glob("*.yaml"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    entries = folder / "progress_entries.yaml"
    entries.write_text(entries.read_text(encoding="utf-8").replace("percent: 100", "percent: 130", 1))
    return folder


def test_a_wrong_fixture_file_loads_nothing_and_says_where(tmp_path):
    # Missing records are created from the files: empty the progress so that the load has work.
    ProgressChange.objects.all().delete()
    ProgressEntry.objects.all().delete()
    with pytest.raises(FixtureError) as refused:
        load_programme(_wrong_fixtures(tmp_path))
    assert "progress_entries.yaml: Row 2, column “percent”" in str(refused.value)
    assert ProgressEntry.objects.count() == 0 and ProgressChange.objects.count() == 0


class _Undo(Exception):
    pass


def test_a_refused_import_leaves_the_id_sequences_as_they_were(tmp_path, second_round):
    """On PostgreSQL a sequence's reset is not rolled back: an import that reset it on an
    emptied table, then was refused, would make the next saved entry collide with one that the
    rollback brought back."""
    with pytest.raises(_Undo), transaction.atomic():
        ProgressChange.objects.all().delete()
        ProgressEntry.objects.all().delete()
        with pytest.raises(FixtureError):
            load_programme(_wrong_fixtures(tmp_path))
        raise _Undo
    assert ProgressEntry.objects.count() == 85
    unreported = Activity.objects.filter(group__programme=second_round.programme).exclude(
        progress__round=second_round
    )
    ProgressEntry.objects.create(round=second_round, activity=unreported.first(), percent=10)
