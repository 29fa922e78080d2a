"""Who is who in the Conference: countries, institutions, meetings, programmes and the
working groups with their roles and financing, and what a network reports beyond them."""

from .conference import Country, Institution, Meeting
from .financing import FinancingSource
from .network import Event, Figure, Link
from .programme import Programme
from .roles import GroupRole
from .working_groups import WorkingGroup, WorkingGroupQuerySet

__all__ = [
    "Country",
    "Event",
    "Figure",
    "FinancingSource",
    "GroupRole",
    "Institution",
    "Link",
    "Meeting",
    "Programme",
    "WorkingGroup",
    "WorkingGroupQuerySet",
]
