"""The demonstration drafting for a first run (DEBUG only, `manage.py create_demo_users`): the
drafting of the programme after the one in force (2022-2023 after the fixtures' 2020-2021),
opened and published, with group IV's proposal begun: a few unfinished activities carried
forward and given months in the new years, and one new activity. A newcomer signed in as the
group's focal point (focal-mex) goes on with it, and the secretariat reviews it.

Everything goes through the services the pages use (reporting.services), so the demo shows
what the portal would have done; the carrying and the new activity are done by the system
actor, as the fixture loader records its work."""

import datetime

from django.db import transaction
from django.utils import timezone

from activities.models import Activity
from core.roles import SYSTEM
from groups.models import Meeting, Programme
from reporting.drafting_reads import carry_candidates
from reporting.models import Drafting, Proposal
from reporting.services import drafting_open, drafting_publish, proposal_carry, proposal_editing

DEADLINE_IN_DAYS = 30
DEMO_GROUP = 4  # the Working Group on Gender Statistics, coordinated by INEGI (focal-mex)
# The Conference meeting that approves the next programme: its eleventh, held online in
# November 2021 (created here, for the demo only, when the database does not hold it).
APPROVING_MEETING = {
    "number": 11,
    "is_virtual": True,
    "place_en": "Santiago",
    "place_es": "Santiago",
    "start_date": datetime.date(2021, 11, 17),
    "end_date": datetime.date(2021, 11, 19),
}
NEW_ACTIVITY = {
    "text_en": "Presentation of the methodological guide on time-use measurement at the twelfth "
    "meeting of the Statistical Conference of the Americas",
    "text_es": "Presentación de la guía metodológica sobre medición del uso del tiempo en la "
    "duodécima reunión de la Conferencia Estadística de las Américas",
}


def approving_meeting() -> Meeting:
    """The Conference's eleventh meeting (CEA.11): the one the database holds, or the demo's."""
    fields = dict(APPROVING_MEETING)
    meeting = Meeting.objects.filter(body=Meeting.Body.CONFERENCE, number=fields.pop("number")).first()
    if meeting is None:
        meeting = Meeting(body=Meeting.Body.CONFERENCE, number=APPROVING_MEETING["number"], **fields)
        meeting.full_clean(exclude=["code"])  # the code follows from the body and number on save
        meeting.save()
    return meeting


def _months(year: int, first: int, last: int) -> tuple:
    return datetime.date(year, first, 1), datetime.date(year, last, 1)


def _carried(proposal) -> list:
    """The activities the demo carries forward: those reported as under way (some percentage,
    below 100) at the last round; the unreported ones stay for the newcomer to carry."""
    return [s.activity for s in carry_candidates(proposal) if s.percent is not None]


@transaction.atomic
def _proposal_begin(proposal: Proposal, programme: Programme) -> None:
    carried = proposal_carry(proposal=proposal, activities=_carried(proposal), user=SYSTEM)
    with proposal_editing(proposal, SYSTEM) as locked:
        # Two months each, one after the other, through the first year of the new programme.
        for i, activity in enumerate(carried):
            first = 1 + (2 * i) % 12
            activity.start_month, activity.end_month = _months(programme.start_year, first, first + 1)
            activity.full_clean()
            activity.save(update_fields=["start_month", "end_month"])
        order = (locked.group.activities.order_by("-order").values_list("order", flat=True).first() or 0) + 1
        start, end = _months(programme.end_year, 9, 11)
        activity = Activity(group=locked.group, order=order, start_month=start, end_month=end, **NEW_ACTIVITY)
        activity.full_clean()
        activity.save()


@transaction.atomic
def demo_drafting_open(*, user, today=None) -> Drafting | None:
    """Open and publish the drafting of the programme after the one in force, with group IV's
    proposal begun; None when there is nothing to do: no programme in force, or a drafting was
    already opened (by an earlier run or by the secretariat), so that running it again changes
    nothing."""
    follows = Programme.objects.current()
    if follows is None or Drafting.objects.exists():
        return None
    today = today or timezone.localdate()
    years = follows.end_year - follows.start_year
    drafting = drafting_open(
        start_year=follows.end_year + 1,
        end_year=follows.end_year + 1 + years,
        meeting=approving_meeting(),
        deadline=today + datetime.timedelta(days=DEADLINE_IN_DAYS),
        user=user,
        today=today,
    )
    drafting_publish(drafting=drafting, user=user)
    proposal = drafting.proposals.filter(continues__number=DEMO_GROUP).select_related("group").first()
    if proposal is not None:
        _proposal_begin(proposal, drafting.programme)
    return drafting
