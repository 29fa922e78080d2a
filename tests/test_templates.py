"""The templates themselves: the tags and filters they share."""

import pytest
from django.template import Context, Template

from groups.models import WorkingGroup


def _written(group):
    template = Template('{% load bilingual %}{% if group|written:"theme" %}yes{% else %}no{% endif %}')
    return template.render(Context({"group": group}))


@pytest.mark.parametrize(
    ("theme_en", "theme_es", "expected"),
    [
        ("statistics", "estadísticas", "yes"),
        ("statistics", "", "yes"),
        ("", "estadísticas", "yes"),
        ("", "", "no"),
    ],
)
def test_written_is_true_when_either_language_has_the_text(theme_en, theme_es, expected):
    assert _written(WorkingGroup(theme_en=theme_en, theme_es=theme_es)) == expected


def test_written_is_false_without_a_record():
    assert _written(None) == "no"


def test_oneline_drops_the_templates_line_breaks_and_keeps_the_texts():
    template = Template(
        "{% load portal %}<p>{% oneline %}\n"
        "  {% for word in words %}\n"
        "    <b>{{ word }}</b>{% if not forloop.last %}, {% endif %}\n"
        "  {% endfor %}\n"
        "  {{ note }}\n"
        "{% endoneline %}</p>\n"
    )
    rendered = template.render(Context({"words": ["one", "two"], "note": "first line\nsecond line"}))
    assert rendered == "<p><b>one</b>, <b>two</b>first line\nsecond line</p>\n"
