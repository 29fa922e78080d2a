"""A working group's plan: its objectives, topic headings, activities with their schedule,
and outputs. What is reported on them lives in reporting/."""

from .activities import Activity, ActivityQuerySet, Topic
from .objectives import ActionLine, Objective, ProgrammeArea
from .outputs import Output
from .plan import PlanRow

__all__ = [
    "ActionLine",
    "Activity",
    "ActivityQuerySet",
    "Objective",
    "Output",
    "PlanRow",
    "ProgrammeArea",
    "Topic",
]
