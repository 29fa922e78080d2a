"""The first reading pages: the current programme and a group's page, in both languages."""

import re

import pytest

from activities.models import Activity
from groups.models import Country, WorkingGroup

pytestmark = pytest.mark.django_db


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_root_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302 and response["Location"] == "/es/"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_home_lists_every_group_with_numeral_output_and_coordinators(client, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    page = text_of(response)
    for group in WorkingGroup.objects.with_roles():
        assert group.numeral in page
        assert getattr(group, f"output_{lang}") in page
        for role in group.coordinating_roles:
            assert getattr(role.country, f"name_{lang}") in page
        assert f'href="/{lang}/groups/2020-2021/{group.numeral}/"' in response.content.decode()


def test_home_in_spanish_speaks_spanish(client):
    page = text_of(client.get("/es/"))
    assert "Grupos de trabajo" in page
    assert "Países coordinadores" in page
    assert "Coordinating countries" not in page


@pytest.mark.parametrize("lang", ["en", "es"])
def test_group_page_shows_objectives_roles_and_activities(client, lang):
    group = WorkingGroup.objects.get(number=1)
    response = client.get(f"/{lang}/groups/2020-2021/I/")
    assert response.status_code == 200
    page = text_of(response)
    for objective in group.objectives.all():
        assert getattr(objective, f"text_{lang}")[:60] in page
    assert getattr(Country.objects.get(iso3="ECU"), f"name_{lang}") in page
    for activity in group.activities.all():
        assert getattr(activity, f"text_{lang}")[:60] in page
    assert ("January 2020" if lang == "en" else "enero de 2020") in page


@pytest.mark.parametrize("url", ["/en/", "/es/groups/2020-2021/V/"])
def test_pages_load_nothing_from_outside(client, url):
    html = client.get(url).content.decode()
    assert not re.findall(r'(?:src|href)="((?:https?:)?//[^"]*)"', html)


def test_group_page_language_switcher_keeps_the_page(client):
    html = client.get("/en/groups/2020-2021/IV/").content.decode()
    assert 'href="/es/groups/2020-2021/IV/"' in html


def test_unknown_group_is_404(client):
    assert client.get("/en/groups/2020-2021/XL/").status_code == 404
    assert client.get("/en/groups/1999-2000/I/").status_code == 404
    assert client.get("/en/groups/nonsense/I/").status_code == 404


def test_missing_spanish_is_shown_in_english_and_marked(client):
    activity = Activity.objects.get(group__number=1, order=1)
    activity.text_es = ""
    activity.save()
    html = client.get("/es/groups/2020-2021/I/").content.decode()
    assert 'class="untranslated" lang="en"' in html
    marked = html[html.index('class="untranslated" lang="en"') :][:600]
    assert activity.text_en[:40] in marked


def test_user_text_is_escaped(client):
    activity = Activity.objects.get(group__number=1, order=1)
    activity.text_en = '<img src="file:///etc/passwd">'
    activity.save()
    html = client.get("/en/groups/2020-2021/I/").content.decode()
    assert '<img src="file:///etc/passwd">' not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html


def test_long_texts_become_paragraphs_not_escaped_markup(client):
    html = client.get("/en/groups/2020-2021/I/").content.decode()
    assert "&lt;p&gt;" not in html
    assert "<p>A preliminary version of the translated" in html


def test_pages_link_to_the_documents(client):
    html = client.get("/es/").content.decode()
    assert 'href="/es/documents/"' in html and ">Documentos<" in html
