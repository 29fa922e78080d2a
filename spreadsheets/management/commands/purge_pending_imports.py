import datetime

from django.core.management.base import BaseCommand

from spreadsheets import pending


class Command(BaseCommand):
    help = (
        "Remove the uploaded files still waiting for an import's confirmation after a day (a "
        "preview left without confirming or cancelling); run it daily from cron. Each new "
        "preview removes them too."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=int(pending.MAX_AGE.total_seconds() // 3600), help="Older than this."
        )

    def handle(self, *args, **options):
        removed = pending.purge(datetime.timedelta(hours=options["hours"]))
        self.stdout.write(f"Removed {removed} file(s) waiting for an import's confirmation.")
