"""What the admin does with values no page of it sends: Django's admin looks them up as they
come, so a record's key that is no key ("abc" for a number, or a NUL, which PostgreSQL refuses
in any text) answers a server error in two places, which these two wrappers close for every
ModelAdmin at once (the admin has no base class of ours to hold them):

- an action on chosen rows (`_selected_action`): the rows are filtered by the keys as sent, so
  a key that is none is told as no row chosen, Django's own message, and nothing is changed;
- a form shown again with an autocomplete field's error: the field says "Select a valid choice",
  but its widget looks the value up again to show it; a value that is no key is not shown."""

from django.contrib import messages
from django.contrib.admin import ModelAdmin, helpers
from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.hostile import refused


def _is_key(field, value) -> bool:
    """Whether `value`, as posted, can be looked up as a value of `field`."""
    if refused(str(value)):
        return False
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


def _optgroups_of_keys(optgroups):
    def wrapped(self, name, value, attr=None):
        remote = self.field.remote_field
        options = remote.model._meta
        target = options.get_field(getattr(remote, "field_name", None) or options.pk.name)
        return optgroups(self, name, [v for v in value if _is_key(target, v)], attr)

    return wrapped


def _actions_on_keys(response_action):
    def wrapped(self, request, queryset):
        chosen = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(_is_key(self.model._meta.pk, key) for key in chosen):
            self.message_user(
                request,
                _("Items must be selected in order to perform actions on them. No items have been changed."),
                messages.WARNING,
            )
            return None  # the change list then shows the message again, as for no row chosen
        return response_action(self, request, queryset)

    return wrapped


def guard_the_admin() -> None:
    """Wrap the two lookups, once (BackofficeConfig.ready)."""
    if not getattr(AutocompleteMixin.optgroups, "keys_only", False):
        AutocompleteMixin.optgroups = _optgroups_of_keys(AutocompleteMixin.optgroups)
        AutocompleteMixin.optgroups.keys_only = True
        ModelAdmin.response_action = _actions_on_keys(ModelAdmin.response_action)
