"""A piece of work followed across programmes on a group's page: a carried activity names the
activity it continues (of an approved programme, readable by everyone), and an activity carried
forward names the activities that continue it in a later programme, when the reader may read
that programme's group (a group of an unpublished draft only for its proposal's side:
reporting.policy.can_read_group). Both are read in a fixed number of queries, whatever the
group holds."""

from activities.models import Activity
from reporting import policy


def carried_into(user, group) -> list[Activity]:
    """The activities of later programmes that carry `group`'s activities forward and that
    `user` may read, with their group and programme: one query (and, for a signed-in reader of
    an unpublished draft, what the policy reads of its proposal)."""
    later = list(
        Activity.objects.filter(continues__group=group)
        .select_related("group__programme", "group__proposal")
        .order_by("group__programme__start_year", "order")
    )
    readable = {}
    for activity in later:
        proposal = getattr(activity.group, "proposal", None)
        if proposal is not None and proposal.continues_id == group.pk:
            proposal.continues = group  # its roles are fetched already (the policy reads them)
        if activity.group_id not in readable:
            readable[activity.group_id] = policy.can_read_group(user, activity.group)
    return [activity for activity in later if readable[activity.group_id]]


def key_of(activities) -> tuple:
    """What the group's shared parts depend on besides the group: the later activities shown."""
    return tuple(activity.pk for activity in activities)


def attach(activities, later) -> None:
    """Each of `activities` (of one group) with `carried_into`: those of `later` continuing it."""
    by_original = {}
    for activity in later:
        by_original.setdefault(activity.continues_id, []).append(activity)
    for activity in activities:
        activity.carried_into = by_original.get(activity.pk, [])
