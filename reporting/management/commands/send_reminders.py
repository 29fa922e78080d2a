from django.core.management.base import BaseCommand
from django.utils import timezone

from reporting.drafting_mail import proposal_reminders_send
from reporting.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Send the e-mails due today to the focal points of open rounds and of an open drafting of "
        "the next programme: the opening, and the reminder before the deadline while a group has "
        "not submitted. Each is sent once; run it daily (cron)."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        sent = reminders_send(today=today)
        for reminder in sent:
            self.stdout.write(
                f"{reminder.round.meeting.code} {reminder.group.code}: "
                f"{reminder.kind} -> {reminder.recipients}"
            )
        proposals = proposal_reminders_send(today=today)
        for reminder in proposals:
            self.stdout.write(f"{reminder.proposal}: {reminder.kind} -> {reminder.recipients}")
        self.stdout.write(f"{len(sent) + len(proposals)} reminder(s) sent.")
