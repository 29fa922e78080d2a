"""The drafting of 2022-2023 opened on the fixtures' 2020-2021 programme, with group IV's
proposal worked on as a focal point would: two unfinished activities carried forward (the
second with its text changed), one new activity, months in the new years for all three."""

import datetime
from dataclasses import dataclass

from activities.models import Activity
from core.roles import SYSTEM
from groups.models import Meeting
from reporting.drafting_reads import carry_candidates
from reporting.models import Proposal
from reporting.services import drafting_open, proposal_carry
from reporting.services.proposals import proposal_editing

CHANGED_EN = "Revised time-use survey guide, with the pilots of the 2022 round"
CHANGED_ES = "Guía revisada de encuestas de uso del tiempo, con los pilotos de la ronda 2022"
NEW_EN = "Regional workshop on time-use statistics and care systems"
NEW_ES = "Taller regional sobre estadísticas de uso del tiempo y sistemas de cuidado"
MONTHS = (  # (start, end) of the two carried activities and the new one, in their order
    (datetime.date(2022, 1, 1), datetime.date(2022, 12, 1)),
    (datetime.date(2022, 4, 1), datetime.date(2023, 6, 1)),
    (datetime.date(2023, 2, 1), datetime.date(2023, 11, 1)),
)


@dataclass
class DraftedIV:
    drafting: object
    proposal: Proposal
    kept: Activity  # carried, text as it was
    changed: Activity  # carried, text changed
    new: Activity
    old_kept: Activity
    old_changed: Activity

    @property
    def in_order(self) -> list[Activity]:
        return [self.kept, self.changed, self.new]


def conference_meeting() -> Meeting:
    return Meeting.objects.filter(body=Meeting.Body.CONFERENCE).order_by("-start_date").first()


def draft_group_iv(today: datetime.date) -> DraftedIV:
    drafting = drafting_open(
        start_year=2022,
        end_year=2023,
        meeting=conference_meeting(),
        deadline=today + datetime.timedelta(days=30),
        user=SYSTEM,
    )
    proposal = drafting.proposals.select_related("group").get(continues__number=4)
    old_kept, old_changed = (standing.activity for standing in carry_candidates(proposal)[:2])
    kept, changed = proposal_carry(proposal=proposal, activities=[old_kept, old_changed], user=SYSTEM)
    with proposal_editing(proposal, SYSTEM) as locked:
        changed.text_en, changed.text_es = CHANGED_EN, CHANGED_ES
        new = Activity(group=locked.group, order=changed.order + 1, text_en=NEW_EN, text_es=NEW_ES)
        for activity, (start, end) in zip((kept, changed, new), MONTHS, strict=True):
            activity.start_month, activity.end_month = start, end
            activity.full_clean()
            activity.save()
    return DraftedIV(drafting, proposal, kept, changed, new, old_kept, old_changed)


def accept(proposal: Proposal) -> None:
    """The secretariat's acceptance, as a test's setup (the review itself is tested elsewhere)."""
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.ACCEPTED)
