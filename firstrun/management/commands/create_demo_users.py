from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Affiliation
from core.roles import secretariat_group
from firstrun.demo import NoDemoRound, demo_round_open
from firstrun.drafting_demo import demo_drafting_open
from groups.models import Institution

DEMO_PASSWORD = "demo"
# username: (institution code, first name, last name)
FOCAL_POINTS = {
    "focal-mex": ("INEGI@MEX", "Demo", "INEGI (Mexico)"),
    "focal-col": ("DANE@COL", "Demo", "DANE (Colombia)"),
}


class Command(BaseCommand):
    help = (
        "Create the demo accounts (password `demo`): `secretariat`, and the focal points "
        "`focal-mex` (INEGI, Mexico) and `focal-col` (DANE, Colombia); open a demo "
        "reporting round, and the drafting of the next programme with group IV's proposal "
        "begun. Only with DEBUG on; existing accounts are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-drafting",
            action="store_true",
            help="Leave out the demo drafting of the next programme (to open one yourself).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are only created when DEBUG is on; refusing.")
        secretariat = self._user("secretariat", is_staff=True, first_name="Demo", last_name="Secretariat")
        secretariat.groups.add(secretariat_group())
        for username, (code, first, last) in FOCAL_POINTS.items():
            try:
                institution = Institution.objects.get(code=code)
            except Institution.DoesNotExist:
                raise CommandError(f"Institution {code} is missing: run load_programme first.") from None
            user = self._user(username, first_name=first, last_name=last)
            Affiliation.objects.get_or_create(user=user, defaults={"institution": institution})
        self._round(secretariat)
        if not options["no_drafting"]:
            self._drafting(secretariat)

    def _round(self, secretariat):
        try:
            reporting_round = demo_round_open(user=secretariat)
        except NoDemoRound as reason:
            # The accounts are made: the flow can still be tried on a round the secretariat opens.
            self.stdout.write(self.style.WARNING(f"No demo round opened: {reason}."))
            return
        if reporting_round:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Opened the demo round {reporting_round.meeting.code} "
                    f"(deadline {reporting_round.deadline:%Y-%m-%d})."
                )
            )
        else:
            self.stdout.write("A round is already open; no demo round created.")

    def _drafting(self, secretariat):
        drafting = demo_drafting_open(user=secretariat)
        if drafting:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Opened and published the demo drafting of {drafting.programme.period} "
                    f"(deadline {drafting.deadline:%Y-%m-%d}); group IV's proposal is begun."
                )
            )
        else:
            self.stdout.write("A drafting was opened already; no demo drafting created.")

    def _user(self, username, **defaults):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={**defaults, "email": f"{username}@example.org"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            self.stdout.write(self.style.SUCCESS(f"Created the demo account {username} / {DEMO_PASSWORD}."))
        else:
            self.stdout.write(f"The demo account {username} already exists; left unchanged.")
        return user
