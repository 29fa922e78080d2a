"""Open data: a programme's published plan and progress as files, CSV and JSON, linked from the
home and group pages. The JSON is what the API gives (its serializers, unpaginated); the CSV
flattens it, one language per column, a row per activity (plan) or per published entry
(progress), so a spreadsheet or a statistics package reads it as it is."""

import csv
import io
import json

from django.http import Http404, HttpResponse
from django.views.decorators.http import condition, require_safe
from rest_framework.request import Request

from core.bilingual import LANGUAGES
from groups.models import Programme, WorkingGroup
from spreadsheets.cells import quoted

from .conditional import etag, last_modified
from .progress import groups_with_plan, plan_standings, progress_rows
from .serializers.conference import ProgrammeSerializer
from .serializers.groups import GroupDetailSerializer
from .serializers.progress import ActivityProgressSerializer, entry_data, standing_data


def _place(period, numeral):
    try:
        programme = Programme.objects.select_related("approved_at").by_period(period)
        group = WorkingGroup.objects.by_code(period, numeral) if numeral else None
    except (Programme.DoesNotExist, WorkingGroup.DoesNotExist):
        raise Http404 from None
    return programme, group


def _groups(programme, group):
    groups = groups_with_plan().filter(programme=programme).order_by("number")
    return list(groups.filter(pk=group.pk) if group else groups)


def _name(programme, group, what, fmt):
    return f"{what}-{programme.period}{'-' + group.numeral if group else ''}.{fmt}"


def _json(request, payload, filename):
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=1, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _csv(header, rows, filename):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([quoted(value) if value is not None else "" for value in row])
    # With a byte order mark, spreadsheet programs read the accents as UTF-8.
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _texts(data, name):
    return [data[name][lang] if data[name] else None for lang in LANGUAGES]


def _columns(name):
    return [f"{name}_{lang}" for lang in LANGUAGES]


PLAN_HEADER = [
    "programme",
    "group",
    *_columns("group_name"),
    "activity",
    "plan_no",
    *_columns("text"),
    "objective",
    *_columns("topic"),
    *_columns("coordination"),
    "start_month",
    "end_month",
    *_columns("start_text"),
    *_columns("end_text"),
]


def _plan_rows(groups_data):
    for group in groups_data:
        for activity in group["activities"]:
            objective = activity["objective"]
            yield [
                group["programme"],
                group["key"],
                *_texts(group, "name"),
                activity["key"],
                activity["plan_no"],
                *_texts(activity, "text"),
                f"{objective['kind']} {objective['order']}" if objective else None,
                *_texts(activity, "topic"),
                *_texts(activity, "coordination"),
                activity["start_month"],
                activity["end_month"],
                *_texts(activity, "start_text"),
                *_texts(activity, "end_text"),
            ]


@require_safe
@condition(etag_func=etag, last_modified_func=last_modified)
def programme_file(request, period, fmt, numeral=None):
    """The programme's groups with their roles, objectives, activities, outputs and financing."""
    programme, group = _place(period, numeral)
    groups = _groups(programme, group)
    context = {"request": Request(request), "standings": plan_standings(groups)}
    groups_data = GroupDetailSerializer(groups, many=True, context=context).data
    filename = _name(programme, group, "programme", fmt)
    if fmt == "json":
        return _json(
            request,
            {"programme": ProgrammeSerializer(programme, context=context).data, "groups": groups_data},
            filename,
        )
    return _csv(PLAN_HEADER, _plan_rows(groups_data), filename)


PROGRESS_HEADER = [
    "programme",
    "group",
    "activity",
    *_columns("text"),
    "round",
    "round_number",
    "percent",
    *_columns("remarks"),
    "latest_percent",
    "latest_round",
    "change",
    "expected_percent",
    "schedule",
    "flagged",
]


def _progress_csv_rows(rows):
    for row in rows:
        standing = standing_data(row)
        activity = row.activity
        first = [
            activity.group.programme.period,
            activity.group.code,
            f"{activity.group.code}/{activity.order}",
            *(getattr(activity, f"text_{lang}") or None for lang in LANGUAGES),
        ]
        last = [
            standing["percent"],
            standing["round"],
            standing["change"],
            standing["expected_percent"],
            standing["schedule"],
            standing["flagged"],
        ]
        for entry in [entry_data(e) for e in row.entries] or [None]:
            middle = (
                [
                    entry["round"],
                    entry["round_number"],
                    entry["percent"],
                    *(entry["remarks"][lang] for lang in LANGUAGES),
                ]
                if entry
                else [None] * (3 + len(LANGUAGES))
            )
            yield first + middle + last


@require_safe
@condition(etag_func=etag, last_modified_func=last_modified)
def progress_file(request, period, fmt, numeral=None):
    """Each activity's published progress, round by round, with its standing today."""
    programme, group = _place(period, numeral)
    rows = progress_rows(programme=programme, group=group)
    filename = _name(programme, group, "progress", fmt)
    if fmt == "json":
        return _json(
            request,
            {"programme": programme.period, "activities": ActivityProgressSerializer(rows, many=True).data},
            filename,
        )
    return _csv(PROGRESS_HEADER, _progress_csv_rows(rows), filename)
