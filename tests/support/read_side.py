"""Builders for the tests of the reading side of a draft programme (pages, search, open data,
API, lineage): the drafting of 2022-2023 opened on the fixtures' 2020-2021 by the system actor,
group IV's proposal with an unfinished activity carried forward, then published or approved."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from activities.models import Activity
from core.roles import SYSTEM
from groups.models import Meeting
from reporting.drafting_reads import carry_candidates
from reporting.models import Proposal
from reporting.services import drafting_approve, drafting_open, drafting_publish, proposal_carry

# A word of the carried activity's text no fixture text holds: search finds it only in the draft.
MARK = "Zyxwqcarried"


@dataclass
class Draft:
    drafting: object
    proposal: Proposal
    old: Activity  # of 2020-2021's group IV, with percentages in its rounds
    carried: Activity  # its continuation in 2022-2023's group IV

    @property
    def programme(self):
        return self.drafting.programme

    @property
    def group(self):
        return self.proposal.group


def conference() -> Meeting:
    """The fixtures' latest meeting of the Conference."""
    return Meeting.objects.filter(body=Meeting.Body.CONFERENCE).order_by("-start_date").first()


def drafted(*, marked=False) -> Draft:
    """The drafting of 2022-2023 open, group IV's first unfinished activity with percentages
    carried forward (its text given MARK in both languages when `marked`)."""
    drafting = drafting_open(
        start_year=2022,
        end_year=2023,
        meeting=conference(),
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        user=SYSTEM,
    )
    proposal = drafting.proposals.select_related("group", "continues").get(continues__number=4)
    old = next(s.activity for s in carry_candidates(proposal) if s.percent is not None)
    [carried] = proposal_carry(proposal=proposal, activities=[old], user=SYSTEM)
    if marked:
        # Saved with its signals, as an editor's change is: the search index sees it (or not).
        carried.text_en, carried.text_es = f"{MARK} {carried.text_en}", f"{MARK} {carried.text_es}"
        carried.save()
    return Draft(drafting, proposal, old, carried)


def published(draft: Draft) -> Draft:
    drafting_publish(drafting=draft.drafting, user=SYSTEM)
    draft.drafting.programme.refresh_from_db()
    return draft


def approved(draft: Draft) -> Draft:
    """Every proposal accepted (in setup: the review is tested elsewhere), then the approval."""
    Proposal.objects.filter(drafting=draft.drafting).update(status=Proposal.Status.ACCEPTED)
    drafting_approve(
        drafting=draft.drafting,
        user=SYSTEM,
        meeting=conference(),
        approved_on=datetime.date(2021, 11, 19),
        resolution_en="12(XI)",
        resolution_es="12(XI)",
    )
    draft.drafting.programme.refresh_from_db()
    return draft
