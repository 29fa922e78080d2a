from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from groups.roles import secretariat_group

DEMO_PASSWORD = "demo"


class Command(BaseCommand):
    help = ("Create the demo secretariat account `secretariat` (password `demo`). "
            "Only with DEBUG on; an existing account is left as it is.")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are only created when DEBUG is on; refusing.")
        group = secretariat_group()
        user, created = get_user_model().objects.get_or_create(
            username="secretariat",
            defaults={"is_staff": True, "first_name": "Demo", "last_name": "Secretariat"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(group)
            self.stdout.write(self.style.SUCCESS("Created the demo account secretariat / demo."))
        else:
            self.stdout.write("The demo account secretariat already exists; left unchanged.")
