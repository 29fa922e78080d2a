"""For the server's operator, when nobody who may reset a log-in code in the admin can log in
(the only superuser lost their phone and their recovery codes)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import second_factor


class Command(BaseCommand):
    help = (
        "Forget a user's log-in code devices (authenticator app and recovery codes): their next "
        "log-in sets up a new one. For when nobody who may do it in the admin can log in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user {username!r}.") from None
        count = second_factor.reset(user=user)
        self.stdout.write(f"Forgot {count} device(s) of {username}: their next log-in sets up a new one.")
