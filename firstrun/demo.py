"""A demonstration round for a first run (DEBUG only, `manage.py create_demo_users`): the next
round of the current programme, open now with a deadline in a month, publishing a group's
figures when the secretariat accepts them, and a draft document in the register that compiles
it, so that a new user can try the whole flow at once."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.wording import MAX_ORDINAL
from groups.models import Meeting, Programme
from reporting.models import ReportingRound
from reporting.services import round_open
from reports.models import Document

DEADLINE_IN_DAYS = 30


class NoDemoRound(Exception):
    """Why no demo round can be opened (said by the command, which still creates the accounts)."""


def demo_meeting_number() -> int:
    """The number of the demo's Executive Committee meeting: the first free one after the
    latest meeting held (CE.21 after CE.20). Not max(number) + 1: a database may hold a meeting
    numbered out of turn (the benchmarks' earlier round takes the highest free number, 59), and
    a meeting's name writes its number out, which the Conference's wording does up to 59."""
    committee = Meeting.objects.filter(body=Meeting.Body.EXECUTIVE_COMMITTEE)
    latest = committee.order_by("-start_date", "-number").values_list("number", flat=True).first() or 0
    taken = set(committee.values_list("number", flat=True))
    free = [n for n in range(latest + 1, MAX_ORDINAL + 1) if n not in taken]
    if not free:
        raise NoDemoRound(
            f"every Executive Committee meeting number after CE.{latest} up to {MAX_ORDINAL} is taken"
        )
    return free[0]


def _demo_meeting(deadline) -> Meeting:
    meeting = Meeting(
        body=Meeting.Body.EXECUTIVE_COMMITTEE,
        number=demo_meeting_number(),
        is_virtual=True,
        start_date=deadline + datetime.timedelta(days=21),
        end_date=deadline + datetime.timedelta(days=22),
    )
    meeting.full_clean(exclude=["code"])  # the code follows from the body and number on save
    meeting.save()
    return meeting


@transaction.atomic
def demo_round_open(*, user) -> ReportingRound | None:
    """Open the demonstration round, unless a round of the current programme is already open
    (None); NoDemoRound when it cannot be numbered."""
    programme = Programme.objects.current()
    if programme is None or ReportingRound.objects.open().filter(programme=programme).exists():
        return None
    number = (programme.rounds.aggregate(n=Max("number"))["n"] or 0) + 1
    if number > MAX_ORDINAL:
        raise NoDemoRound(f"the programme {programme.period} already has {MAX_ORDINAL} rounds")
    today = timezone.localdate()
    deadline = today + datetime.timedelta(days=DEADLINE_IN_DAYS)
    meeting = _demo_meeting(deadline)
    reporting_round = ReportingRound.objects.create(
        programme=programme,
        meeting=meeting,
        opens_on=today,
        deadline=deadline,
        number=number,
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
