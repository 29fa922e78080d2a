from django.core.management.base import BaseCommand
from django.db import transaction

from search.index import rebuild


class Command(BaseCommand):
    help = (
        "Build the search index anew from the records. Saves keep it in step; this is for data "
        "written around them (a restored table, bulk writes in a shell)."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            made = rebuild()
        self.stdout.write(f"The search index holds {made:,} texts.")
