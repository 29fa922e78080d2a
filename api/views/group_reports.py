"""A group report (what a working group submits in a round), for its focal points and the
secretariat, with a personal access token (or a signed-in session): read it, draft included,
and save or submit progress through the same policy, services and version check as the
progress form. Every change is in the group's history with the source "API"."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as ModelValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from reporting import policy
from reporting.models import GroupReport, ProgressChange, ProgressEntry, ReportingRound
from reporting.services import (
    ENTRY_FIELDS,
    NOTE_FIELDS,
    EntryValues,
    ProgressConflict,
    progress_save,
)

from .. import lookups
from ..serializers.group_reports import (
    NOTES,
    GroupReportConflictSerializer,
    GroupReportSerializer,
    GroupReportState,
    GroupReportSummarySerializer,
    GroupReportWriteSerializer,
)


def _state(reporting_round, group, user) -> GroupReportState:
    group_report = GroupReport.objects.filter(round=reporting_round, group=group).first()
    activities = list(group.activities.order_by("order"))
    entries = {
        e.activity_id: e for e in ProgressEntry.objects.filter(round=reporting_round, activity__group=group)
    }
    return GroupReportState(
        reporting_round,
        group,
        group_report,
        activities,
        entries,
        policy.can_edit_progress(user, group, reporting_round, group_report),
    )


def _entry_values(state, given) -> dict:
    """The service's EntryValues from what was sent: keyed by activity id; a language of the
    remarks left out keeps its value."""
    by_order = {str(a.order): a for a in state.activities}
    unknown = sorted(set(given) - set(by_order))
    if unknown:
        raise ValidationError(
            {
                "entries": {
                    key: [_("The group's plan has no activity %(key)s.") % {"key": key}] for key in unknown
                }
            }
        )
    values = {}
    for key, item in given.items():
        activity = by_order[key]
        entry = state.entries.get(activity.pk)
        kept = {name: getattr(entry, name, "") or "" for name in ENTRY_FIELDS[1:]}
        remarks = {f"remarks_{lang}": text or "" for lang, text in item.get("remarks", {}).items()}
        values[activity.pk] = EntryValues(item["percent"], **{**kept, **remarks})
    return values


def _notes(given) -> dict:
    return {f"{name}_{lang}": text or "" for name in NOTES for lang, text in given.get(name, {}).items()}


def _service_errors(state, error: ModelValidationError) -> ValidationError:
    """The service's errors keyed as the request was: an activity's (keyed by its id) by its
    position, a note's (progress_narrative_es) by the note and the language."""
    orders = {a.pk: str(a.order) for a in state.activities}
    if not hasattr(error, "error_dict"):
        return ValidationError({"non_field_errors": error.messages})
    entries, notes, others = {}, {}, []
    for key, problems in error.error_dict.items():
        messages = [m for problem in problems for m in problem.messages]
        if key in orders:
            entries[orders[key]] = {"percent": messages}
        elif key in NOTE_FIELDS:
            name, _sep, lang = key.rpartition("_")
            notes.setdefault(name, {})[lang] = messages
        else:
            others += messages
    detail = {"entries": entries} if entries else {}
    if notes:
        detail["notes"] = notes
    if others:
        detail["non_field_errors"] = others
    return ValidationError(detail)


def _change_data(change) -> dict:
    return {
        "version": change.version,
        "activity": change.activity.order if change.activity else None,
        "field": change.field,
        "old_value": change.old_value,
        "new_value": change.new_value,
        "changed_by": change.changed_by.get_username() if change.changed_by else None,
        "changed_at": change.changed_at.isoformat(),
        "source": change.source,
    }


class GroupReportDetail(generics.GenericAPIView):
    """GET: the group report in the round, the draft included, for those who may read it (its
    focal points, its member countries' users, the secretariat). PATCH: save the values sent as
    a draft, or submit the group report (`"submit": true`), with the version read."""

    permission_classes = [IsAuthenticated]
    serializer_class = GroupReportSerializer

    def _place(self):
        kwargs = self.kwargs
        reporting_round, group = lookups.round_and_group(kwargs["code"], kwargs["period"], kwargs["numeral"])
        if not policy.can_view_progress(self.request.user, group):
            raise PermissionDenied
        return reporting_round, group

    def get(self, request, *args, **kwargs):
        reporting_round, group = self._place()
        return Response(GroupReportSerializer(_state(reporting_round, group, request.user)).data)

    @extend_schema(
        request=GroupReportWriteSerializer,
        # The other answers (400, 403 ...) are every operation's: api/schema.py.
        responses={200: GroupReportSerializer, 409: GroupReportConflictSerializer},
    )
    def patch(self, request, *args, **kwargs):
        reporting_round, group = self._place()
        state = _state(reporting_round, group, request.user)
        if not state.editable:
            raise PermissionDenied(
                _(
                    "You may not change this group report now: the round is not open, "
                    "or the group report is with the secretariat."
                )
            )
        payload = GroupReportWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            progress_save(
                group=group,
                reporting_round=reporting_round,
                user=request.user,
                entries=_entry_values(state, data.get("entries", {})),
                notes=_notes(data.get("notes", {})),
                seen_version=data["version"],
                submit=data["submit"],
                source=ProgressChange.Source.API,
            )
        except ProgressConflict as conflict:
            return Response(
                {
                    "detail": conflict.message_for(request.user),
                    "group_report": GroupReportSerializer(_state(reporting_round, group, request.user)).data,
                    "changes": [_change_data(c) for c in conflict.changes],
                },
                status=status.HTTP_409_CONFLICT,
            )
        except ModelValidationError as error:
            raise _service_errors(state, error) from None
        return Response(GroupReportSerializer(_state(reporting_round, group, request.user)).data)


class MyGroupReports(generics.ListAPIView):
    """Your groups' group reports in the rounds open now: where a program of yours finds its work.
    A page at a time like every list (the secretariat's groups are every group): the database
    counts the groups and reads the page's only."""

    permission_classes = [IsAuthenticated]
    serializer_class = GroupReportSummarySerializer

    def get_queryset(self):
        self.rounds = {r.programme_id: r for r in ReportingRound.objects.open().with_meeting()}
        return (
            policy.groups_of(self.request.user)
            .filter(programme_id__in=self.rounds)
            .with_roles()
            .order_by("programme__start_year", "number")
        )

    def list(self, request, *args, **kwargs):
        groups = self.paginate_queryset(self.get_queryset())
        group_reports = {
            (r.round_id, r.group_id): r
            for r in GroupReport.objects.filter(
                round__in=self.rounds.values(), group__in=[group.pk for group in groups]
            )
        }
        rows = []
        for group in groups:
            reporting_round = self.rounds[group.programme_id]
            group_report = group_reports.get((reporting_round.pk, group.pk))
            address = (reporting_round.meeting.code, group.programme.period, group.numeral)
            rows.append(
                {
                    "round": reporting_round.meeting.code,
                    "group": group.code,
                    "status": group_report.status if group_report else GroupReport.Status.NOT_STARTED.value,
                    "version": group_report.version if group_report else 0,
                    "editable": policy.can_edit_progress(request.user, group, reporting_round, group_report),
                    "url": request.build_absolute_uri(reverse("api:group_report", args=address)),
                }
            )
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)
