"""A time shown to a person names its time zone. The portal shows times in TIME_ZONE
(America/Santiago), which is not the zone of most of its readers: "14:30" alone would be read in
the reader's own. `zoned(value)` writes the date and time as DATETIME_FORMAT does, then the
zone: "5 December 2026, 14:30 (Santiago time)", "5 de diciembre de 2026 a las 14:30 (hora de
Santiago)". Templates use it as the `zoned` filter (core/templatetags/times.py, a builtin)."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _


def zone_name(zone=None) -> str:
    """The zone (the active one unless given) as a reader names it: by its city ("Santiago time"),
    or by its own name when it has none ("UTC")."""
    zone = zone or timezone.get_current_timezone()
    key = getattr(zone, "key", None) or str(zone)
    if "/" not in key:
        return key
    city = key.rsplit("/", 1)[1].replace("_", " ")
    return _("%(city)s time") % {"city": city}


def zoned(value, format_name: str = "DATETIME_FORMAT") -> str:
    """`value` (a datetime) in the active zone, written in the reader's language, with the
    zone's name; "" for no value. A naive datetime is taken as already in the active zone."""
    if value in (None, ""):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{formats.date_format(value, format_name)} ({zone_name()})"
