"""A short bilingual help page for each role (issue 17), linked from where each role works."""

import pytest

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
    client.force_login(secretariat_user)
    assert 'href="/en/help/#secretariat"' in client.get(url(open_round, group_iv)).content.decode()
    assert (
        'href="/en/help/#secretariat"'
        in client.get(f"/en/rounds/{open_round.meeting.code}/").content.decode()
    )
    assert 'href="/es/help/#secretariat"' in client.get("/es/admin/").content.decode()
