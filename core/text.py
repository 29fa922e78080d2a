"""Text as the portal keeps it: no control characters. Word's soft line break (a vertical tab)
and a page break (form feed) pasted into a remark become line breaks; every other control
character, and any half of a UTF-16 pair that lost its other half, is dropped. None of them can
be shown, printed in a PDF or written into a workbook, and one stored would break each of those
for every reader of the record. Every text is cleaned when it is saved (clean_on_save, for every
model of the portal's apps) and by the writes that bypass save() (bulk writes of progress)."""

import re

from django.db import models

_LINE_BREAKS = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")
_DROPPED = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def clean_text(value):
    """`value` without control characters (line breaks kept, tabs kept); anything but a str is
    returned as it is."""
    if not isinstance(value, str):
        return value
    return _DROPPED.sub("", _LINE_BREAKS.sub("\n", value))


def clean_fields(instance, names=None) -> None:
    """Clean the instance's text fields (`names`, or every CharField and TextField) in place."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)) and (
            names is None or field.attname in names
        ):
            value = getattr(instance, field.attname)
            cleaned = clean_text(value)
            if cleaned is not value and cleaned != value:
                setattr(instance, field.attname, cleaned)


def clean_on_save(sender, instance, raw=False, **kwargs) -> None:
    """pre_save receiver: the texts of every record saved through the ORM one by one (forms,
    the admin, imports, the API, the services), fixtures loaded raw included."""
    clean_fields(instance)
