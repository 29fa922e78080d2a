"""A demonstration round for a first run (DEBUG only, `manage.py create_demo_users`): the next
round of the current programme, open now with a deadline in a month, publishing a group's
figures when the secretariat accepts them, and a draft document in the register that compiles
it, so that a new user can try the whole flow at once."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from groups.models import Meeting, Programme
from reporting.models import ReportingRound
from reporting.services import round_open
from reports.models import Document

DEADLINE_IN_DAYS = 30


@transaction.atomic
def demo_round_open(*, user) -> ReportingRound | None:
    """Open the demonstration round, unless a round of the current programme is already open."""
    programme = Programme.objects.current()
    if programme is None or ReportingRound.objects.open().filter(programme=programme).exists():
        return None
    today = timezone.localdate()
    number = (
        Meeting.objects.filter(body=Meeting.Body.EXECUTIVE_COMMITTEE).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    deadline = today + datetime.timedelta(days=DEADLINE_IN_DAYS)
    meeting = Meeting.objects.create(
        body=Meeting.Body.EXECUTIVE_COMMITTEE,
        number=number,
        is_virtual=True,
        start_date=deadline + datetime.timedelta(days=21),
        end_date=deadline + datetime.timedelta(days=22),
    )
    reporting_round = ReportingRound.objects.create(
        programme=programme,
        meeting=meeting,
        opens_on=today,
        deadline=deadline,
        number=(programme.rounds.aggregate(n=Max("number"))["n"] or 0) + 1,
        # What a new round does by default, said here too: the demo shows the review before
        # publication whatever the default becomes.
        publish_on=ReportingRound.Publication.ON_ACCEPTANCE,
    )
    Document.objects.create(
        symbol=f"LC/{meeting.code}/DEMO",
        kind=Document.Kind.PROGRESS_REPORT,
        meeting=meeting,
        round=reporting_round,
        date_en=today,
        date_es=today,
        title_en=f"Demonstration: report on the implementation of the biennial programme "
        f"{programme.period} (not an official document)",
        title_es=f"Demostración: informe sobre la ejecución del programa bienal "
        f"{programme.period} (no es un documento oficial)",
    )
    return round_open(reporting_round=reporting_round, user=user)
