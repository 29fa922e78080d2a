from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from groups.models import WorkingGroup
from reporting.models import ReportingRound
from spreadsheets import progress_workbook


class Command(BaseCommand):
    help = "Write a group's progress workbook for a reporting round (the same file the portal offers)."

    def add_arguments(self, parser):
        parser.add_argument("--round", required=True, help="The round's meeting: CE.21.")
        parser.add_argument("--group", required=True, help="The working group: 2020-2021/IV.")
        parser.add_argument("--output", required=True, help="The .xlsx file to write.")

    def handle(self, *args, **options):
        reporting_round = (
            ReportingRound.objects.select_related("meeting").filter(meeting__code=options["round"]).first()
        )
        if reporting_round is None:
            raise CommandError(f"There is no reporting round {options['round']}.")
        period, _slash, numeral = options["group"].partition("/")
        try:
            group = WorkingGroup.objects.by_code(period, numeral)
        except WorkingGroup.DoesNotExist:
            raise CommandError(f"There is no working group {options['group']}.") from None
        if group.programme_id != reporting_round.programme_id:
            raise CommandError(f"Round {options['round']} is not a round of {group.code}'s programme.")
        Path(options["output"]).write_bytes(progress_workbook.build(group, reporting_round))
        self.stdout.write(
            f"Wrote {options['output']}: group {group.code}, round {reporting_round.meeting.code}."
        )
        if not reporting_round.is_open:
            self.stderr.write(
                f"Round {reporting_round.meeting.code} is not open: the workbook can be "
                "read, but imported only while the round is open."
            )
