from django.core.management.base import BaseCommand, CommandError

from firstrun.loading import FIXTURES_DIR, FixtureError, load_programme


class Command(BaseCommand):
    help = (
        "Load the fixtures (countries, institutions, meetings, the 2020-2021 programme, its second "
        "report and the document register) through the spreadsheets' import. Creates what is "
        "missing; --update also overwrites existing records with the files' values."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=str(FIXTURES_DIR))
        parser.add_argument(
            "--update", action="store_true", help="Overwrite existing records with the values in the files."
        )

    def handle(self, *args, directory, update, **options):
        try:
            counts = load_programme(directory, update=update)
        except FixtureError as error:
            raise CommandError(f"Nothing was loaded:\n{error}") from error
        for key in sorted(counts):
            self.stdout.write(f"{key}: {counts[key]}")
        written = sum(v for k, v in counts.items() if k.endswith((" new", " update")))
        self.stdout.write(
            self.style.SUCCESS(f"{written} records created or updated." if written else "Nothing to change.")
        )
