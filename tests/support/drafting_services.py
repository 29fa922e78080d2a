"""Builders for the tests of the drafting of the next programme (reporting.services.drafting):
the Conference meeting that approves it, the drafting of 2022-2023 opened after the fixtures'
2020-2021, a group's proposal in it, and a proposal taken through to acceptance."""

import datetime

from django.utils import timezone

from groups.models import Meeting
from reporting.models import Proposal
from reporting.services import drafting_open, proposal_review, proposal_submit


def conference(number=11, year=2021) -> Meeting:
    """A meeting of the Conference (CEA.11 by default, which the fixtures do not hold)."""
    return Meeting.objects.create(
        body=Meeting.Body.CONFERENCE,
        number=number,
        is_virtual=True,
        start_date=datetime.date(year, 11, 17),
        end_date=datetime.date(year, 11, 19),
    )


def opened(user, *, deadline=None, meeting=None, start_year=2022, end_year=2023, follows=None):
    """The drafting of 2022-2023 opened by `user`, its deadline a month from today by default."""
    today = timezone.localdate()
    return drafting_open(
        start_year=start_year,
        end_year=end_year,
        meeting=meeting or conference(),
        deadline=deadline or today + datetime.timedelta(days=30),
        user=user,
        today=today,
        follows=follows,
    )


def proposal(drafting, number=4) -> Proposal:
    """The proposal continuing group `number` (IV: INEGI coordinates it) of 2020-2021."""
    return (
        Proposal.objects.select_related("drafting__programme", "group", "continues")
        .filter(drafting=drafting)
        .get(continues__number=number)
    )


def focal_point(group):
    """A focal point of the first coordinating institution of `group` (made on first call)."""
    from django.contrib.auth import get_user_model

    from accounts.models import Affiliation
    from groups.models import GroupRole

    role = group.roles.filter(role=GroupRole.Role.COORDINATING).exclude(institution=None).first()
    found = Affiliation.objects.filter(institution=role.institution).select_related("user").first()
    if found:
        return found.user
    username = f"focal-{role.institution.code.lower().replace('@', '-')}"
    user = get_user_model().objects.create_user(username, password="pw", email=f"{username}@example.org")
    Affiliation.objects.create(user=user, institution=role.institution)
    return user


def accepted(item: Proposal, *, reviewer, by=None) -> Proposal:
    """`item` submitted by `by` (a focal point of the group it continues by default) and
    accepted by `reviewer`."""
    proposal_submit(proposal=item, user=by or focal_point(item.continues))
    return proposal_review(proposal=item, user=reviewer, accept=True)
