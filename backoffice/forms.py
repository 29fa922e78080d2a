"""What the admin's forms share: compact text areas, months typed as months, and the
reporting workflow's version check on a group's report and its entries."""

from django import forms
from django.db import models
from django.forms import Textarea
from django.utils.translation import gettext_lazy as _

from activities.fields import MonthField, MonthInput
from core.limits import REMARK
from core.text import clean_text
from core.written_dates import WrittenDateField
from reporting.models import GroupReport, ReportingRound
from reporting.services import ProgressConflict, admin_version_check, reason_errors
from reports.parts import TITLES as PART_TITLES

# Text areas sized for the programme's texts (300 to 900 characters: five rows of 80 show most
# of one at once) yet short enough to keep long inline lists readable; months are typed as
# months (the admin's own date widget would otherwise win, MonthField being a DateField).
COMPACT_TEXT = {
    models.TextField: {"widget": Textarea(attrs={"rows": 5, "cols": 80})},
    MonthField: {"widget": MonthInput},
}


class WrittenDates:
    """Dates typed as the reader writes them ("31 January 2027", "31 de enero de 2027") as well
    as in the admin's calendar's figures; a date refused says which forms to use. Months have
    their own field (MonthField), and a date with a time keeps the admin's."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateField) and not isinstance(
            db_field, (models.DateTimeField, MonthField)
        ):
            kwargs.setdefault("form_class", WrittenDateField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class OwnGroupChoices:
    """For the admin of a record of a group's plan (or its inline): its objective and topic
    heading are offered from that group's own only, the rule the models' clean() enforces. The
    group is the record's (group_of), on an add page the one its link names (?group=pk), and on
    an inline the page's group (set by the inline's get_formset)."""

    GROUP_FIELDS = ("objective", "topic")

    def group_of(self, obj):
        return obj.group

    def get_form(self, request, obj=None, **kwargs):
        request._plan_group = self.group_of(obj) if obj is not None else _group_asked(request)
        return super().get_form(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        group = getattr(request, "_plan_group", None)
        if db_field.name in self.GROUP_FIELDS and group is not None and field is not None:
            field.queryset = field.queryset.filter(group=group)
        return field


def _group_asked(request):
    from groups.models import WorkingGroup

    pk = request.GET.get("group", "")
    return WorkingGroup.objects.filter(pk=pk).first() if pk.isdigit() else None


class LanguageGapsChoices:
    """The texts a record leaves unused in a language, ticked from its own texts' list instead
    of typed as JSON; LanguageGaps.clean_fields refuses a ticked text that is written."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name != "unused_texts":
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        model = db_field.model
        names = model.translated_texts()
        return forms.MultipleChoiceField(
            label=db_field.verbose_name,
            help_text=db_field.help_text,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[(name, model._meta.get_field(name).verbose_name) for name in names],
        )


class VersionCheckedForm(forms.ModelForm):
    """Remembers the version of the group's report the page was opened on. Saving over a newer
    version (someone saved meanwhile, in the form, a workbook or another admin page) is refused
    with who and when, and the values typed stay in the form."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    reason = forms.CharField(
        label=_("Reason for the correction"),
        required=False,
        max_length=REMARK,
        widget=Textarea(attrs={"rows": 2, "cols": 80}),
        help_text=_(
            "Required when the round is closed: why its recorded values change (a past round "
            "entered after the fact, a mistake found later). The history keeps it beside each "
            "changed value."
        ),
    )
    # What says which record it is rather than what it holds: changing only these is no
    # correction of a value.
    NOT_VALUES = {"round", "group", "activity", "seen_version", "reason"}

    # Each subclass has group_report(): the group report whose version is checked, or None
    # when there is nothing to check (a record being added).

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        group_report = self.group_report()
        self.fields["seen_version"].initial = group_report.version if group_report else 0

    def clean(self):
        data = super().clean()
        group_report = self.group_report()
        if group_report is not None and data.get("seen_version") is not None:
            try:
                # Locked until the admin's transaction ends, so nobody saves in between.
                admin_version_check(report=group_report, seen_version=data["seen_version"])
            except ProgressConflict as conflict:
                raise forms.ValidationError(conflict.message, code="conflict") from None
        self._check_reason(data)
        return data

    def _check_reason(self, data):
        """A value of a closed round changed: the reason is asked next to its field, before
        anything is written (reporting/services/admin_saves.py refuses it too)."""
        reporting_round = data.get("round") or (self.instance.round if self.instance.round_id else None)
        if reporting_round is None or reporting_round.status != ReportingRound.Status.CLOSED:
            return
        if not set(self.changed_data) - self.NOT_VALUES:
            return
        data["reason"] = clean_text(data.get("reason") or "").strip()
        for message in reason_errors(data["reason"]).values():
            self.add_error("reason", message)


class GroupReportForm(VersionCheckedForm):
    def group_report(self):
        return self.instance if self.instance.pk else None


class ProgressEntryForm(VersionCheckedForm):
    def group_report(self):
        if not self.instance.pk:
            return None
        return GroupReport.objects.filter(
            round_id=self.instance.round_id, group_id=self.instance.activity.group_id
        ).first()


class DocumentPartForm(forms.ModelForm):
    """A part of a document's composition, chosen from the parts the kinds of documents have."""

    part = forms.ChoiceField(label=_("part"), choices=list(PART_TITLES.items()))
