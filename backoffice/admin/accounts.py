"""Users in the admin: the secretariat adds them, sets the institution each works for on the
user's own page, and resets the log-in code of one who lost their phone (recorded in the
user's history); the users' API tokens are listed for superusers, who may revoke them."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor
from accounts.models import AccessToken, Affiliation
from reporting import policy

# A user's devices hold the keys of their codes: never listed, only reset from the user's page.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class PeopleAdminMixin:
    """The secretariat manages users (reporting.policy.can_manage_people), beside whoever
    holds Django's permissions on them (a superuser)."""

    def has_module_permission(self, request):
        return policy.can_manage_people(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return policy.can_manage_people(request.user) or super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return policy.can_manage_people(request.user) or super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return policy.can_manage_people(request.user) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return policy.can_manage_people(request.user) or super().has_delete_permission(request, obj)


class AffiliationInline(PeopleAdminMixin, admin.StackedInline):
    model = Affiliation
    can_delete = True
    autocomplete_fields = ("institution",)


User = get_user_model()
admin.site.unregister(User)


def _superuser_only(request, obj) -> bool:
    """A superuser's account is only a superuser's to change: anyone else could take it over."""
    return obj is not None and obj.is_superuser and not request.user.is_superuser


@admin.register(User)
class PortalUserAdmin(PeopleAdminMixin, UserAdmin):
    inlines = (AffiliationInline,)
    list_display = ("username", "email", "first_name", "last_name", "institution", "is_staff", "log_in_code")
    list_select_related = ("affiliation__institution",)
    actions = ["reset_second_factor"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, (_("Log-in code"), {"fields": ("log_in_code_state",)})]

    def get_readonly_fields(self, request, obj=None):
        fields = ["log_in_code_state", "last_login", "date_joined"]  # the portal writes those
        if not request.user.is_superuser:
            # Only a superuser grants what goes beyond the secretariat's own role.
            fields += ["is_superuser", "user_permissions"]
        return fields

    def has_change_permission(self, request, obj=None):
        return not _superuser_only(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _superuser_only(request, obj) and super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        """The list's delete action asks for no object: a superuser among the chosen is refused."""
        if not request.user.is_superuser and queryset.filter(is_superuser=True).exists():
            raise PermissionDenied
        super().delete_queryset(request, queryset)

    @admin.display(description=Affiliation._meta.get_field("institution").verbose_name)
    def institution(self, obj):
        affiliation = getattr(obj, "affiliation", None)
        return affiliation.institution if affiliation else "—"

    def get_queryset(self, request):
        enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(enrolled=Exists(enrolled))

    @admin.display(description=_("log-in code"), boolean=True, ordering="enrolled")
    def log_in_code(self, obj):
        return obj.enrolled

    @admin.display(description=_("log-in code"))
    def log_in_code_state(self, obj):
        if not second_factor.is_enrolled(obj):
            return (
                gettext("Not set up: the next log-in asks to set up an authenticator app.")
                if (second_factor.required_by_role(obj))
                else gettext("Not set up: the user logs in with a password only.")
            )
        url = reverse("admin:auth_user_second_factor_reset", args=[obj.pk])
        return format_html(
            '{} <button type="submit" formaction="{}" formnovalidate name="reset_second_factor">{}</button>',
            gettext("Set up: the log-in asks for the code of an authenticator app."),
            url,
            gettext("Reset (lost phone)"),
        )

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(self.reset_view))
        return [
            path("<int:pk>/second-factor/reset/", view, name="auth_user_second_factor_reset"),
            *super().get_urls(),
        ]

    def reset_view(self, request, pk):
        """The button on a user's page: reset their log-in code, then back to their page."""
        user = get_object_or_404(User, pk=pk)
        if not policy.can_reset_second_factor(request.user, user):
            raise PermissionDenied
        self._reset(request, user)
        messages.success(
            request, gettext("%(user)s sets up a new log-in code at the next log-in.") % {"user": user}
        )
        return redirect("admin:auth_user_change", pk)

    def _reset(self, request, user) -> None:
        second_factor.reset(user=user)
        self.log_change(request, user, gettext("Reset the log-in code (second factor)."))

    @admin.action(description=_("Reset the log-in code of the selected users (a lost phone)"))
    def reset_second_factor(self, request, queryset):
        allowed = [user for user in queryset if policy.can_reset_second_factor(request.user, user)]
        for user in allowed:
            self._reset(request, user)
        self.message_user(
            request,
            ngettext(
                "%(count)d user sets up a new log-in code at the next log-in.",
                "%(count)d users set up a new log-in code at the next log-in.",
                len(allowed),
            )
            % {"count": len(allowed)},
        )
        if len(allowed) < queryset.count():
            self.message_user(
                request,
                gettext("Your own log-in code, and a superuser's unless you are one, are not reset here."),
                messages.WARNING,
            )


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
