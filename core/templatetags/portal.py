"""Small template helpers shared by every page."""

from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, lang):
    """The page being shown, in another language (/en/... <-> /es/...)."""
    request = context["request"]
    return translate_url(request.get_full_path(), lang)
