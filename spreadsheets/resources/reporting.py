"""Spreadsheet columns of the reporting workflow: rounds, group reports and progress entries;
see base.py for the rules every sheet shares.

Progress entries are written in bulk and recorded in each group's history as a spreadsheet
import (reporting.services.progress_import), so that importing thousands of rows
costs a fixed number of queries."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from activities.models import Activity
from reporting import policy
from reporting.models import GroupReport, ProgressChange, ProgressEntry, ReportingRound
from reporting.services import ENTRY_FIELDS, group_reports_import, progress_import
from spreadsheets.widgets import KeyWidget, PercentWidget

from .base import PortalResource, translated
from .groups import (
    group_field,
    in_group,
    meeting_widget,
    programme_widget,
)
from .plan import ReachedGroupField


def round_widget():
    return KeyWidget(
        ReportingRound,
        lambda r: r.meeting.code,
        _("reporting round for the meeting"),
        queryset=ReportingRound.objects.select_related("meeting"),
    )


class ReportingRoundResource(PortalResource):
    meeting = Field(attribute="meeting", column_name="meeting", widget=meeting_widget())
    programme = Field(attribute="programme", column_name="programme", widget=programme_widget())

    class Meta(PortalResource.Meta):
        model = ReportingRound
        fields = (
            "meeting",
            "programme",
            "number",
            "opens_on",
            "deadline",
            "progress_form",
            "publish_on",
            "status",
            "opened_at",
            "closed_at",
        )
        import_id_fields = ("meeting",)

    def get_queryset(self):
        return ReportingRound.objects.select_related("meeting", "programme")

    def before_save_instance(self, instance, row, **kwargs):
        # Opening and closing e-mails the focal points and is recorded: the admin's actions do it.
        if instance.pk and not self.options.get("restoring"):
            before = ReportingRound.objects.get(pk=instance.pk)
            if before.status != instance.status:
                raise ValidationError(
                    {"status": _("Open or close a round with the actions of the reporting rounds' list.")}
                )


class RecordedResource(PortalResource):
    """A sheet of the reporting workflow: what an import writes goes into the groups' history,
    through the workflow's service `record_with`, with the source the caller gives: the fixtures'
    load says so (ProgressChange.Source.FIXTURES); anything else is a spreadsheet import."""

    # reporting.services' writer of the sheet's records: (before, after) pairs, user, source.
    record_with = None

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if result.has_errors() or result.has_validation_errors():
            return
        written = [
            (row.original, row.instance)
            for row in result.rows
            if row.import_type in (row.IMPORT_TYPE_NEW, row.IMPORT_TYPE_UPDATE)
        ]
        source = self.options.get("source", ProgressChange.Source.IMPORT)
        self.record_with(written, user=kwargs.get("user"), source=source)


class GroupReportResource(RecordedResource):
    round = Field(attribute="round", column_name="round", widget=round_widget())
    group = group_field()

    class Meta(PortalResource.Meta):
        model = GroupReport
        fields = (
            "round",
            "group",
            "status",
            "review_comment",
            *translated("output_as_reported", "progress_narrative", "obstacles", "gender_notes"),
        )
        import_id_fields = ("round", "group")
        store_instance = True

    not_exchanged = dict.fromkeys(
        ("version", "updated_at", "updated_by", "submitted_at"),
        "the group report's bookkeeping, kept by the reporting workflow as it saves",
    )

    def get_queryset(self):
        return GroupReport.objects.select_related("round__meeting", "group__programme")

    # The reports whose status or notes the file changed go into their history.
    record_with = staticmethod(group_reports_import)


class ProgressEntryResource(RecordedResource):
    """One row per activity and round: round (CE.20), group (2020-2021/IV), activity (its
    position in the group), percentage and remarks in each language."""

    round = Field(attribute="round", column_name="round", widget=round_widget())
    # Reached through the activity, so the admin's preview shows it on every row, as the export does.
    group = ReachedGroupField("activity", "group")
    activity = Field(attribute="activity", column_name="activity")
    percent = Field(attribute="percent", column_name="percent", widget=PercentWidget())

    required_columns = ("group", "percent")

    class Meta(PortalResource.Meta):
        model = ProgressEntry
        fields = ("round", "group", "activity", *ENTRY_FIELDS)
        import_id_fields = ("round", "activity")
        # Checked here, in bulk, instead of one full_clean (with its queries) per row.
        clean_model_instances = False
        use_bulk = True
        batch_size = None
        store_instance = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["activity"].widget = in_group(
            Activity,
            lambda a: str(a.order),
            _("activity at position"),
            self.fields["group"].widget,
            queryset=Activity.objects.select_related("group__programme"),
        )

    def get_queryset(self):
        return ProgressEntry.objects.select_related("round__meeting", "activity__group__programme")

    def get_bulk_update_fields(self):
        return list(ENTRY_FIELDS)

    def dehydrate_activity(self, entry):
        return entry.activity.order

    def before_import(self, dataset, **kwargs):
        if not policy.can_import_sheet(kwargs.get("user"), ProgressEntry):
            raise PermissionDenied
        super().before_import(dataset, **kwargs)

    def row_problems(self, instance, row, errors):
        problems = {}
        if "percent" not in errors and instance.percent is None:
            problems["percent"] = [_("Give the percentage (a whole number from 0 to 100).")]
        if (
            instance.round_id
            and instance.activity_id
            and instance.activity.group.programme_id != instance.round.programme_id
        ):
            problems["activity"] = [_("The activity belongs to another programme than the round.")]
        return problems

    def before_save_instance(self, instance, row, **kwargs):
        # Only a change is refused: an unchanged row of a closed round was skipped before this.
        if instance.round.status == ReportingRound.Status.CLOSED and not self.options.get("restoring"):
            raise ValidationError(
                {
                    "round": _("Round %(round)s is closed: its progress can no longer be imported.")
                    % {"round": instance.round.meeting.code}
                }
            )

    # The library would write the checked rows itself; the reporting workflow's service writes
    # them instead (after_import), with their history, so nothing writes progress around it.
    def bulk_create(self, *args, **kwargs):
        self.create_instances.clear()

    def bulk_update(self, *args, **kwargs):
        self.update_instances.clear()

    record_with = staticmethod(progress_import)
