from django.core.management.base import BaseCommand

from core.bilingual import translation_gaps


class Command(BaseCommand):
    help = (
        "List every record and field whose text is missing in a language. "
        "Exits 1 when any is missing, 0 otherwise."
    )

    def handle(self, *args, **options):
        gaps = list(translation_gaps())
        for gap in gaps:
            self.stdout.write(
                f"{gap.model} #{gap.pk} ({gap.label}): {gap.field} missing in {', '.join(gap.missing)}"
            )
        if gaps:
            self.stderr.write(self.style.ERROR(f"{len(gaps)} texts missing a language."))
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS("Every text exists in English and Spanish."))
