from django.core.management.base import BaseCommand

from core.outbox import FLUSH_BATCH, outbox_flush


class Command(BaseCommand):
    help = (
        "Deliver the e-mails waiting in the outbox (the broker or the mail server was down) and "
        "prune those sent more than EMAIL_OUTBOX_KEEP_DAYS ago. For cron, every minute, where "
        "no Celery beat runs; safe on every machine at once (each e-mail goes once)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=FLUSH_BATCH, help="at most this many e-mails")

    def handle(self, *args, limit, **options):
        sent, pruned = outbox_flush(limit)
        if options["verbosity"]:
            self.stdout.write(f"{sent} e-mails sent, {pruned} old ones pruned.")
