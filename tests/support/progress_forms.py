"""The POST a browser sends from a group's progress form."""

from reporting.models import GroupReport
from reporting.services import NOTE_FIELDS


def progress_post(group, reporting_round, action="draft", version=None, values=None, notes=None):
    """Every field of the form, empty unless `values` ({activity order: (percent, remarks_en,
    remarks_es)}) or `notes` ({field: text}) give it; `version` defaults to the current one."""
    if version is None:
        report = GroupReport.objects.filter(round=reporting_round, group=group).first()
        version = report.version if report else 0
    data = {"action": action, "version": version, **dict.fromkeys(NOTE_FIELDS, "")}
    data.update(notes or {})
    for activity in group.activities.all():
        percent, remarks_en, remarks_es = (values or {}).get(activity.order, ("", "", ""))
        data.update(
            {
                f"a{activity.pk}-percent": percent,
                f"a{activity.pk}-remarks_en": remarks_en,
                f"a{activity.pk}-remarks_es": remarks_es,
            }
        )
    return data
