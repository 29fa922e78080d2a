"""Moving a round and a group's report along: the secretariat's review, opening and closing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import policy
from ..models import GroupReport, ProgressChange, ReportComment, ReportingRound
from ..notifications import group_report_status_notify
from .comments import comment_of
from .history import record


def group_report_review(
    *, report: GroupReport, user, accept: bool, comment: str = "", language: str = ""
) -> GroupReport:
    """The secretariat accepts a submitted group report, or returns it to the group with a
    comment. The comment joins the report's conversation (and, on a return, stays the report's
    review_comment, which says why it is back with the group); accepting keeps the thread and
    the last reason for a return as they are."""
    if not policy.can_review(user):
        raise PermissionDenied
    comment = comment.strip()
    now = timezone.now()
    with transaction.atomic():
        report = GroupReport.objects.select_for_update().get(pk=report.pk)
        if report.status != GroupReport.Status.SUBMITTED:
            raise ValidationError(_("Only a submitted group report can be accepted or returned."))
        if not accept and not comment:
            raise ValidationError({"comment": _("Say why the group report is returned.")})
        status = GroupReport.Status.ACCEPTED if accept else GroupReport.Status.RETURNED
        rows = [(None, "status", report.status, status)]
        if not accept and comment != report.review_comment:
            rows.append((None, "review_comment", report.review_comment, comment))
            report.review_comment = comment
        message = None
        if comment:
            decision = ReportComment.Decision.ACCEPTED if accept else ReportComment.Decision.RETURNED
            message = comment_of(report, user, comment, decision=decision, language=language, now=now)
        report.status = status
        record(report, rows, user=user, source=ProgressChange.Source.FORM, now=now)
        report.full_clean()
        report.save()
        if message:
            message.save()
        group_report_status_notify(report, message)  # the group's focal points: queued on commit
    return report


def _locked_round(reporting_round) -> ReportingRound:
    return ReportingRound.objects.select_for_update().get(pk=reporting_round.pk)


def round_open(*, reporting_round: ReportingRound, user) -> ReportingRound:
    """Open a round for the focal points; they are told at once (reporting/reminders.py)."""
    from ..reminders import reminders_send

    if not policy.can_open_or_close_rounds(user):
        raise PermissionDenied
    with transaction.atomic():
        locked_round = _locked_round(reporting_round)
        if locked_round.status == ReportingRound.Status.OPEN:
            raise ValidationError(_("The round is already open."))
        if locked_round.programme.is_draft:
            raise ValidationError(_("A round reports on an approved programme; this one is still a draft."))
        reporting_round.status = ReportingRound.Status.OPEN
        reporting_round.opened_at = timezone.now()
        reporting_round.closed_at = None
        reporting_round.validate_constraints()
        reporting_round.save()
    reminders_send(today=timezone.localdate())
    return reporting_round


def round_close(*, reporting_round: ReportingRound, user) -> ReportingRound:
    """Close a round: focal points can no longer change it; the secretariat still can, in the
    admin. Taken under the round's lock, which every save of progress takes first."""
    if not policy.can_open_or_close_rounds(user):
        raise PermissionDenied
    with transaction.atomic():
        if _locked_round(reporting_round).status != ReportingRound.Status.OPEN:
            raise ValidationError(_("Only an open round can be closed."))
        reporting_round.status = ReportingRound.Status.CLOSED
        reporting_round.closed_at = timezone.now()
        reporting_round.save(update_fields=["status", "closed_at"])
    return reporting_round


def round_record_past(*, reporting_round: ReportingRound, user) -> ReportingRound:
    """Enter a round that took place before the portal: a planned round whose deadline (or, with
    none, whose meeting) has passed becomes closed at once, never open, so nobody is e-mailed
    about it. Its narrative and figures are then entered by the secretariat as corrections with a
    reason (the report page, the admin) or a spreadsheet, recorded in the history."""
    if not policy.can_open_or_close_rounds(user):
        raise PermissionDenied
    with transaction.atomic():
        if _locked_round(reporting_round).status != ReportingRound.Status.PLANNED:
            raise ValidationError(_("Only a round not yet opened can be recorded as a past one."))
        # Without a deadline (its document gives none), the meeting it reported to says when.
        if reporting_round.deadline is not None and reporting_round.deadline >= timezone.localdate():
            raise ValidationError(_("Its deadline has not passed: open it instead."))
        if reporting_round.deadline is None and reporting_round.meeting.start_date > timezone.localdate():
            raise ValidationError(_("Its meeting has not taken place: open the round instead."))
        reporting_round.status = ReportingRound.Status.CLOSED
        reporting_round.closed_at = timezone.now()
        reporting_round.save(update_fields=["status", "closed_at"])
    return reporting_round
