"""{% tr obj "field" %}: a translated text in the reader's language, or the other language
visibly marked as untranslated, so that nothing is silently blank."""
from django import template
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext

from groups.bilingual import shown

register = template.Library()


def _render(obj, field, paragraphs):
    value = shown(obj, field)
    if not value.untranslated:
        return linebreaks(value.text, autoescape=True) if paragraphs else value.text
    body = linebreaks(value.text, autoescape=True) if paragraphs else value.text
    tag = "div" if paragraphs else "span"
    return format_html(
        '<{tag} class="untranslated" lang="{lang}"><span class="untranslated-mark">[{mark}]</span> {body}</{tag}>',
        tag=tag, lang=value.lang, body=body,
        mark=gettext("Not yet translated; shown in %(language)s") % {"language": value.lang.upper()},
    )


@register.simple_tag
def tr(obj, field):
    """One line of text."""
    return _render(obj, field, paragraphs=False)


@register.simple_tag
def tr_paragraphs(obj, field):
    """A long text whose blank lines separate paragraphs."""
    return _render(obj, field, paragraphs=True)
