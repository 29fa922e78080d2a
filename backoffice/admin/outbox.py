"""The e-mail outbox, for the secretariat to see what waits to be sent (the broker or the mail
server was down), what was sent when, and what was given up and why. Read only: the portal
writes it. The messages' bodies are not shown, since a password reset's is a key to its
account; the subject and the recipients say which e-mail it is."""

from django.contrib import admin

from core.outbox import OutgoingEmail
from core.roles import is_secretariat


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ("subject", "recipients", "status", "created_at", "attempts", "sent_at", "next_attempt_at")
    list_filter = ("status",)
    search_fields = ("subject", "recipients")
    date_hierarchy = "created_at"
    fields = readonly_fields = (
        "subject",
        "recipients",
        "status",
        "created_at",
        "attempts",
        "last_attempt_at",
        "next_attempt_at",
        "last_error",
        "sent_at",
    )

    # The secretariat's, as the programme is (core.roles gives its group no permission on
    # core's models: the outbox is nothing to edit).
    def has_module_permission(self, request):
        return is_secretariat(request.user)

    def has_view_permission(self, request, obj=None):
        return is_secretariat(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
