"""Writes of the reporting workflow that touch several records. Every function asks
reporting.policy first and writes inside one transaction; nothing writes progress around them."""

from .admin_saves import admin_version_check, group_report_admin_save, progress_admin_save
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
