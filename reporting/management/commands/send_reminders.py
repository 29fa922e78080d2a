from django.core.management.base import BaseCommand
from django.utils import timezone

from reporting.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Send the e-mails due today to the focal points of open rounds: the round's opening, "
        "and the reminder before its deadline while a group has not submitted. Each is sent "
        "once; run it daily (cron)."
    )

    def handle(self, *args, **options):
        sent = reminders_send(today=timezone.localdate())
        for reminder in sent:
            self.stdout.write(
                f"{reminder.round.meeting.code} {reminder.group.code}: "
                f"{reminder.kind} -> {reminder.recipients}"
            )
        self.stdout.write(f"{len(sent)} reminder(s) sent.")
