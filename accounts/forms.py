from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AccessToken


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name of the new token"), max_length=AccessToken._meta.get_field("name").max_length,
                           help_text=AccessToken._meta.get_field("name").help_text)
