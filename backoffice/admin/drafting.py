"""Secretariat admin for the drafting of the next programme. Opening a drafting, beginning a new
group's proposal, reviewing, publishing and approving happen on the workspace's pages
(workspace/drafting.py, workspace/proposals.py), through reporting.services, which copy the
groups, e-mail the focal points and keep each proposal's status and version: here a drafting's
meeting and deadline change, and a proposal's ending and proposer, through the same services;
statuses, conversations and reminders are only read."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from groups.models import Meeting
from reporting import policy
from reporting.models import Drafting, Proposal, ProposalComment, ProposalReminder
from reporting.services import proposal_editing, proposal_end

from ..forms import WrittenDates


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the services only: listed and shown, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Drafting)
class DraftingAdmin(WrittenDates, admin.ModelAdmin):
    list_display = ("programme", "meeting", "deadline", "status")
    list_filter = ("status",)
    list_select_related = ("programme", "meeting")
    fields = ("programme", "meeting", "deadline", "status", "opened_at")
    readonly_fields = ("programme", "status", "opened_at")

    def view_on_site(self, obj):
        return reverse("workspace:drafting", args=[obj.programme.period])

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "meeting":
            kwargs["queryset"] = Meeting.objects.filter(body=Meeting.Body.CONFERENCE)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return False  # opened on its page (workspace:drafting_open), which copies the groups

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj) and policy.can_manage_drafting(request.user)
        return allowed and (obj is None or obj.is_open)

    def has_delete_permission(self, request, obj=None):
        return False


class ProposalForm(forms.ModelForm):
    """The proposal's ending and, for a new group, the country named to propose it; what the
    services refuse is refused here first, next to its field."""

    def clean(self):
        data = super().clean()
        proposal = self.instance
        if data.get("ends") and proposal.is_new_group:
            self.add_error("ends", _("A new group has nothing to end."))
        elif data.get("ends") and not (data.get("end_reason_en") or data.get("end_reason_es") or "").strip():
            self.add_error("end_reason_en", _("Say why the group proposes to end."))
        if data.get("proposer") and not proposal.is_new_group:
            self.add_error("proposer", _("Only a new group is proposed by a country the secretariat names."))
        return data


ENDING = {"ends", "end_reason_en", "end_reason_es"}


@admin.register(Proposal)
class ProposalAdmin(TranslationAdmin):
    form = ProposalForm
    list_display = ("drafting", "group_numeral", "group", "continues", "status", "ends")
    list_filter = ("drafting", "status", "ends")
    list_select_related = ("drafting__programme", "group__programme", "continues__programme")
    search_fields = ("group__name_en", "group__name_es", "continues__name_en", "continues__name_es")
    ordering = ("-drafting__programme__start_year", "group__number")
    fields = (
        "drafting",
        "group",
        "continues",
        "proposer",
        "ends",
        "end_reason",
        "status",
        "version",
        "submitted_at",
        "updated_at",
    )
    readonly_fields = ("drafting", "group", "continues", "status", "version", "submitted_at", "updated_at")
    autocomplete_fields = ("proposer",)

    @admin.display(description=_("no."), ordering="group__number")
    def group_numeral(self, obj):
        return obj.group.numeral if obj.group else "—"

    def view_on_site(self, obj):
        if obj.group is None:
            return None
        return reverse("workspace:proposal", args=[obj.drafting.programme.period, obj.group.numeral])

    def has_add_permission(self, request):
        return False  # begun by opening the drafting, or on its page for a new group

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or policy.can_edit_proposal(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # Through the services: the proposal locked, allowed, a draft again, its version grown.
        if ENDING & set(form.changed_data):
            proposal_end(
                proposal=obj,
                user=request.user,
                ends=obj.ends,
                reason_en=obj.end_reason_en or "",
                reason_es=obj.end_reason_es or "",
            )
        if "proposer" in form.changed_data:
            with proposal_editing(obj, request.user) as locked:
                locked.proposer = obj.proposer
                locked.full_clean()
                locked.save(update_fields=["proposer"])


@admin.register(ProposalComment)
class ProposalCommentAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "proposal", "side", "decision", "author", "excerpt")
    list_filter = ("proposal__drafting", "side", "decision")
    list_select_related = (
        "proposal__drafting__programme",
        "proposal__group",
        "proposal__continues",
        "author",
    )
    search_fields = ("body", "author__username")
    date_hierarchy = "created_at"

    @admin.display(description=_("message"))
    def excerpt(self, obj):
        return obj.body[:80]


@admin.register(ProposalReminder)
class ProposalReminderAdmin(ReadOnlyAdmin):
    list_display = ("sent_at", "proposal", "kind", "recipients")
    list_filter = ("proposal__drafting", "kind")
    list_select_related = ("proposal__drafting__programme", "proposal__group", "proposal__continues")
    date_hierarchy = "sent_at"
