"""A table of groups (the home page, a country's page) shows each group's figures from
reporting.group_figures, which reads a few columns for a page of groups: the same progress,
reported, behind and overdue counts as GroupStanding computes from each activity's standing,
on every day of the programme and after it, with drafts left out."""

import datetime

import pytest

from groups.models import Programme
from reporting import standing

from .support import factories

pytestmark = pytest.mark.django_db


def figures_of(rows):
    return [(len(r.activities), len(r.reported), r.progress, r.behind, r.overdue, r.flagged) for r in rows]


def counts_of(rows):
    return [(r.activities, r.reported, r.progress, r.behind, r.overdue, r.flagged) for r in rows]


def test_the_table_figures_are_the_group_standings_on_every_day():
    programme = Programme.objects.get(start_year=2020)
    third = factories.reporting_round(programme, number=3, status="open")
    groups = list(programme.groups.order_by("number"))
    # Drafts in the open round: readers do not see them, nor do the figures count them.
    for activity in groups[0].activities.all():
        factories.entry(third, activity, 100)
    days = [
        datetime.date(year, month, day)
        for year in (2019, 2020, 2021, 2022)
        for month in (1, 4, 6, 11)
        for day in (1, 17)
    ]
    for day in days:
        assert counts_of(standing.group_figures(groups, day)) == figures_of(
            standing.group_standings(groups, day)
        ), day


def test_a_group_with_no_activities_has_no_figures():
    empty = factories.group(factories.programme(), number=9)
    (row,) = standing.group_figures([empty])
    assert (row.group, row.activities, row.reported, row.progress, row.flagged) == (empty, 0, 0, None, 0)
