from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AccessToken

NAME = AccessToken._meta.get_field("name")


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the new token"),
        max_length=NAME.max_length,
        help_text=NAME.help_text,
        error_messages={"required": _("Give the token a name, to know later what uses it.")},
    )
    # Once per form shown (accounts.views.tokens): sending the same form again, as reloading
    # the page that shows a new token does, makes no second token.
    key = forms.CharField(widget=forms.HiddenInput, required=False)
