from django.core.management.base import BaseCommand

from spreadsheets.folders import FORMATS, export_folder


class Command(BaseCommand):
    help = (
        "Write every model of the programme to one spreadsheet each (the admin's export), in a "
        "folder; --format yaml writes the fixtures' form (fixtures/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--format", choices=list(FORMATS), default="xlsx")

    def handle(self, *args, **options):
        for path, rows in export_folder(options["folder"], options["format"]):
            self.stdout.write(f"{path}: {rows} rows")
