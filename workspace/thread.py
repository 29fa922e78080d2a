"""The conversation about a group report as its pages show it: the messages, and the box to
write one for whoever may (reporting.policy)."""

from reporting import policy
from reporting.comment_form import CommentForm
from reporting.models import ReportComment


def thread_context(user, reporting_round, group, report, comment_form=None) -> dict:
    """What templates/workspace/includes/thread.html needs; nothing for a user who may not read it."""
    if not policy.can_read_comments(user, group):
        return {"can_read_comments": False}
    return {
        "can_read_comments": True,
        "thread": list(ReportComment.objects.filter(report=report).thread()) if report else [],
        "can_comment": policy.can_comment(user, group, reporting_round),
        "comment_form": comment_form or CommentForm(),
    }
