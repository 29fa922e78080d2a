"""A user's institution is set on the user's own admin page."""
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from accounts.models import Affiliation


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
