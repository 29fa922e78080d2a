"""E-mail to the focal points of each group: when a round opens, and a set number of days
(settings.PROGRESS_REMINDER_DAYS) before its deadline while their report is not submitted.
Each kind goes once per group and round (RoundReminder); `manage.py send_reminders` runs daily."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Affiliation

from .models import GroupReport, ReportingRound, RoundReminder
from .notifications import bilingual_email

DONE = (GroupReport.Status.SUBMITTED, GroupReport.Status.ACCEPTED)


def _message(kind, reporting_round, group, recipients) -> EmailMessage:
    """One message in both languages: a focal point may read either."""
    return bilingual_email("reminder", {"kind": kind, "round": reporting_round, "group": group}, recipients)


def _due(reporting_round, report, today) -> list[str]:
    kinds = [RoundReminder.Kind.OPENED]
    warn_from = reporting_round.deadline - datetime.timedelta(days=settings.PROGRESS_REMINDER_DAYS)
    status = report.status if report else GroupReport.Status.NOT_STARTED
    if warn_from <= today <= reporting_round.deadline and status not in DONE:
        kinds.append(RoundReminder.Kind.DEADLINE)
    return kinds


def reminders_send(*, today: datetime.date) -> list[RoundReminder]:
    """Send every reminder due today that has not been sent; return those sent."""
    sent = []
    for reporting_round in ReportingRound.objects.open().select_related("meeting", "programme"):
        reports = {r.group_id: r for r in reporting_round.group_reports.all()}
        done = set(reporting_round.reminders.values_list("group_id", "kind"))
        for group in reporting_round.programme.groups.select_related("programme"):
            for kind in _due(reporting_round, reports.get(group.pk), today):
                if (group.pk, kind) in done:
                    continue
                recipients = sorted({a.user.email for a in Affiliation.objects.focal_points_of(group)})
                if not recipients:
                    continue  # nobody to tell yet: tried again tomorrow
                try:
                    with transaction.atomic():
                        reminder = RoundReminder.objects.create(
                            round=reporting_round,
                            group=group,
                            kind=kind,
                            sent_at=timezone.now(),
                            recipients=", ".join(recipients),
                        )
                        # Recorded first, and queued when the record commits (core/mail.py):
                        # the unique record makes it once however many servers run this at
                        # the same time, and the queue retries a failed delivery.
                        _message(kind, reporting_round, group, recipients).send()
                except IntegrityError:
                    continue  # another run sent it meanwhile
                sent.append(reminder)
    return sent
