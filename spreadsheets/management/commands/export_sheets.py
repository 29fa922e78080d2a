from pathlib import Path

from django.core.management.base import BaseCommand

from spreadsheets.formats import CSV, XLSX
from spreadsheets.sheets import sheets


class Command(BaseCommand):
    help = "Write every model of the programme to one spreadsheet each (the admin's export), in a folder."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")

    def handle(self, *args, **options):
        folder = Path(options["folder"])
        folder.mkdir(parents=True, exist_ok=True)
        file_format = XLSX() if options["format"] == "xlsx" else CSV()
        for stem, resource in sheets():
            dataset = resource().export(force_native_type=options["format"] == "xlsx")
            data = file_format.export_data(dataset)
            path = folder / f"{stem}.{options['format']}"
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
            self.stdout.write(f"{path}: {len(dataset)} rows")
