"""The portal's roles that do not follow from a working group's roles: the secretariat, and
the system acting on its own (a management command, the fixture loader). What each role may
do is decided in reporting/policy.py; this module only says who holds which."""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission

SECRETARIAT = "Secretariat"
# The apps whose records the secretariat keeps in the admin (app labels, not imports).
SECRETARIAT_APPS = ("groups", "activities", "reporting", "reports")


def secretariat_group() -> Group:
    """The "Secretariat" group: membership makes a user the secretariat; it also holds every
    permission on the portal's own models, for the admin."""
    group, _ = Group.objects.get_or_create(name=SECRETARIAT)
    wanted = Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS)
    missing = wanted.exclude(pk__in=group.permissions.values("pk"))
    if missing.exists():
        group.permissions.add(*missing)
    return group


def is_secretariat(user) -> bool:
    """A member of the Secretariat group, or a superuser. Being the secretariat is its own
    role, not a side effect of holding some permission; asked once per user object."""
    if isinstance(user, SystemActor) or not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_is_secretariat"):
        user._is_secretariat = user.groups.filter(name=SECRETARIAT).exists()
    return user._is_secretariat


@dataclass(frozen=True)
class SystemActor:
    """The server acting on its own: a management command run by whoever operates the server,
    or the fixture loader. It is nobody's account, so the history records it with no user
    and its source ("fixtures", "command"); the policy grants it only what it names."""

    name: str
    is_authenticated: bool = True
    is_active: bool = True
    is_staff: bool = False
    is_superuser: bool = False
    pk: None = None

    def __str__(self):
        return self.name


# The one system actor: commands pass it explicitly (never None meaning "allowed").
SYSTEM = SystemActor("system")


def person(actor):
    """The user to record as having made a change: None for the system actor."""
    return None if isinstance(actor, SystemActor) else actor
