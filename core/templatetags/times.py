"""{{ value|zoned }}: a date and time with its time zone named (core/times.py). A builtin of the
portal's templates (TEMPLATES' "builtins" in cea_portal/settings/base.py): every template that
shows a time can use it without loading anything."""

from django import template

from core import times

register = template.Library()


@register.filter
def zoned(value, format_name="DATETIME_FORMAT"):
    return times.zoned(value, format_name)
