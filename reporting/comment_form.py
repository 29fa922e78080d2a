"""The box in which the secretariat or a group's focal point writes to the other side about a
group report (reporting/services/comments.py keeps and sends it)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.limits import REMARK


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=REMARK,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("The other side is e-mailed it; both keep it in this conversation."),
    )
