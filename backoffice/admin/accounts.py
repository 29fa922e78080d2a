"""A user's institution is set on the user's own admin page; the users' API tokens are listed
and may be revoked."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import AccessToken, Affiliation


class AffiliationInline(admin.StackedInline):
    model = Affiliation
    can_delete = True
    autocomplete_fields = ("institution",)


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    inlines = (AffiliationInline,)
    list_display = ("username", "email", "first_name", "last_name", "institution", "is_staff")
    list_select_related = ("affiliation__institution",)

    @admin.display(description=Affiliation._meta.get_field("institution").verbose_name)
    def institution(self, obj):
        affiliation = getattr(obj, "affiliation", None)
        return affiliation.institution if affiliation else "—"


@admin.register(AccessToken)
class AccessTokenAdmin(admin.ModelAdmin):
    """Users' personal access tokens, for the secretariat to see who uses the API and to revoke
    a token that leaked. Never made here: only its user sees the secret, once."""

    list_display = ("name", "user", "hint", "created_at", "last_used_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    list_select_related = ("user",)
    search_fields = ("name", "user__username", "hint")
    readonly_fields = ("user", "name", "hint", "created_at", "last_used_at", "revoked_at")
    exclude = ("digest",)
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected tokens"), permissions=["delete"])
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d token was revoked.", "%(count)d tokens were revoked.", count)
            % {"count": count},
        )
