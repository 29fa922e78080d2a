"""The secretariat's admin: every page opens in both languages, nothing loads from outside,
and bad input is refused next to its field with nothing written."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from activities.models import Activity, ProgrammeArea
from groups.models import Event, Figure, Link, WorkingGroup
from reporting.models import ProgressChange, ProgressEntry, ReportingRound
from reporting.services import progress_admin_save

from .support import factories
from .support.admin_forms import post_data_from
from .support.db_state import APPS

pytestmark = pytest.mark.django_db

# Users' API tokens are the superusers' to see, as users are: tests/test_api_tokens_admin.py;
# the e-mail outbox is read only, with pages of its own: tests/test_outbox.py; the drafting's
# records, which the fixtures do not hold: tests/test_drafting_admin.py.
ELSEWHERE = ("accounts.AccessToken", "core.OutgoingEmail", "reporting.Drafting", "reporting.Proposal")
ELSEWHERE += ("reporting.ProposalComment", "reporting.ProposalReminder")
PORTAL_MODELS = [
    m
    for m in admin.site._registry
    if m._meta.app_label in APPS and m._meta.app_label != "auth" and m._meta.label not in ELSEWHERE
]
# Written by the services only: the admin lists and shows them, nobody adds or edits one.
READ_ONLY_MODELS = {ProgressChange}


def admin_url(model, view, lang, *args):
    with translation.override(lang):
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def assert_no_external_resources(response):
    html = response.content.decode()
    # Loaded, not linked: a link a clerk entered (a network's site) is the clerk's to follow.
    external = re.findall(r'(?:src="|<link\b[^>]*href=")((?:https?:)?//[^"]*)"', html)
    assert not external, external


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("model", PORTAL_MODELS, ids=lambda m: m._meta.label)
def test_every_list_add_and_change_page_opens(secretariat_client, secretariat_user, model, lang):
    urls = [admin_url(model, "changelist", lang)]
    if model in READ_ONLY_MODELS:
        assert secretariat_client.get(admin_url(model, "add", lang)).status_code == 403
        entry = ProgressEntry.objects.select_related("round", "activity__group").first()
        entry.percent = 100 - entry.percent
        progress_admin_save(entry=entry, user=secretariat_user, seen_version=None, reason="A correction")
    else:
        urls.append(admin_url(model, "add", lang))
    for url in urls:
        response = secretariat_client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Language"] == lang
        assert_no_external_resources(response)
    obj = model._default_manager.order_by("pk").first()
    if obj is None and model in (ProgrammeArea, Event, Figure, Link):  # the older reports' parts
        obj = factories.part_of_a_group(model)
    assert obj is not None, f"the fixtures have no {model._meta.label}"
    response = secretariat_client.get(admin_url(model, "change", lang, obj.pk))
    assert response.status_code == 200
    assert_no_external_resources(response)


def test_months_are_typed_as_months(secretariat_client):
    html = secretariat_client.get(admin_url(Activity, "add", "en")).content.decode()
    assert 'type="month" name="start_month"' in html and 'type="month" name="end_month"' in html


def test_admin_interface_follows_the_language(secretariat_client):
    response = secretariat_client.get(admin_url(WorkingGroup, "changelist", "es"))
    html = response.content.decode()
    assert "Grupos de trabajo" in html
    # The site's language switcher leads to the same admin page in English.
    assert f'href="{admin_url(WorkingGroup, "changelist", "en")}"' in html


def test_working_group_page_holds_its_texts_and_roles_and_links_its_other_parts(secretariat_client):
    group = WorkingGroup.objects.get(number=5)
    response = secretariat_client.get(admin_url(WorkingGroup, "change", "en", group.pk))
    prefixes = {inline.formset.prefix for inline in response.context["inline_admin_formsets"]}
    assert prefixes == {"roles", "plan_rows"}  # a few plan rows a group: on its page too
    html = response.content.decode()
    assert 'name="name_en"' in html and 'name="name_es"' in html
    inputs = len(re.findall(r"<(?:input|select|textarea)\b", html))
    assert inputs < 150, f"{inputs} inputs on one page"
    parts = {part["name"]: part for part in response.context["group_parts"]}
    assert parts["Activities"]["count"] == group.activities.count() > 0
    assert parts["Objectives"]["count"] == group.objectives.count() > 0
    assert {"Programme areas", "Events", "Figures", "Links", "Outputs", "Financing sources"} <= set(parts)
    listed = secretariat_client.get(parts["Activities"]["list"])
    assert listed.status_code == 200 and listed.context["cl"].result_count == group.activities.count()
    assert (
        f'href="{parts["Activities"]["list"]}"'.replace("&", "&amp;") in html
        or parts["Activities"]["list"] in html
    )
    add = secretariat_client.get(parts["Events"]["add"])
    assert add.status_code == 200 and add.context["adminform"].form.initial["group"] == str(group.pk)


@pytest.mark.parametrize("query", ["programme=1", "theme=gender", "coordinator=MEX", "round=1"])
def test_activity_list_filters(secretariat_client, query):
    round_ = ReportingRound.objects.get()
    query = query.replace("round=1", f"round={round_.pk}").replace(
        "programme=1", f"programme={round_.programme_id}"
    )
    response = secretariat_client.get(admin_url(Activity, "changelist", "en") + "?" + query)
    assert response.status_code == 200
    shown = response.context["cl"].result_count
    assert 0 < shown < Activity.objects.count() or query.startswith("programme")


def test_group_list_filter_by_coordinating_country(secretariat_client):
    response = secretariat_client.get(admin_url(WorkingGroup, "changelist", "en") + "?coordinator=COL")
    numerals = sorted(g.number for g in response.context["cl"].result_list)
    assert numerals == [1, 7, 8, 9]  # fixtures/working_groups.yaml: DANE@COL coordinates these


@pytest.mark.parametrize(
    "lang,value,message",
    [
        ("en", "101", "Ensure this value is less than or equal to 100."),
        ("en", "-1", "Ensure this value is greater than or equal to 0."),
        ("en", "abc", "Enter a whole number."),
        ("es", "101", "Asegúrese de que este valor es menor o igual a 100."),
    ],
)
def test_bad_percentage_is_refused_next_to_the_field(secretariat_client, lang, value, message):
    entry = ProgressEntry.objects.order_by("pk").first()
    url = admin_url(ProgressEntry, "change", lang, entry.pk)
    data = post_data_from(secretariat_client.get(url))
    data["percent"] = value
    data["reason"] = "A correction"  # the fixtures' rounds are closed: a change needs a reason
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    field_errors = response.context["adminform"].form.errors
    assert list(field_errors) == ["percent"]
    html = response.content.decode()
    field_block = html[html.index('class="form-row errors field-percent') :]
    assert message in field_block[: field_block.index('name="percent"')]
    entry_after = ProgressEntry.objects.get(pk=entry.pk)
    assert entry_after.percent == entry.percent


def test_duplicate_progress_entry_is_refused(secretariat_client):
    entry = ProgressEntry.objects.order_by("pk").first()
    before = ProgressEntry.objects.count()
    url = admin_url(ProgressEntry, "add", "en")
    response = secretariat_client.post(
        url,
        {
            "round": entry.round_id,
            "activity": entry.activity_id,
            "percent": "50",
            "remarks_en": "again",
            "remarks_es": "otra vez",
        },
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert ProgressEntry.objects.count() == before


def test_end_month_before_start_is_refused(secretariat_client):
    activity = Activity.objects.filter(start_month__isnull=False, end_month__isnull=False).first()
    url = admin_url(Activity, "change", "en", activity.pk)
    data = post_data_from(secretariat_client.get(url))
    data["start_month"], data["end_month"] = "2021-05", "2021-02"
    data["text_en"] = "A changed text that must not be saved"
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    assert "The end month cannot be before the start month." in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).text_en == activity.text_en


def test_unchanged_activity_form_saves(secretariat_client):
    """The helper posts what the browser would: an untouched form saves cleanly."""
    activity = Activity.objects.filter(start_month__isnull=False).first()
    url = admin_url(Activity, "change", "en", activity.pk)
    data = post_data_from(secretariat_client.get(url))
    data["text_es"] = activity.text_es + " (revisado)"
    response = secretariat_client.post(url, data)
    assert response.status_code == 302
    assert Activity.objects.get(pk=activity.pk).text_es.endswith("(revisado)")


def test_duplicate_activity_order_in_a_group_writes_nothing(secretariat_client):
    first, second = Activity.objects.filter(group__number=5).order_by("order")[:2]
    url = admin_url(Activity, "change", "en", second.pk)
    data = post_data_from(secretariat_client.get(url))
    data["order"] = str(first.order)
    data["text_en"] = "Renamed activity"
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Activity.objects.get(pk=second.pk).text_en == second.text_en


@pytest.mark.parametrize(
    "lang, message", [("en", "marked as not used, yet written"), ("es", "marcado como no usado")]
)
def test_texts_not_used_in_a_language_are_ticked_and_a_written_one_is_refused(
    secretariat_client, lang, message
):
    group = WorkingGroup.objects.get(number=5)
    url = admin_url(WorkingGroup, "change", lang, group.pk)
    page = secretariat_client.get(url)
    html = page.content.decode()
    assert 'type="checkbox" name="unused_texts" value="theme_es"' in html
    data = post_data_from(page)
    data["unused_texts"] = ["theme_es"]
    response = secretariat_client.post(url, data)
    assert response.status_code == 200 and message in response.content.decode()
    assert WorkingGroup.objects.get(pk=group.pk).unused_texts == group.unused_texts
    data.update({"theme_es": "", "unused_texts": ["theme_es"]})
    assert secretariat_client.post(url, data).status_code == 302
    assert WorkingGroup.objects.get(pk=group.pk).unused_texts == ["theme_es"]
