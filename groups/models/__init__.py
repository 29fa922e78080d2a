"""Who is who in the Conference: countries, institutions, meetings, programmes and the
working groups with their roles and financing."""
from .conference import Country, Institution, Meeting
from .programme import FinancingSource, GroupRole, Programme, WorkingGroup, WorkingGroupQuerySet

__all__ = ["Country", "FinancingSource", "GroupRole", "Institution", "Meeting", "Programme",
           "WorkingGroup", "WorkingGroupQuerySet"]
