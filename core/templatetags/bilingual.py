"""{% tr obj "field" %}: a translated text in the reader's language, or the other language
visibly marked as untranslated, so that nothing is silently blank. A template whose context
holds an `untranslated` list (the PDF documents) gets each stand-in recorded there.
{% if obj|written:"field" %}: whether there is any such text to show."""

from django import template
from django.utils.html import conditional_escape, format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.bilingual import has_text, shown
from core.wording import and_word

register = template.Library()


def _render(context, obj, field, paragraphs):
    value = shown(obj, field)
    if value.untranslated:
        _record(context, obj, field)
    # linebreaks() escapes the text itself; its <p> and <br> are the only markup let through.
    body = mark_safe(linebreaks(value.text, autoescape=True)) if paragraphs else value.text
    if not value.untranslated:
        return body
    tag = "div" if paragraphs else "span"
    return format_html(
        '<{tag} class="untranslated" lang="{lang}">'
        '<span class="untranslated-mark">[{mark}]</span> {body}</{tag}>',
        tag=tag,
        lang=value.lang,
        body=body,
        mark=gettext("Not yet translated; shown in %(language)s") % {"language": value.lang.upper()},
    )


@register.filter
def written(obj, field):
    """Whether `obj.field` has a text in any of the portal's languages (`obj` may be None)."""
    return obj is not None and has_text(obj, field)


@register.simple_tag(takes_context=True)
def tr(context, obj, field):
    """One line of text."""
    return _render(context, obj, field, paragraphs=False)


@register.simple_tag(takes_context=True)
def tr_paragraphs(context, obj, field):
    """A long text whose blank lines separate paragraphs."""
    return _render(context, obj, field, paragraphs=True)


def _record(context, obj, field):
    if isinstance(context.get("untranslated"), list):
        context["untranslated"].append(f"{obj._meta.verbose_name} {obj.pk}: {field}")


@register.simple_tag(takes_context=True)
def tr_joined(context, objects, field):
    """ "Chile, Mexico and Peru" / "Chile, México y el Perú": each record's text as {% tr %}
    shows it, the last joined with the language's "and" (core.wording.join_and)."""
    objects = list(objects)
    # {% tr %}'s own output: plain text is escaped here, a marked stand-in is already safe.
    parts = [conditional_escape(_render(context, obj, field, paragraphs=False)) for obj in objects]
    if len(parts) < 2:
        return mark_safe("".join(parts))
    last = shown(objects[-1], field).text
    return mark_safe(f"{', '.join(parts[:-1])} {and_word(last)} {parts[-1]}")


@register.simple_tag(takes_context=True)
def tr_phrase(context, obj, *fields):
    """obj.as_phrase() ("Instituto Nacional de Estadística (INE) del Perú"), with the texts it
    is made of (`fields`) recorded as stand-ins where the reader's language lacks them."""
    for field in fields:
        if shown(obj, field).untranslated:
            _record(context, obj, field)
    return obj.as_phrase()


@register.simple_tag(takes_context=True)
def tr_joined_roles(context, roles, template_name="includes/role_name.html"):
    """ "Chile and Mexico": each role as `template_name` names it (stand-ins recorded as
    {% tr %} records them), the last joined with the language's "and"."""
    named = context.template.engine.get_template(template_name)
    parts = []
    for role in roles:
        with context.push(role=role):
            parts.append(named.render(context).strip())
    if len(parts) < 2:
        return mark_safe("".join(parts))
    return mark_safe(f"{', '.join(parts[:-1])} {and_word(parts[-1])} {parts[-1]}")
