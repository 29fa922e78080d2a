"""A short bilingual help page for each role (issue 17), linked from where each role works."""

import pytest

from .support.second_factor import log_in
from .test_progress_form import submit_all, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "lang, headings",
    [
        (
            "en",
            [
                "Focal points of the coordinating countries",
                "Working offline: the progress workbook",
                "The secretariat: review and publication",
                "Readers",
            ],
        ),
        (
            "es",
            [
                "Puntos focales de los países coordinadores",
                "Trabajar sin conexión: el libro de avance",
                "La secretaría: revisión y publicación",
                "Lectores",
            ],
        ),
    ],
)
def test_the_help_page_has_a_part_for_each_role_in_each_language(client, lang, headings):
    html = client.get(f"/{lang}/help/").content.decode()
    for heading in headings:
        assert f">{heading}</h2>" in html


def test_each_role_finds_the_help_where_it_works(client, coordinator, secretariat_user, open_round, group_iv):
    client.force_login(coordinator)
    page = client.get(url(open_round, group_iv)).content.decode()
    assert 'href="/en/help/#focal-points"' in page and 'href="/en/help/#workbook"' in page
    submit_all(client, open_round, group_iv)
    log_in(client, secretariat_user)
    assert 'href="/en/help/#secretariat"' in client.get(url(open_round, group_iv)).content.decode()
    assert (
        'href="/en/help/#secretariat"'
        in client.get(f"/en/rounds/{open_round.meeting.code}/").content.decode()
    )
    assert 'href="/es/help/#secretariat"' in client.get("/es/admin/").content.decode()


GUIDES = "https://guides.example.org/cea"  # no trailing slash: the links add it


@pytest.mark.parametrize(
    "lang, links",
    [
        (
            "en",
            {
                "en/focal-points/": "The focal points' guide",
                "en/focal-points/#workbook": "The progress workbook",
                "en/secretariat/": "The secretariat's guide",
                "en/programme/": "Keeping the programme",
                "en/documents/": "The documents",
                "en/readers/": "Reading the portal",
            },
        ),
        (
            "es",
            {
                "es/puntos-focales/": "Guía de los puntos focales",
                "es/puntos-focales/#workbook": "El libro de avance",
                "es/secretaria/": "Guía de la secretaría",
                "es/programa/": "El programa en la administración",
                "es/documentos/": "Los documentos",
                "es/lectura/": "Consultar el portal",
            },
        ),
    ],
)
def test_each_part_links_to_its_guide_in_the_readers_language(client, settings, lang, links):
    settings.GUIDES_URL = GUIDES
    html = client.get(f"/{lang}/help/").content.decode()
    for page, text in links.items():
        assert f'<a href="{GUIDES}/{page}">{text}</a>' in html
    assert html.count(f'href="{GUIDES}/') == len(links)


def test_no_guide_is_linked_where_no_guides_are_served(client, settings):
    settings.GUIDES_URL = ""
    for lang in ("en", "es"):
        html = client.get(f"/{lang}/help/").content.decode()
        assert "More in the guides" not in html and "Más información en las guías" not in html
        assert "focal-points/" not in html and "puntos-focales/" not in html
