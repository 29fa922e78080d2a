"""The reporting workflow: the rounds in which groups report to a meeting of the Executive
Committee, the progress reported in each, each group's report with its history of changes,
and the reminders sent. The tables keep the names they had when these models lived in
activities/ (migrations moved them without touching the database)."""

from .comments import Message, ReportComment, ReportCommentQuerySet
from .drafting import Drafting, Proposal, ProposalComment, ProposalQuerySet, ProposalReminder
from .evidence import Evidence, EvidenceQuerySet
from .progress import GroupReport, ProgressChange, ProgressEntry, ProgressEntryQuerySet
from .rounds import ReportingRound, ReportingRoundQuerySet, RoundReminder, round_order, rounds_up_to

__all__ = [
    "Drafting",
    "Message",
    "Proposal",
    "ProposalComment",
    "ProposalQuerySet",
    "ProposalReminder",
    "Evidence",
    "EvidenceQuerySet",
    "GroupReport",
    "ProgressChange",
    "ProgressEntry",
    "ProgressEntryQuerySet",
    "ReportComment",
    "ReportCommentQuerySet",
    "ReportingRound",
    "ReportingRoundQuerySet",
    "RoundReminder",
    "round_order",
    "rounds_up_to",
]
