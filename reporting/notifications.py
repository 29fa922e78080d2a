"""E-mail about a group report: the secretariat is told when a group submits, the group's
focal points when the secretariat returns or accepts it (with the comment and a link). Each
message is written in English and Spanish, for either may read it, and sent through the
portal's backend (core/mail.py), which queues it when the transaction that made the change
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

from .models import GroupReport


def bilingual_email(template: str, context: dict, recipients: list[str]) -> EmailMessage:
    """`reporting/email/<template>_subject.txt` and `_body.txt` rendered in each language, one
    after the other; `url` (the group report's page) and `output` in each language's words."""
    parts, subjects = [], []
    group, reporting_round = context["group"], context["round"]
    for lang in LANGUAGES:
        with translation.override(lang):
            local = {
                **context,
                "output": shown(group, "output").text or shown(group, "name").text,
                "url": settings.PORTAL_URL.rstrip("/")
                + reverse(
                    "workspace:progress",
                    args=[reporting_round.meeting.code, group.programme.period, group.numeral],
                ),
            }
            subjects.append(render_to_string(f"reporting/email/{template}_subject.txt", local).strip())
            parts.append(render_to_string(f"reporting/email/{template}_body.txt", local).strip())
    return EmailMessage(" / ".join(dict.fromkeys(subjects)), "\n\n----------\n\n".join(parts), to=recipients)


def _secretariat_addresses() -> list[str]:
    users = get_user_model().objects.filter(groups__name=SECRETARIAT, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _focal_point_addresses(group) -> list[str]:
    return sorted({a.user.email for a in Affiliation.objects.focal_points_of(group)})


def group_report_status_notify(report: GroupReport) -> None:
    """Tell whoever acts next that the group report moved to its present status (call inside the
    transaction that moved it)."""
    if report.status == GroupReport.Status.SUBMITTED:
        recipients = _secretariat_addresses()
    elif report.status in (GroupReport.Status.RETURNED, GroupReport.Status.ACCEPTED):
        recipients = _focal_point_addresses(report.group)
    else:
        return
    if recipients:
        bilingual_email(
            "review",
            {"group_report": report, "group": report.group, "round": report.round, "status": report.status},
            recipients,
        ).send()
