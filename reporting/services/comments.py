"""Writing in the conversation about a group report: a message from the secretariat or from
the group, asked of reporting.policy first, kept for good and e-mailed to the other side."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.roles import person
from core.text import clean_text

from .. import policy
from ..models import ReportComment, ReportingRound
from ..notifications import report_comment_notify
from .history import locked


def comment_of(report, user, body, *, decision="", language="", now=None) -> ReportComment:
    """An unsaved message of `user` about `report`, checked (the review writes its own this way)."""
    side = (
        ReportComment.Side.SECRETARIAT
        if policy.relation(user, report.group) is policy.Relation.SECRETARIAT
        else ReportComment.Side.GROUP
    )
    comment = ReportComment(
        report=report,
        author=person(user),
        side=side,
        decision=decision,
        body=clean_text(body).strip(),
        language=language,
        created_at=now or timezone.now(),
    )
    if not comment.body:
        raise ValidationError({"body": _("Write the message first.")})
    comment.full_clean()
    return comment


def report_comment_add(*, group, reporting_round: ReportingRound, user, body: str, language: str = ""):
    """Add `user`'s message to the conversation about the group's report in the round (the report
    is made, not started, if the group has none yet), and e-mail it to the other side when this
    commits. PermissionDenied for whoever may not write there; ValidationError for an empty or
    too long message."""
    with transaction.atomic():
        reporting_round, report, _created = locked(reporting_round, group)
        if not policy.can_comment(user, group, reporting_round):
            raise PermissionDenied
        comment = comment_of(report, user, body, language=language)
        comment.save()
        report_comment_notify(comment)  # queued when this commits
    return comment
