"""Evidence (issue 17): a focal point attaches files (PDF, DOCX, XLSX, images; bounded in size;
their kind told by content, not name) or links to an activity's entry or to an output; they are
kept through Django's storage API; the secretariat sees them in the review, and the group page
lists them once the report is published. Bad evidence is refused next to its field, in the
user's language, with nothing written."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from core import uploads
from reporting.models import Evidence, GroupReport, ProgressChange, ReportingRound
from reporting.services import group_report_review

from .support import evidence_files as files
from .support.db_state import snapshot
from .support.progress_forms import progress_post
from .support.second_factor import log_in
from .test_progress_form import url

pytestmark = pytest.mark.django_db


def evidence_url(reporting_round, group, lang="en"):
    return url(reporting_round, group, lang) + "evidence/"


def attach(
    client,
    reporting_round,
    group,
    *,
    about,
    content=None,
    name="minutes.pdf",
    link="",
    title_en="Minutes of the meeting",
    title_es="",
    lang="en",
):
    data = {"about": about, "title_en": title_en, "title_es": title_es, "url": link}
    if content is not None:
        data["file"] = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(evidence_url(reporting_round, group, lang), data)


def first_activity(group):
    return f"activity-{group.activities.order_by('order').first().pk}"


def state():
    return snapshot([Evidence, GroupReport, ProgressChange])


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (files.PDF, uploads.PDF),
        (files.docx(), uploads.DOCX),
        (files.xlsx(), uploads.XLSX),
        (files.PNG, uploads.PNG),
        (files.JPEG, uploads.JPEG),
        (files.GIF, uploads.GIF),
        (files.WEBP, uploads.WEBP),
        (files.PROGRAM, None),
        (files.HTML, None),
        (files.plain_zip(), None),
        (b"", None),
    ],
)
def test_a_files_kind_is_told_by_its_content(content, kind):
    stream = io.BytesIO(content)
    assert uploads.sniff(stream) == kind
    assert stream.tell() == 0  # left where a reader expects it, to be stored whole


def test_a_focal_point_attaches_a_pdf_kept_through_the_storage_and_recorded(
    client, coordinator, open_round, group_iv
):
    client.force_login(coordinator)
    activity = group_iv.activities.order_by("order").first()
    answer = attach(
        client,
        open_round,
        group_iv,
        about=f"activity-{activity.pk}",
        content=files.PDF,
        name="Acta de la reunión <final>.pdf",
        title_es="Acta de la reunión",
    )
    assert answer.status_code == 302 and answer["Location"].endswith("#evidence")
    evidence = Evidence.objects.get()
    assert (evidence.activity, evidence.output, evidence.content_type, evidence.size) == (
        activity,
        None,
        "application/pdf",
        len(files.PDF),
    )
    # Stored under a name of the portal's own; the uploader's name is only offered on download.
    assert default_storage.exists(evidence.file.name) and "reuni" not in evidence.file.name
    assert evidence.file.name.endswith(".pdf") and evidence.file_name == "Acta_de_la_reunión_final.pdf"
    with default_storage.open(evidence.file.name) as stored:
        assert stored.read() == files.PDF
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    assert report.status == GroupReport.Status.DRAFT
    change = report.changes.get(field="evidence")
    assert change.activity == activity and "Minutes of the meeting" in change.new_value
    page = client.get(url(open_round, group_iv)).content.decode()
    assert "The evidence was attached to the group report." in page
    assert page.count(f'href="/en/evidence/{evidence.pk}/"') == 2  # in the list and by its activity


def test_a_docx_named_as_a_pdf_is_kept_as_what_it_is(client, coordinator, open_round, group_iv):
    client.force_login(coordinator)
    assert (
        attach(
            client,
            open_round,
            group_iv,
            about=first_activity(group_iv),
            content=files.docx(),
            name="report.pdf",
        ).status_code
        == 302
    )
    evidence = Evidence.objects.get()
    assert evidence.file_name == "report.docx" and evidence.file.name.endswith(".docx")
    assert evidence.content_type == uploads.DOCX.content_type


def test_a_link_to_an_output(client, coordinator, open_round, group_iv):
    client.force_login(coordinator)
    output = group_iv.outputs.order_by("order").first()
    answer = attach(
        client,
        open_round,
        group_iv,
        about=f"output-{output.pk}",
        link="https://www.inegi.org.mx/enut/",
        title_en="Survey results",
        title_es="Resultados de la encuesta",
    )
    assert answer.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.output, evidence.activity, evidence.file.name) == (output, None, "")
    assert (
        GroupReport.objects.get(round=open_round, group=group_iv)
        .changes.filter(
            field="output_evidence", activity=None, new_value__startswith=f"{output.order}. Survey results"
        )
        .exists()
    )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"content": files.PROGRAM, "name": "informe.pdf"},
            "file",
            "no es de ninguno de los tipos aceptados",
        ),
        ({"content": files.HTML, "name": "informe.pdf"}, "file", "no es de ninguno de los tipos aceptados"),
        ({"link": "javascript:alert(1)"}, "url", "Introduzca una URL válida"),
        ({"link": "ftp://example.org/data.xlsx"}, "url", "Introduzca una URL válida"),
        (
            {"content": files.PDF, "link": "https://example.org/"},
            "url",
            "Indique un archivo o un enlace, no ambos",
        ),
        ({}, "file", "Elija un archivo o indique un enlace"),
        ({"content": files.PDF, "title_en": ""}, "title_en", "Dé un título a la evidencia"),
        ({"content": files.PDF, "about": "activity-999999"}, "about", "Escoja una opción válida"),
    ],
)
def test_bad_evidence_is_refused_next_to_its_field_in_spanish_and_nothing_is_written(
    client, coordinator, open_round, group_iv, fields, field, message
):
    client.force_login(coordinator)
    before = state()
    fields = {"about": first_activity(group_iv), **fields}
    answer = attach(client, open_round, group_iv, lang="es", **fields)
    assert answer.status_code == 400
    html = answer.content.decode()
    form = html[html.index('class="evidence-form"') :]
    errors_at = form.index('class="errorlist')
    assert message in form[errors_at : errors_at + 400]
    assert f'name="{field}"' in form[errors_at : form.index("</div>", errors_at) + 400]
    assert state() == before and not default_storage.listdir("evidence")[1]


def test_a_file_over_the_limit_is_refused_with_its_size(client, coordinator, open_round, group_iv, settings):
    settings.EVIDENCE_MAX_UPLOAD = 1024
    client.force_login(coordinator)
    before = state()
    answer = attach(
        client, open_round, group_iv, about=first_activity(group_iv), content=files.PDF + b"0" * 2048
    )
    assert answer.status_code == 400
    assert "the largest accepted is 1.0\xa0KB" in answer.content.decode()
    assert state() == before


def test_an_activity_has_at_most_so_many_files_or_links(client, coordinator, open_round, group_iv, settings):
    settings.EVIDENCE_PER_ITEM = 1
    client.force_login(coordinator)
    about = first_activity(group_iv)
    assert attach(client, open_round, group_iv, about=about, link="https://example.org/a").status_code == 302
    before = state()
    answer = attach(client, open_round, group_iv, about=about, link="https://example.org/b", lang="es")
    assert answer.status_code == 400 and "tantos como puede tener" in answer.content.decode()
    assert state() == before


def test_who_may_attach(
    client, coordinator, other_focal, member_user, secretariat_user, open_round, group_iv
):
    about = first_activity(group_iv)
    before = state()
    assert (
        attach(Client(), open_round, group_iv, about=about, content=files.PDF).status_code == 302
    )  # to log in
    for user in (other_focal, member_user):
        log_in(client, user)
        assert attach(client, open_round, group_iv, about=about, content=files.PDF).status_code == 403
    assert state() == before
    client.force_login(member_user)
    assert "Attach evidence" not in client.get(url(open_round, group_iv)).content.decode()
    log_in(client, secretariat_user)
    assert attach(client, open_round, group_iv, about=about, content=files.PDF).status_code == 302
    # Once submitted, the focal point's report is the secretariat's to review: no more evidence.
    GroupReport.objects.filter(round=open_round, group=group_iv).update(status=GroupReport.Status.SUBMITTED)
    client.force_login(coordinator)
    assert attach(client, open_round, group_iv, about=about, content=files.PDF).status_code == 403
    assert Evidence.objects.count() == 1


def test_no_evidence_is_attached_in_a_closed_round(client, coordinator, second_round, group_iv):
    client.force_login(coordinator)
    assert (
        attach(client, second_round, group_iv, about=first_activity(group_iv), content=files.PDF).status_code
        == 403
    )
    assert not Evidence.objects.exists()


def _download(client, evidence):
    return client.get(f"/en/evidence/{evidence.pk}/")


def test_unpublished_evidence_is_for_the_group_and_the_secretariat_then_for_everyone(
    client, coordinator, other_focal, member_user, secretariat_user, open_round, group_iv
):
    client.force_login(coordinator)
    attach(
        client,
        open_round,
        group_iv,
        about=first_activity(group_iv),
        content=files.PDF,
        title_en="Minutes of the meeting",
        title_es="Acta de la reunión",
    )
    evidence = Evidence.objects.get()
    group_page = f"/es/groups/{group_iv.programme.period}/{group_iv.numeral}/"
    assert _download(Client(), evidence).status_code == 404
    assert "Acta de la reunión" not in Client().get(group_page).content.decode()
    other = Client()
    other.force_login(other_focal)
    assert _download(other, evidence).status_code == 404
    for user in (coordinator, member_user, secretariat_user):
        reader = Client()
        log_in(reader, user)
        answer = _download(reader, evidence)
        assert answer.status_code == 200 and b"".join(answer.streaming_content) == files.PDF
    # The secretariat sees it in the review of the submitted report.
    values = {a.order: (50, "", "") for a in group_iv.activities.all()}
    assert (
        client.post(
            url(open_round, group_iv), progress_post(group_iv, open_round, "submit", values=values)
        ).status_code
        == 302
    )
    reviewer = Client()
    log_in(reviewer, secretariat_user)
    review = reviewer.get(url(open_round, group_iv)).content.decode()
    assert 'id="review"' in review and f"/en/evidence/{evidence.pk}/" in review
    # Submitted is not yet published (the round's default publishes on acceptance).
    assert _download(Client(), evidence).status_code == 404
    report = GroupReport.objects.get(round=open_round, group=group_iv)
    group_report_review(report=report, user=secretariat_user, accept=True)
    # Accepted: anyone may read it, from the group's page.
    answer = _download(Client(), evidence)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert (
        answer["Content-Disposition"].startswith("attachment;")
        and "sandbox" in answer["Content-Security-Policy"]
    )
    page = Client().get(group_page).content.decode()
    assert "Acta de la reunión" in page and f'href="/es/evidence/{evidence.pk}/"' in page


def test_evidence_of_a_round_publishing_on_acceptance_waits_for_it(client, coordinator, open_round, group_iv):
    open_round.publish_on = ReportingRound.Publication.ON_ACCEPTANCE
    open_round.save()
    client.force_login(coordinator)
    attach(client, open_round, group_iv, about=first_activity(group_iv), link="https://example.org/minutes")
    GroupReport.objects.filter(round=open_round, group=group_iv).update(status=GroupReport.Status.SUBMITTED)
    assert not Evidence.objects.published().exists()
    GroupReport.objects.filter(round=open_round, group=group_iv).update(status=GroupReport.Status.ACCEPTED)
    assert Evidence.objects.published().count() == 1


def test_removing_evidence_deletes_its_file_and_keeps_it_in_the_history(
    client, coordinator, other_focal, open_round, group_iv, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    attach(
        client,
        open_round,
        group_iv,
        about=first_activity(group_iv),
        content=files.PNG,
        name="photo.png",
        title_en="Photograph of the workshop",
    )
    evidence = Evidence.objects.get()
    stored = evidence.file.name
    remove = url(open_round, group_iv) + f"evidence/{evidence.pk}/remove/"
    other = Client()
    other.force_login(other_focal)
    assert other.post(remove).status_code == 403 and Evidence.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(remove)
    assert answer.status_code == 302 and not Evidence.objects.exists()
    assert not default_storage.exists(stored)
    change = (
        GroupReport.objects.get(round=open_round, group=group_iv).changes.filter(field="evidence").first()
    )
    assert "Photograph of the workshop" in change.old_value and change.new_value == ""
