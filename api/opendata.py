"""Open data: a programme's published plan and progress as files, CSV and JSON, linked from the
home and group pages. The JSON is what the API gives (its serializers, unpaginated). The CSV
files are the sheets' own columns (spreadsheets/sheets.py), one language per column: the plan
is the activities' sheet, the progress the published entries' sheet followed by each activity's
standing today, so a spreadsheet or a statistics package reads them as they are.

Each file is built once per change of the data and then served as a stored file, gzip-compressed
when the client takes it, with its ETag and Last-Modified (opendata_files.py)."""

import json

from django.http import Http404
from django.views.decorators.http import require_safe
from rest_framework.request import Request

from groups.models import WorkingGroup
from reporting.lookups import group_or_404, programme_or_404
from reporting.models import ProgressEntry
from spreadsheets.formats import csv_text
from spreadsheets.resources.activities import ActivityResource
from spreadsheets.resources.reporting import ProgressEntryResource

from .opendata_files import Built, serve
from .progress import groups_with_plan, plan_standings, progress_rows
from .serializers.conference import ProgrammeSerializer
from .serializers.groups import GroupDetailSerializer
from .serializers.progress import ActivityProgressSerializer, standing_data


def _place(period, numeral):
    """The programme the address names, and the group when it names one (or 404). A draft the
    secretariat has not published has no open data: the files are every reader's."""
    programme = programme_or_404(period)
    if not programme.is_readable:
        raise Http404
    return programme, group_or_404(period, numeral, WorkingGroup.objects.all()) if numeral else None


def _groups(programme, group):
    groups = groups_with_plan().filter(programme=programme).order_by("number")
    return list(groups.filter(pk=group.pk) if group else groups)


def _name(programme, group, what, fmt):
    return f"{what}-{programme.period}{'-' + group.numeral if group else ''}.{fmt}"


def _json(payload, filename) -> Built:
    return Built(
        json.dumps(payload, ensure_ascii=False, indent=1, default=str).encode(),
        "application/json; charset=utf-8",
        f'inline; filename="{filename}"',
    )


def _csv(header, rows, filename) -> Built:
    return Built(
        csv_text(header, rows).encode(), "text/csv; charset=utf-8", f'attachment; filename="{filename}"'
    )


def _plan_rows(resource, groups):
    for group in groups:
        for activity in group.activities.all():
            activity.group = group  # its programme is loaded with it
            yield resource.export_resource(activity)


@require_safe
def programme_file(request, period, fmt, numeral=None):
    """The programme's groups with their roles, objectives, activities, outputs and financing."""
    return serve(request, lambda: _programme(request, period, fmt, numeral))


def _programme(request, period, fmt, numeral) -> Built:
    programme, group = _place(period, numeral)
    groups = _groups(programme, group)
    filename = _name(programme, group, "programme", fmt)
    if fmt == "json":
        context = {"request": Request(request), "standings": plan_standings(groups)}
        return _json(
            {
                "programme": ProgrammeSerializer(programme, context=context).data,
                "groups": GroupDetailSerializer(groups, many=True, context=context).data,
            },
            filename,
        )
    # The activities' sheet as the admin exports it: the file can be read back into a portal.
    resource = ActivityResource()
    return _csv(resource.get_export_headers(), _plan_rows(resource, groups), filename)


# After the entries' sheet columns, the activity's standing today (reporting.standing): figures
# computed from the entries, not columns of any sheet.
STANDING_COLUMNS = {
    "latest_percent": "percent",
    "latest_round": "round",
    "change": "change",
    "expected_percent": "expected_percent",
    "schedule": "schedule",
    "flagged": "flagged",
}  # column -> its key in the API's standing (standing_data)


def _progress_csv_rows(resource, rows):
    for row in rows:
        standing = standing_data(row)
        figures = [standing[key] for key in STANDING_COLUMNS.values()]
        # An activity with nothing published yet still has its standing (overdue, say).
        for entry in row.entries or [ProgressEntry(percent=None)]:
            entry.activity = row.activity
            yield [*resource.export_resource(entry), *figures]


@require_safe
def progress_file(request, period, fmt, numeral=None):
    """Each activity's published progress, round by round, with its standing today."""
    return serve(request, lambda: _progress(period, fmt, numeral))


def _progress(period, fmt, numeral) -> Built:
    programme, group = _place(period, numeral)
    rows = progress_rows(programme=programme, group=group)
    filename = _name(programme, group, "progress", fmt)
    if fmt == "json":
        return _json(
            {"programme": programme.period, "activities": ActivityProgressSerializer(rows, many=True).data},
            filename,
        )
    resource = ProgressEntryResource()
    header = [*resource.get_export_headers(), *STANDING_COLUMNS]
    return _csv(header, _progress_csv_rows(resource, rows), filename)
