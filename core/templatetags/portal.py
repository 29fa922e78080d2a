"""Small template helpers shared by every page."""

import re

from django import template
from django.template.base import Node, TextNode
from django.urls import translate_url

register = template.Library()

# A line break of the template's own text, with the spaces and indentation around it.
_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")


@register.simple_tag(takes_context=True)
def url_in_language(context, lang):
    """The page being shown, in another language (/en/... <-> /es/...)."""
    request = context["request"]
    return translate_url(request.get_full_path(), lang)


class OnelineNode(Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return self.nodelist.render(context)


@register.tag
def oneline(parser, token):
    """{% oneline %}...{% endoneline %}: the block renders as if it were written on one line.
    The line breaks of the template's own text, with the spaces and indentation around them,
    are dropped when the template is read, so a piece shown inside a sentence (an include, a
    link's text) can be laid out one tag a line without a stray space in its output. What
    tags and variables render keeps its line breaks. A space meant for the output is written
    inside a line, never at its start or end, and an HTML tag's attributes stay on one line."""
    nodelist = parser.parse(("endoneline",))
    parser.delete_first_token()
    for node in nodelist.get_nodes_by_type(TextNode):
        node.s = _LINE_BREAK.sub("", node.s)
    return OnelineNode(nodelist)
