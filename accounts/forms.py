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


class CodeForm(forms.Form):
    """A one-time code: six digits from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("The six digits your authenticator app shows now, or one of your recovery codes."),
        error_messages={"required": _("Type the code your authenticator app shows.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class AppCodeForm(CodeForm):
    """The first code of an app being enrolled: it proves the app holds the key."""

    code = forms.CharField(
        label=_("Code from the app"),
        max_length=40,
        help_text=_("After adding the account to the app, type the six digits it shows for it."),
        error_messages={"required": _("Type the six digits the app shows for the new account.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
