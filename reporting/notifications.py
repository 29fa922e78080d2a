"""E-mail about a group report: the secretariat is told when a group submits, the group's
focal points when the secretariat returns or accepts it (with the comment and a link), and
each side when the other writes in the report's conversation. A message is written in the
recipient's language where the portal knows it (the language they write their own messages
in), and in English and Spanish, one after the other, where it does not. Each is sent through
the portal's backend (core/mail.py), which queues it when the transaction that made the change
commits: one message per change, none for a change rolled back."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import Affiliation
from core.bilingual import LANGUAGES, shown
from core.roles import SECRETARIAT

from .models import GroupReport, ReportComment


def bilingual_email(
    template: str, context: dict, recipients: list[str], languages=LANGUAGES, anchor=""
) -> EmailMessage:
    """`reporting/email/<template>_subject.txt` and `_body.txt` rendered in each of `languages`,
    one after the other; `url` (the group report's page, at `anchor`) and `output` in each
    language's words."""
    parts, subjects = [], []
    group, reporting_round = context["group"], context["round"]
    for lang in languages:
        with translation.override(lang):
            local = {
                **context,
                "output": shown(group, "output").text or shown(group, "name").text,
                "url": settings.PORTAL_URL.rstrip("/")
                + reverse(
                    "workspace:progress",
                    args=[reporting_round.meeting.code, group.programme.period, group.numeral],
                )
                + anchor,
            }
            subjects.append(render_to_string(f"reporting/email/{template}_subject.txt", local).strip())
            parts.append(render_to_string(f"reporting/email/{template}_body.txt", local).strip())
    return EmailMessage(" / ".join(dict.fromkeys(subjects)), "\n\n----------\n\n".join(parts), to=recipients)


def _secretariat(exclude=None):
    users = get_user_model().objects.filter(groups__name=SECRETARIAT, is_active=True).exclude(email="")
    return users.exclude(pk=getattr(exclude, "pk", None)).distinct()


def _focal_points(group, exclude=None):
    return [
        a.user
        for a in Affiliation.objects.focal_points_of(group)
        if a.user_id != getattr(exclude, "pk", None)
    ]


def _addresses(users) -> list[str]:
    return sorted({user.email for user in users})


def group_report_status_notify(report: GroupReport, comment: ReportComment | None = None) -> None:
    """Tell whoever acts next that the group report moved to its present status, with the
    secretariat's comment if the move came with one (call inside the transaction that moved it)."""
    if report.status == GroupReport.Status.SUBMITTED:
        recipients = _addresses(_secretariat())
    elif report.status in (GroupReport.Status.RETURNED, GroupReport.Status.ACCEPTED):
        recipients = _addresses(_focal_points(report.group))
    else:
        return
    if recipients:
        bilingual_email(
            "review",
            {
                "group_report": report,
                "group": report.group,
                "round": report.round,
                "status": report.status,
                "comment": comment,
            },
            recipients,
        ).send()


def language_of(users) -> dict:
    """Each user's language, as the portal knows it: the language of the last message they wrote
    about any group report ("" where they wrote none)."""
    known = {}
    for author_id, language in (
        ReportComment.objects.filter(author__in=[u.pk for u in users])
        .exclude(language="")
        .order_by("created_at", "pk")
        .values_list("author_id", "language")
    ):
        known[author_id] = language  # the latest wins
    return {user.pk: known.get(user.pk, "") for user in users}


def report_comment_notify(comment: ReportComment) -> None:
    """E-mail a message of the conversation to the other side (the group's focal points for the
    secretariat's, the secretariat for the group's), one e-mail per language of its readers."""
    report = comment.report
    if comment.side == ReportComment.Side.SECRETARIAT:
        readers = _focal_points(report.group, exclude=comment.author)
    else:
        readers = list(_secretariat(exclude=comment.author))
    languages = language_of(readers)
    for language in sorted(set(languages.values())):
        recipients = _addresses(user for user in readers if languages[user.pk] == language)
        bilingual_email(
            "comment",
            {"group_report": report, "group": report.group, "round": report.round, "comment": comment},
            recipients,
            languages=[language] if language else LANGUAGES,
            anchor="#thread",
        ).send()
