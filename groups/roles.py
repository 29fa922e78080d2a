"""The secretariat's staff role: who may edit the programme in the admin."""
from django.contrib.auth.models import Group, Permission

SECRETARIAT = "Secretariat"
SECRETARIAT_APPS = ("groups", "activities", "reports")


def secretariat_group() -> Group:
    """The "Secretariat" group, holding every permission on the portal's own models."""
    group, _ = Group.objects.get_or_create(name=SECRETARIAT)
    wanted = Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS)
    missing = wanted.exclude(pk__in=group.permissions.values("pk"))
    if missing.exists():
        group.permissions.add(*missing)
    return group
