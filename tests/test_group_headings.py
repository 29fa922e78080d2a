"""A group without a theme or a single output (a network has none) is headed by its name
everywhere: the reading pages, the signed-in pages and the documents."""

import pytest
from django.test import Client

from reports.rendering import render_document

from .support import factories
from .support.pdf_reading import outline_titles, pdf_text
from .support.second_factor import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(db):
    programme = factories.programme(start_year=2036)  # the latest: the current programme
    group = factories.group(
        programme,
        name_en="Statistical Training Network",
        name_es="Red de Capacitación Estadística",
        theme_en="",
        theme_es="",
        output_en="",
        output_es="",
    )
    group.full_clean()
    factories.activity(group)
    return group


@pytest.mark.parametrize(
    "lang, name", [("en", "Statistical Training Network"), ("es", "Red de Capacitación Estadística")]
)
def test_the_pages_head_it_by_its_name(client, network, lang, name):
    home = client.get(f"/{lang}/").content.decode()
    assert f">{name}</a>" in home and ("Theme:" if lang == "en" else "Tema:") not in home
    page = client.get(f"/{lang}/groups/2036-2037/I/").content.decode()
    assert f'<h1><span class="numeral">I.</span> {name}</h1>' in page


def test_the_programme_document_heads_it_by_its_name(network):
    document = factories.document(
        symbol="LC/CEA.99/5",
        kind="programme",
        programme=network.programme,
        meeting=network.programme.approved_at,
    )
    content = render_document(document, "es")
    assert "I. Red de Capacitación Estadística" in outline_titles(content)
    assert "Tema:" not in pdf_text(content)


def test_the_progress_page_heads_it_by_its_name(network, secretariat_user):
    round_ = factories.reporting_round(network.programme, status="open")
    client = Client()
    log_in(client, secretariat_user)
    page = client.get(f"/en/rounds/{round_.meeting.code}/2036-2037/I/").content.decode()
    assert "Statistical Training Network</h1>" in page
