"""Which programmes the API gives a client, by the reading pages' rule: the approved ones and a
draft the secretariat has published (marked by its `status`), to everyone; a draft not yet
published, to the secretariat only (by its token), and each of its groups to its proposal's side
(reporting.policy.can_read_group, asked by the group's detail). The open-data files, built
once for every reader, give only what everyone may read."""

from groups.models import Programme
from reporting import policy


def sees_unpublished(user) -> bool:
    """Whether `user` is given the drafts not yet published in the lists."""
    return user.is_authenticated and policy.can_manage_drafting(user)


def programmes(user):
    """The programmes `user` is given."""
    return Programme.objects.all() if sees_unpublished(user) else Programme.objects.readable()
