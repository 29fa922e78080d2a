"""Readers are told what is going on (issue 26): the home page names the round open for reporting,
its deadline and how many groups have submitted, and the newest document with its files; the
header offers Help to everyone; "My working groups" says why it asks an anonymous reader to log in."""

import datetime
import re

import pytest

from groups.models import Meeting, WorkingGroup

from .support import factories

pytestmark = pytest.mark.django_db

SECTION = re.compile(
    r'<section class="news-item" aria-labelledby="(?P<id>[\w-]+)">(?P<html>.*?)</section>', re.S
)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def news(client, lang="en") -> dict[str, str]:
    """The home page's news sections by their heading's id, as HTML."""
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    return {m["id"]: m["html"] for m in SECTION.finditer(response.content.decode())}


def _reports(open_round, statuses):
    groups = WorkingGroup.objects.filter(programme=open_round.programme).order_by("number")
    for group, status in zip(groups, statuses, strict=False):
        extra = {"review_comment": "Please check activity 2."} if status == "returned" else {}
        factories.group_report(open_round, group, status=status, **extra)
    return groups.count()


@pytest.mark.parametrize(
    "lang, deadline, counted",
    [
        ("en", "1 March 2031", "2 of {total} working groups have submitted their report."),
        ("es", "1 de marzo de 2031", "2 de {total} grupos de trabajo han presentado su informe."),
    ],
)
def test_the_home_page_names_the_open_round_its_deadline_and_who_submitted(
    client, open_round, lang, deadline, counted
):
    # Submitted and accepted count; a draft, a returned report and a group not started do not.
    total = _reports(open_round, ["submitted", "accepted", "draft", "returned"])
    section = news(client, lang)["open-round-heading"]
    shown = text_of(section)
    assert ("Reporting round open" if lang == "en" else "Ronda de informes abierta") in shown
    assert open_round.meeting.code in shown and deadline in shown
    assert counted.format(total=total) in shown
    assert f'href="/{lang}/progress/{open_round.meeting.code}/"' in section


def test_one_submitted_group_and_none_are_worded_as_such(client, open_round):
    total = WorkingGroup.objects.filter(programme=open_round.programme).count()
    assert f"None of the {total} working groups has submitted its report yet." in text_of(
        news(client)["open-round-heading"]
    )
    assert f"Ninguno de los {total} grupos de trabajo ha presentado aún su informe." in text_of(
        news(client, "es")["open-round-heading"]
    )
    _reports(open_round, ["submitted"])
    assert f"1 of {total} working groups has submitted its report." in text_of(
        news(client)["open-round-heading"]
    )
    assert f"1 de {total} grupos de trabajo ha presentado su informe." in text_of(
        news(client, "es")["open-round-heading"]
    )


def test_an_anonymous_readers_home_page_follows_a_submission(client, open_round):
    """The anonymous readers' copy of the page is kept in a cache: a submission starts it anew."""
    total = WorkingGroup.objects.filter(programme=open_round.programme).count()
    assert "None of the" in text_of(news(client)["open-round-heading"])
    _reports(open_round, ["submitted"])
    assert f"1 of {total} working groups" in text_of(news(client)["open-round-heading"])


def test_without_an_open_round_the_home_page_says_nothing_of_one(client):
    assert "open-round-heading" not in news(client)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_home_page_offers_the_newest_document_with_its_files(client, lang):
    programme = factories.programme(start_year=2040)
    meeting = Meeting.objects.create(
        body=Meeting.Body.EXECUTIVE_COMMITTEE,
        number=59,
        is_virtual=True,
        start_date=datetime.date(2041, 5, 1),
        end_date=datetime.date(2041, 5, 2),
    )
    newest = factories.document(
        symbol="LC/CE.59/2", kind="programme", programme=programme, meeting=meeting, title_es="Informe nuevo"
    )
    section = news(client, lang)["latest-document-heading"]
    assert newest.symbol in section
    assert ("Report on tests" if lang == "en" else "Informe nuevo") in text_of(section)
    assert "LC/CE.20/3" not in section  # an older one of the fixtures
    for code in ("en", "es"):
        assert f'href="/{lang}/documents/{newest.symbol}/{code}.pdf"' in section
        assert f'href="/{lang}/documents/{newest.symbol}/{code}.docx"' in section
    assert f'href="/{lang}/documents/"' in section


@pytest.mark.parametrize("lang, label", [("en", "Help"), ("es", "Ayuda")])
def test_the_header_offers_help_to_anonymous_readers_too(client, lang, label):
    html = client.get(f"/{lang}/countries/").content.decode()
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    assert f'<a href="/{lang}/help/">{label}</a>' in header
    assert "my-groups" not in header  # what an anonymous reader cannot open is not offered


@pytest.mark.parametrize(
    "lang, why",
    [
        ("en", "“My working groups” lists the working groups your institution reports for"),
        ("es", "“Mis grupos de trabajo” muestra los grupos de trabajo sobre los que informa su institución"),
    ],
)
def test_my_working_groups_tells_an_anonymous_reader_why_to_log_in(client, lang, why):
    response = client.get(f"/{lang}/my-groups/", follow=True)
    assert response.redirect_chain == [(f"/{lang}/accounts/login/?next=/{lang}/my-groups/", 302)]
    page = response.content.decode()
    assert why in text_of(page)
    assert f'<a href="/{lang}/">' in page[page.index('id="why-log-in"') :]  # reading needs no account
    # Logging in from the header's link, from a public page, needs no such explanation.
    assert (
        'id="why-log-in"'
        not in client.get(f"/{lang}/accounts/login/?next=/{lang}/countries/").content.decode()
    )


def test_a_group_reports_page_tells_why_to_log_in(client, open_round, group_iv):
    response = client.get(f"/es/rounds/{open_round.meeting.code}/2020-2021/IV/", follow=True)
    assert "inicie sesión para abrirlo" in text_of(response.content.decode())
