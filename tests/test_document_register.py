"""The document register: its rules, its fixtures, the public page and PDF links, the admin's
download and issue actions, the render_document command and a report of a working group."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from groups.models import GroupRole, Institution, Meeting, Programme, WorkingGroup
from reports.models import Document, IssuedFile

from .support import factories
from .support.pdf_reading import column_numbers, outline_titles, pdf_text
from .support.published import SECOND_REPORT
from .support.second_factor import log_in

pytestmark = pytest.mark.django_db


def test_fixtures_register_both_documents():
    programme_doc = Document.objects.get(symbol="LC/CEA.10/5")
    assert (programme_doc.kind, programme_doc.meeting.code, programme_doc.programme.period) == (
        "programme",
        "CEA.10",
        "2020-2021",
    )
    assert programme_doc.date_en == datetime.date(2019, 11, 18) and programme_doc.job_number == "19-01007"
    report = Document.objects.get(symbol="LC/CE.20/3")
    assert (report.kind, report.meeting.code, report.round.number) == ("progress_report", "CE.20", 2)
    assert report.date_es == datetime.date(2021, 4, 5) and report.original_language == "es"
    assert report.obstacles_en.startswith("One of the main obstacles")
    assert report.gender_es and report.document_type_es and report.introduction_es
    assert not report.is_issued


@pytest.mark.parametrize(
    "kind, covers, field",
    [
        ("programme", {}, "programme"),
        ("progress_report", {}, "round"),
        ("group_report", {"round": True}, "group"),
        ("programme", {"programme": True, "round": True}, "round"),
    ],
)
def test_a_document_covers_what_its_kind_needs(kind, covers, field, second_round):
    values = {"programme": Programme.objects.get(start_year=2020), "round": second_round}
    document = Document(
        symbol="LC/CE.20/9",
        kind=kind,
        title_en="T",
        date_en=datetime.date(2021, 1, 1),
        meeting=second_round.meeting,
        **{k: values[k] for k in covers},
    )
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert field in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        document.save()


def test_sections_a_kind_does_not_show_are_refused(second_round):
    document = Document(
        symbol="LC/CE.20/9",
        kind="group_report",
        title_en="T",
        title_es="T",
        date_en=datetime.date(2021, 1, 1),
        meeting=second_round.meeting,
        round=second_round,
        group=WorkingGroup.objects.get(number=4, programme__start_year=2020),
        obstacles_es="Texto que el informe de un grupo no muestra",
    )
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "obstacles_es" in error.value.message_dict


@pytest.mark.parametrize("symbol", ["lc/ce.20/3", "LC CE 20", "LC/", "LC/CE.20/3<script>"])
def test_symbols_follow_the_un_pattern(symbol, second_round):
    document = Document(
        symbol=symbol,
        kind="progress_report",
        title_en="T",
        date_en=datetime.date(2021, 1, 1),
        meeting=second_round.meeting,
        round=second_round,
    )
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "symbol" in error.value.message_dict


@pytest.mark.parametrize(
    "lang, words",
    [
        (
            "en",
            ["Documents", "LC/CE.20/3", "Second report on the implementation", "Final: its round is closed"],
        ),
        (
            "es",
            [
                "Documentos",
                "LC/CEA.10/5",
                "Segundo informe sobre la ejecución",
                "Definitivo: su ronda está cerrada",
            ],
        ),
    ],
)
def test_register_page_lists_documents_in_the_current_language(client, lang, words):
    response = client.get(f"/{lang}/documents/")
    assert response.status_code == 200
    html = response.content.decode()
    for word in words:
        assert word in html
    for code in ("en", "es"):
        assert f'href="/{lang}/documents/LC/CE.20/3/{code}.pdf"' in html


def test_pdf_link_serves_the_pdf(client):
    response = client.get("/es/documents/LC/CE.20/3/es.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="LC-CE.20-3_es.pdf"'
    assert "Avance (porcentajes)" in pdf_text(response.content)
    assert client.get("/es/documents/LC/CE.20/3/fr.pdf").status_code == 404
    assert client.get("/es/documents/LC/CE.99/1/en.pdf").status_code == 404
    assert client.post("/es/documents/LC/CE.20/3/es.pdf").status_code == 405


def test_admin_download_action_returns_the_pdf_in_the_admin_language(secretariat_client):
    document = Document.objects.get(symbol="LC/CE.20/3")
    url = "/en/admin/reports/document/"
    response = secretariat_client.post(
        "/es/admin/reports/document/", {"action": "download_pdf", "_selected_action": [document.pk]}
    )
    assert response["Content-Type"] == "application/pdf"
    assert "Observaciones" in pdf_text(response.content)
    both = Document.objects.values_list("pk", flat=True)
    response = secretariat_client.post(
        url, {"action": "download_pdf", "_selected_action": list(both)}, follow=True
    )
    assert "Select exactly one document" in response.content.decode()


def test_admin_issue_action_freezes_the_pdfs(secretariat_client):
    document, _activity = factories.small_report()
    url = "/en/admin/reports/document/"
    response = secretariat_client.post(
        url, {"action": "issue", "_selected_action": [document.pk]}, follow=True
    )
    assert f"{document.symbol} issued." in response.content.decode()
    assert IssuedFile.objects.filter(document=document).count() == 4  # a PDF and a Word file each
    change = f"/en/admin/reports/document/{document.pk}/change/"
    page = secretariat_client.get(change).content.decode()
    assert IssuedFile.objects.get(document=document, language="en", format="pdf").sha256 in page
    assert 'name="title_en"' not in page  # frozen: shown, not editable
    assert secretariat_client.post(change, {"title_en": "Changed"}).status_code == 403
    delete = f"/en/admin/reports/document/{document.pk}/delete/"
    assert secretariat_client.get(delete).status_code == 403


def test_issuing_needs_its_own_permission(client):
    document, _activity = factories.small_report()
    clerk = get_user_model().objects.create_user("editor", password="pw", is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="reports", codename__in=["view_document", "change_document"]
        )
    )
    log_in(client, clerk)
    url = reverse("admin:reports_document_changelist")
    page = client.get(url).content.decode()
    assert 'value="download_pdf"' in page and 'value="issue"' not in page
    client.post(url, {"action": "issue", "_selected_action": [document.pk]})
    assert not IssuedFile.objects.filter(document=document).exists()


def test_anonymous_visitors_cannot_reach_the_register_admin(client):
    url = reverse("admin:reports_document_changelist")
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_render_document_writes_html_and_pdf(tmp_path):
    html = tmp_path / "report.html"
    out = io.StringIO()
    call_command(
        "render_document",
        "LC/CEA.10/5",
        "--lang",
        "es",
        "--output",
        str(html),
        "--format",
        "html",
        stdout=out,
    )
    text = html.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and 'lang="es"' in text and "Plan de actividades" in text
    assert "HTML (live data)" in out.getvalue()
    with pytest.raises(CommandError, match="No document 'LC/XX/1'"):
        call_command("render_document", "LC/XX/1", "--lang", "es", "--output", str(html))


@pytest.fixture
def group_document(second_round):
    """A report of a working group (a document) on group X (member countries in the fixtures),
    with a participating body and two activities placed under its first specific objective."""
    group = WorkingGroup.objects.get(programme__start_year=2020, number=10)
    GroupRole.objects.create(
        group=group, role="participating", order=1, institution=Institution.objects.get(code="UNODC")
    )
    objective = group.objectives.filter(kind="specific").first()
    group.activities.filter(order__in=[2, 3]).update(objective=objective)
    return Document.objects.create(
        symbol="LC/CE.20/DDR/10",
        kind="group_report",
        round=second_round,
        group=group,
        meeting=second_round.meeting,
        title_en="Report of the Working Group on Security and Justice",
        title_es="Informe del Grupo de Trabajo sobre Seguridad y Justicia",
        date_en=datetime.date(2021, 3, 30),
        date_es=datetime.date(2021, 3, 30),
    )


def test_group_document_in_english(group_document):
    content = _render(group_document, "en")
    pdf = pdf_text(content)
    for heading in (
        "Coordinating country",
        "Member countries",
        "Technical secretariat",
        "Participating bodies",
        "United Nations Office on Drugs and Crime",
        "Programme of work 2020-2021",
        "General and specific objectives",
        "Activities and action lines for the period",
        "Outputs to be submitted to the Statistical Conference of the Americas",
        "Progress to date",
        "Plan of activities",
    ):
        assert heading.casefold() in pdf.casefold(), heading  # parts' headings are in capitals
    # The round's title is no part of the report (issue 25): "First report: <meeting>" was.
    assert "second report: twentieth meeting" not in pdf.casefold()
    group = group_document.group
    squeezed = pdf.replace(" ", "")
    objective = group.objectives.filter(kind="specific").first()
    grouped = [a.text_en for a in group.activities.filter(objective=objective).order_by("order")]
    others = [a.text_en for a in group.activities.filter(objective=None).order_by("order")]
    heading = (objective.title_en or objective.text_en).replace(" ", "")
    under = squeezed.split("Activitiesandactionlinesfortheperiod", 1)[1]
    assert under.startswith(heading)
    assert under.index("Otheractivities") > max(under.index(t.replace(" ", "")) for t in grouped)
    for text in others:
        assert text.replace(" ", "") in under.split("Otheractivities", 1)[1]
    for member in group.member_roles:
        assert member.country.name_en in pdf
    for activity in group.activities.exclude(start_month=None):
        assert f"{activity.start_label} {activity.end_label}" in pdf
    assert [t.split(".")[0] for t in outline_titles(content)] == ["1", "2", "3", "4"]
    assert not any(t.casefold().startswith(("contents", "introduction")) for t in outline_titles(content))


def test_group_document_in_spanish(group_document):
    pdf = pdf_text(_render(group_document, "es"))
    for heading in (
        "País coordinador",
        "Países miembros",
        "Organismos participantes",
        "Secretaría técnica",
        "Programa de trabajo 2020-2021",
        "Objetivos generales y específicos",
        "Actividades y líneas de acción para el período",
        "Avances hasta la fecha",
        "Planificación de las actividades del período",
        "30 de marzo de 2021",
    ):
        assert heading.casefold() in pdf.casefold(), heading
    assert "Coordinating" not in pdf


def test_group_document_progress_matches_the_second_report(group_document):
    assert column_numbers(_render(group_document, "en"), "Progress", "Remarks") == SECOND_REPORT[10]


def _render(document, lang):
    from reports.rendering import render_document

    return render_document(document, lang)


def test_meeting_names_in_the_heading_block_follow_the_glossary():
    from django.utils import translation

    meeting = Meeting.objects.get(code="CE.20")
    with translation.override("es"):
        assert meeting.name.startswith("Vigésima reunión del Comité Ejecutivo")


def test_group_document_parts_are_numbered_as_the_data_has_them(group_document):
    """Results of the previous programme and conclusions are parts of their own only when the
    group has them; the objectives' lead-in and closing paragraph print around the specific
    objectives; an introduction is part 1 and brings the contents page with it."""
    group = group_document.group
    group.previous_results_en, group.previous_results_es = (
        "The previous guide was published.",
        "Se publicó la guía anterior.",
    )
    group.conclusions_en, group.conclusions_es = "The group met its goals.", "El grupo cumplió sus metas."
    group.objectives_lead_in_en, group.objectives_lead_in_es = "The group will:", "El grupo se propone:"
    group.objectives_closing_en, group.objectives_closing_es = "All in two years.", "Todo en dos años."
    group.save()
    group_document.introduction_en = "This report tells."
    group_document.introduction_es = "Este informe cuenta."
    group_document.save()
    for lang, words in (
        (
            "en",
            [
                "1. Introduction",
                "2. Composition of the working group",
                "3. Programme of work 2020-2021",
                "4. Results of the previous programme",
                "5. Progress to date",
                "6. Plan of activities",
                "7. Conclusions",
            ],
        ),
        (
            "es",
            [
                "1. Introducción",
                "2. Composición del grupo de trabajo",
                "3. Programa de trabajo 2020-2021",
                "4. Resultados del programa anterior",
                "5. Avances hasta la fecha",
                "7. Conclusiones",
            ],
        ),
    ):
        content = _render(group_document, lang)
        titles = outline_titles(content)
        assert [t.split(".")[0] for t in titles][-7:] == ["1", "2", "3", "4", "5", "6", "7"]
        text = " ".join(pdf_text(content).split()).casefold()  # parts' headings are in capitals
        words = [w.casefold() for w in words]
        body = text.split(words[0])[-1]
        positions = [body.find(w) for w in words[1:]]
        assert all(p >= 0 for p in positions) and positions == sorted(positions), (lang, positions)
        assert ("contents" if lang == "en" else "índice") in text
        lead_in, closing = (
            ("The group will:", "All in two years.")
            if lang == "en"
            else ("El grupo se propone:", "Todo en dos años.")
        )
        assert text.index(lead_in.casefold()) < text.index(closing.casefold())
        for letter in ("(a)", "(b)", "(c)"):
            assert letter in body


def test_a_document_is_labelled_by_its_real_state(second_round, secretariat_user):
    """Issue 17: a closed round's report read "Draft". Issued, final (closed round, not issued)
    or a live draft (open round); the register says which."""
    from reports.services import document_issue

    document = Document.objects.select_related("round").filter(round=second_round).first()
    assert str(document.state) == "Final: its round is closed"
    document.round.status = second_round.Status.OPEN
    assert str(document.state) == "Draft: rendered from the current data"
    document.round.status = second_round.Status.CLOSED
    document_issue(document=document, user=secretariat_user)
    assert str(Document.objects.get(pk=document.pk).state) == "Issued"


def test_the_register_page_pages_through_its_documents(client):
    """Twenty documents a page, counted by the database; a page past the end shows the last."""
    from core.paging import PAGE_SIZE

    template = Document.objects.get(symbol="LC/CE.20/3")
    Document.objects.bulk_create(
        [
            Document(
                symbol=f"LC/CE.20/R{n:02}",
                kind=template.kind,
                meeting=template.meeting,
                round=template.round,
                title_en=f"Register test {n:02}",
                title_es=f"Prueba del registro {n:02}",
            )
            for n in range(PAGE_SIZE + 5)
        ]
    )
    total = Document.objects.count()
    first = client.get("/en/documents/").content.decode()
    assert f"1 to {PAGE_SIZE} of {total}" in first
    assert first.count("<td>LC/") == PAGE_SIZE
    last_page = -(-total // PAGE_SIZE)
    past = client.get("/es/documents/?page=99").content.decode()
    assert f"No hay una página 99: esta es la página {last_page} de {last_page}." in past
    shown = client.get(f"/en/documents/?page={last_page}").content.decode()
    assert shown.count("<td>LC/") == total - PAGE_SIZE * (last_page - 1)
