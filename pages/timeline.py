"""The geometry of a group's timeline: a Gantt-style chart of its activities' months, drawn as
SVG on the server (templates/pages/includes/timeline.html) so that it reads without
JavaScript and prints. Coordinates are in the SVG's own units; the browser scales them."""

import datetime
from dataclasses import dataclass

from core.wording import month_label
from reporting.standing import Standing, month_index

LABEL_WIDTH = 48  # the activity's number, left of the chart
CHART_WIDTH = 900
RIGHT_MARGIN = 72  # the percentage, right of the bar
HEADER = 44  # years, then month initials
ROW = 26
BAR = 14


@dataclass
class Bar:
    number: int
    standing: Standing
    y: float
    x: float | None = None  # None: no months to draw
    width: float = 0
    done_width: float = 0  # the reported percentage, as a share of the bar
    expected_x: float | None = None


@dataclass
class Tick:
    x: float
    label: str
    major: bool


@dataclass
class Timeline:
    first_month: datetime.date
    last_month: datetime.date
    bars: list
    years: list
    months: list
    today: datetime.date
    today_x: float | None
    width: int = LABEL_WIDTH + CHART_WIDTH + RIGHT_MARGIN
    label_width: int = LABEL_WIDTH
    chart_right: int = LABEL_WIDTH + CHART_WIDTH
    header: int = HEADER
    bar_height: int = BAR

    @property
    def height(self) -> int:
        return HEADER + ROW * max(len(self.bars), 1) + 8

    @property
    def today_position(self) -> str:
        """ "before", "during" or "after" the period the chart shows."""
        if self.today < self.first_month:
            return "before"
        return "during" if self.today_x is not None else "after"

    @property
    def first_label(self) -> str:
        return month_label(self.first_month)

    @property
    def last_label(self) -> str:
        return month_label(self.last_month)


def _month(index: int) -> datetime.date:
    return datetime.date(index // 12, index % 12 + 1, 1)


def timeline(programme, rows: list[Standing], today: datetime.date) -> Timeline:
    """The chart of `rows` (a group's activities in order) over the programme's two years,
    widened to any activity scheduled outside them, with `today` marked when it falls inside."""
    first = programme.start_year * 12
    last = programme.end_year * 12 + 11
    for row in rows:
        if row.activity.start_month and row.activity.end_month:
            first = min(first, month_index(row.activity.start_month))
            last = max(last, month_index(row.activity.end_month))
    months = last - first + 1
    step = CHART_WIDTH / months

    def x_of(index, share=0.0):
        return LABEL_WIDTH + (index - first + share) * step

    bars = []
    for number, row in enumerate(rows, start=1):
        bar = Bar(number, row, HEADER + ROW * (number - 1) + (ROW - BAR) // 2)
        activity = row.activity
        if activity.start_month and activity.end_month:
            bar.x = x_of(month_index(activity.start_month))
            bar.width = x_of(month_index(activity.end_month) + 1) - bar.x
            bar.done_width = bar.width * (row.percent or 0) / 100
            if row.expected is not None:
                bar.expected_x = bar.x + bar.width * row.expected / 100
        bars.append(bar)

    years = [
        Tick(x_of(max(year * 12, first)), str(year), True) for year in range(first // 12, last // 12 + 1)
    ]
    initials = _month_initials()
    ticks = [Tick(x_of(i), initials[i % 12], i % 12 == 0) for i in range(first, last + 1)]
    today_x = None
    if first <= month_index(today) <= last:
        days = (_month(month_index(today) + 1) - _month(month_index(today))).days
        today_x = x_of(month_index(today), (today.day - 1) / days)
    return Timeline(_month(first), _month(last), bars, years, ticks, today, today_x)


def _month_initials():
    from django.utils.dates import MONTHS

    return [str(MONTHS[m])[:1].upper() for m in range(1, 13)]
