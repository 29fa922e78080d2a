"""The templates themselves: laid out to be read, and the tags and filters they share."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.template import Context, Template

from groups.models import WorkingGroup

MAX_LINE = 160


def _template_files():
    """Every file in the project's template folders: TEMPLATES' DIRS and each of our apps' templates/."""
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    folders += [
        Path(app.path) / "templates"
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(settings.BASE_DIR) and "site-packages" not in Path(app.path).parts
    ]
    return sorted(
        path for folder in folders if folder.is_dir() for path in folder.rglob("*") if path.is_file()
    )


def test_the_walk_finds_the_project_and_app_templates():
    found = {str(path.relative_to(settings.BASE_DIR)) for path in _template_files()}
    assert {"templates/base.html", "spreadsheets/templates/spreadsheets/includes/preview.html"} <= found
    assert not any("site-packages" in name for name in found)


def test_no_template_line_is_over_160_characters():
    long_lines = [
        f"{path.relative_to(settings.BASE_DIR)}:{number} ({len(line)} characters)"
        for path in _template_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > MAX_LINE
    ]
    assert not long_lines, f"Template lines over {MAX_LINE} characters:\n" + "\n".join(long_lines)


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
