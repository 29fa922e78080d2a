"""Writes of the reporting workflow that touch several records. Every function asks
reporting.policy first and writes inside one transaction; nothing writes progress around them."""

from .admin_saves import admin_version_check, group_report_admin_save, progress_admin_save
from .drafting import (
    drafting_approve,
    drafting_open,
    drafting_publish,
    proposal_new_group,
    unfinished_proposals,
)
from .evidence import evidence_add, evidence_remove
from .history import (
    ENTRY_FIELDS,
    NARRATIVE_FIELDS,
    NOTE_FIELDS,
    EntryValues,
    ProgressConflict,
    SaveResult,
    changes_since,
    reason_errors,
)
from .progress import group_reports_import, progress_import, progress_save
from .proposals import (
    ProposalConflict,
    proposal_carry,
    proposal_comment_add,
    proposal_editing,
    proposal_end,
    proposal_review,
    proposal_submit,
)
from .rounds import group_report_review, round_close, round_open, round_record_past

__all__ = [
    "ENTRY_FIELDS",
    "NARRATIVE_FIELDS",
    "NOTE_FIELDS",
    "admin_version_check",
    "EntryValues",
    "ProgressConflict",
    "SaveResult",
    "changes_since",
    "drafting_approve",
    "drafting_open",
    "drafting_publish",
    "ProposalConflict",
    "proposal_carry",
    "proposal_comment_add",
    "proposal_editing",
    "proposal_end",
    "proposal_new_group",
    "proposal_review",
    "proposal_submit",
    "unfinished_proposals",
    "evidence_add",
    "evidence_remove",
    "group_report_admin_save",
    "group_report_review",
    "group_reports_import",
    "progress_admin_save",
    "progress_import",
    "progress_save",
    "reason_errors",
    "round_close",
    "round_open",
    "round_record_past",
]
