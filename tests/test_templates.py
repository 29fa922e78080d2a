"""The templates themselves: the bilingual filters they share."""

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
