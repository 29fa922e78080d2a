"""{% tr obj "field" %}: a translated text in the reader's language, or the other language
visibly marked as untranslated, so that nothing is silently blank. A template whose context
holds an `untranslated` list (the PDF documents) gets each stand-in recorded there."""
from django import template
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.bilingual import shown

register = template.Library()


def _render(context, obj, field, paragraphs):
    value = shown(obj, field)
    if value.untranslated and isinstance(context.get("untranslated"), list):
        context["untranslated"].append(f"{obj._meta.verbose_name} {obj.pk}: {field}")
    # linebreaks() escapes the text itself; its <p> and <br> are the only markup let through.
    body = mark_safe(linebreaks(value.text, autoescape=True)) if paragraphs else value.text
    if not value.untranslated:
        return body
    tag = "div" if paragraphs else "span"
    return format_html(
        '<{tag} class="untranslated" lang="{lang}"><span class="untranslated-mark">[{mark}]</span> {body}</{tag}>',
        tag=tag, lang=value.lang, body=body,
        mark=gettext("Not yet translated; shown in %(language)s") % {"language": value.lang.upper()},
    )


@register.simple_tag(takes_context=True)
def tr(context, obj, field):
    """One line of text."""
    return _render(context, obj, field, paragraphs=False)


@register.simple_tag(takes_context=True)
def tr_paragraphs(context, obj, field):
    """A long text whose blank lines separate paragraphs."""
    return _render(context, obj, field, paragraphs=True)
