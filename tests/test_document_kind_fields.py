"""A document's admin page marks the fields the chosen kind of document does not use: the kinds'
rules (reports/kinds.py) are written into the page as JSON for its script file
(static/js/admin-document-kinds.js; tests/browser/test_admin_browser.py drives it), and saving
still refuses what a kind does not use."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from backoffice.document_kinds import PART_VARIANTS
from reports.kinds import BY_VALUE
from reports.models import Document

from .support.admin_forms import post_data_from

pytestmark = pytest.mark.django_db


def _page(client, document, lang="en"):
    with translation.override(lang):
        url = reverse("admin:reports_document_change", args=[document.pk])
    return url, client.get(url)


def _rules(html) -> dict:
    found = re.search(r'<script id="document-kind-rules" type="application/json">(.*?)</script>', html, re.S)
    assert found, "the page carries no rules"
    return json.loads(found.group(1))


def test_the_page_carries_each_kind_s_rules_and_its_script(secretariat_client):
    document = Document.objects.get(kind="programme")
    _, response = _page(secretariat_client, document)
    html = response.content.decode()
    assert '<script src="/static/js/admin-document-kinds.js" defer></script>' in html
    rules = _rules(html)
    assert set(rules) == set(BY_VALUE)
    programme, progress, group = rules["programme"], rules["progress_report"], rules["group_report"]
    assert programme["must_be"] == {
        "round": "",
        "group": "",
        **{f"{s}_{lang}": "" for s in ("obstacles", "gender", "document_type") for lang in ("en", "es")},
        "layout": "parts",
    }
    assert set(progress["must_be"]) == {"programme", "group", "layout"}
    assert set(group["must_be"]) == {"programme"} | {
        f"{s}_{lang}" for s in ("obstacles", "gender", "document_type") for lang in ("en", "es")
    }
    assert programme["ignored"] == progress["ignored"] == list(PART_VARIANTS) and group["ignored"] == []
    assert (programme["parts"], progress["parts"], group["parts"]) == (False, False, True)
    # Every field a rule names is on the page.
    for rule in rules.values():
        for name in [*rule["must_be"], *rule["ignored"]]:
            assert f'name="{name}"' in html, name


def test_the_notes_are_in_the_clerk_s_language(secretariat_client):
    _, response = _page(secretariat_client, Document.objects.get(kind="programme"), "es")
    rules = _rules(response.content.decode())
    assert rules["programme"]["unused_note"] == (
        "No se usa en este tipo de documento (proyecto de programa bienal)."
    )
    assert rules["group_report"]["refused_note"].startswith("No se usa en este tipo de documento (informe")


def test_saving_still_refuses_what_the_kind_does_not_use(secretariat_client):
    document = Document.objects.get(kind="programme")
    other = Document.objects.exclude(pk=document.pk).exclude(round=None).first()
    url, response = _page(secretariat_client, document)
    data = post_data_from(response)
    data["round"] = str(other.round_id)
    data["obstacles_en"] = "Not a section of a programme"
    data["layout"] = "table"
    refused = secretariat_client.post(url, data)
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.errors
    assert {"round", "obstacles_en", "layout"} <= set(errors)
    document.refresh_from_db()
    assert document.round_id is None and document.obstacles_en == "" and document.layout == "parts"
