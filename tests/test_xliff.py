"""Translations with the translators' tools: a group's, a round's or a document's texts that
lack a language exported as XLIFF 1.2, translated as a translator's tool writes it, imported back
with a preview, all or nothing, a unit whose source changed since the export refused alone."""

import io

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from activities.models import Activity
from core.bilingual import translation_gaps
from core.roles import SYSTEM
from reporting.models import GroupReport, ProgressChange, ProgressEntry
from spreadsheets.xliff import files, importing, scope

from .support import factories

XLIFF = "urn:oasis:names:tc:xliff:document:1.2"
NS = {"x": XLIFF}


@pytest.fixture
def english_only(db):
    """A group whose texts, activities, remarks and narrative are written in English only."""
    programme = factories.programme(start_year=2040)
    group = factories.group(programme, theme_es="", output_es="", background_en="Why the group exists.")
    first = factories.activity(group, 1, text_es="")
    second = factories.activity(group, 2, text_en="Run the survey", text_es="")
    reporting_round = factories.reporting_round(programme)
    entry = factories.entry(reporting_round, first, 50, remarks_en="Half done.")
    factories.group_report(reporting_round, group, progress_narrative_en="A good year.")
    return group, first, second, entry


def translate(content: bytes, skip=()) -> bytes:
    """What a translator's tool writes: each unit's <target state="translated"> in the target
    language, ids, notes and sources kept as they were."""
    root = etree.fromstring(content)
    for unit in root.iterfind(".//x:trans-unit", NS):
        if unit.get("id") in skip:
            continue
        target = unit.find("x:target", NS)
        if target is None:
            target = etree.SubElement(unit, f"{{{XLIFF}}}target")
        target.text = "ES " + unit.find("x:source", NS).text
        target.set("state", "translated")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def export(tmp_path, *args) -> bytes:
    target = tmp_path / "out.xlf"
    call_command("export_xliff", *args, "--output", str(target), stdout=io.StringIO())
    return target.read_bytes()


def import_(tmp_path, content, *flags):
    path = tmp_path / "in.xlf"
    path.write_bytes(content)
    out = io.StringIO()
    call_command("import_xliff", str(path), *flags, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_an_exported_group_translated_and_imported_lacks_no_spanish(english_only, tmp_path):
    group, first, second, entry = english_only
    covered = scope.of_group(group)
    assert covered.missing("es") == 7
    content = export(tmp_path, "--group", group.code)
    root = etree.fromstring(content)
    assert root.get("version") == "1.2"
    file = root.find("x:file", NS)
    assert (file.get("source-language"), file.get("target-language")) == ("en", "es")
    ids = [unit.get("id") for unit in root.iterfind(".//x:trans-unit", NS)]
    assert (
        f"activities.activity:{second.pk}:text" in ids
        and f"reporting.progressentry:{entry.pk}:remarks" in ids
    )
    assert len(ids) == 7

    translated = translate(content)
    shown = import_(tmp_path, translated)
    assert shown.strip().endswith("new: 7, changed: 0, unchanged: 0, refused: 0")
    assert Activity.objects.get(pk=second.pk).text_es == ""  # a preview writes nothing

    shown = import_(tmp_path, translated, "--confirm")
    assert "new: 7, changed: 0" in shown and f"group:{group.code}: 0 text(s) still lack es." in shown
    assert Activity.objects.get(pk=second.pk).text_es == "ES Run the survey"
    assert ProgressEntry.objects.get(pk=entry.pk).remarks_es == "ES Half done."
    assert GroupReport.objects.get(group=group).progress_narrative_es == "ES A good year."
    assert covered.missing("es") == 0
    mine = {(type(t.record)._meta.label, t.record.pk) for t in covered.texts()}
    assert not [gap for gap in translation_gaps() if (gap.model, gap.pk) in mine and "es" in gap.missing]
    # The group's remarks and narrative keep their history, as the progress form's do.
    history = ProgressChange.objects.filter(report__group=group)
    assert {(c.field, c.new_value) for c in history} == {
        ("remarks_es", "ES Half done."),
        ("progress_narrative_es", "ES A good year."),
    }
    assert import_(tmp_path, translated).strip().endswith("new: 0, changed: 0, unchanged: 7, refused: 0")


def test_a_source_changed_since_the_export_is_refused_alone(english_only, tmp_path):
    group, first, second, entry = english_only
    translated = translate(export(tmp_path, "--group", group.code))
    Activity.objects.filter(pk=second.pk).update(text_en="Run the census")
    preview = importing.preview(translated)
    refused = [line for line in preview.lines if line.status == importing.REFUSED]
    assert [line.unit.id for line in refused] == [f"activities.activity:{second.pk}:text"]
    assert "changed since the export" in refused[0].reason and "Run the census" in refused[0].reason
    shown = import_(tmp_path, translated, "--confirm")
    assert "new: 6, changed: 0, unchanged: 0, refused: 1" in shown
    assert "1 text(s) still lack es" in shown
    assert Activity.objects.get(pk=second.pk).text_es == ""
    assert Activity.objects.get(pk=first.pk).text_es == "ES Activity 1"


@pytest.mark.parametrize(
    "spoil, message",
    [
        (lambda c: c[: len(c) // 2], "not well-formed XML"),
        (lambda c: c.replace(b":text", b":texts", 1), "names no text of the portal"),
        (lambda c: c.replace(b"activities.activity:", b"activities.activity:999999", 1), "no such record"),
        (lambda c: c.replace(b'target-language="es"', b'target-language="fr"'), "English and Spanish"),
        (
            lambda c: c.replace(
                b"urn:oasis:names:tc:xliff:document:1.2", b"urn:oasis:names:tc:xliff:document:2.0"
            ),
            "XLIFF 1.2",
        ),
    ],
)
def test_a_malformed_file_or_wrong_ids_write_nothing(english_only, tmp_path, spoil, message):
    group, first, second, entry = english_only
    translated = spoil(translate(export(tmp_path, "--group", group.code)))
    with pytest.raises(CommandError) as refused:
        import_(tmp_path, translated, "--confirm")
    assert "nothing was written" in str(refused.value).lower()
    assert Activity.objects.filter(group=group, text_es="").count() == 2
    assert not ProgressChange.objects.filter(report__group=group).exists()


def test_who_may_exchange_translations(
    db, client, secretariat_user, coordinator, other_focal, member_user, reviewer, admin_user
):
    """The secretariat (verified), a superuser and the commands' system actor; nobody else, nor
    the secretariat while it still owes its log-in code."""
    from django.contrib.auth.models import AnonymousUser, Permission

    from reporting import policy

    from .support.second_factor import log_in_password_only

    staff = factories.person("staff-clerk", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="activities"))
    for allowed in (secretariat_user, admin_user, SYSTEM):
        assert policy.can_exchange_translations(allowed), allowed
    for other in (coordinator, other_focal, member_user, reviewer, staff, AnonymousUser()):
        assert not policy.can_exchange_translations(other), other
    owing = log_in_password_only(client, secretariat_user).get("/en/").wsgi_request.user
    assert not policy.can_exchange_translations(owing)
    with pytest.raises(TypeError):
        policy.can_exchange_translations(None)


def test_the_secretariat_exports_previews_and_confirms_in_the_admin(english_only, secretariat_client):
    group, first, second, entry = english_only
    page = secretariat_client.get(f"/en/admin/groups/workinggroup/{group.pk}/change/")
    export_url = f"/en/admin/groups/workinggroup/{group.pk}/xliff/"
    assert export_url in page.content.decode()
    check = secretariat_client.get(export_url)
    assert check.status_code == 200 and "Translation check" in check.content.decode()
    spanish = secretariat_client.get(export_url.replace("/en/", "/es/", 1)).content.decode()
    assert "Control de traducción" in spanish and "Descargar el archivo XLIFF" in spanish
    download = secretariat_client.get(export_url, {"target": "es"})
    assert download["Content-Type"] == files.CONTENT_TYPE
    assert 'filename="group-2040-2041-I-es.xlf"' in download["Content-Disposition"]
    translated = translate(download.content, skip={f"activities.activity:{first.pk}:text"})
    Activity.objects.filter(pk=second.pk).update(text_en="Run the census")

    upload = "/en/admin/groups/workinggroup/import-xliff/"
    preview = secretariat_client.post(upload, {"translated": _file(translated)})
    shown = preview.content.decode()
    assert (
        preview.status_code == 200
        and "new: 5, changed: 0, unchanged: 0, not translated in the file: 1, refused: 1" in shown
    )
    assert "changed since the export" in shown and "Run the census" in shown
    assert not ProgressEntry.objects.get(pk=entry.pk).remarks_es  # nothing written before confirming

    token = preview.context["token"]
    done = secretariat_client.post(upload, {"token": token}, follow=True)
    message = " ".join(str(m) for m in done.context["messages"])
    assert "5 new, 0 changed, 1 refused" in message and "Texts still lacking Spanish: 2." in message
    assert ProgressEntry.objects.get(pk=entry.pk).remarks_es == "ES Half done."
    again = secretariat_client.post(upload, {"token": token}, follow=True)
    assert "no longer waiting" in " ".join(str(m) for m in again.context["messages"])


def test_a_broken_file_in_the_admin_is_refused_with_its_reason(english_only, secretariat_client):
    group, *_ = english_only
    upload = "/en/admin/groups/workinggroup/import-xliff/"
    broken = secretariat_client.post(upload, {"translated": _file(b"<xliff")})
    assert broken.status_code == 400 and "not well-formed XML" in broken.content.decode()
    content = translate(scope_file(group)).replace(b"activities.activity:", b"activities.activity:999999", 1)
    wrong = secretariat_client.post(upload, {"translated": _file(content)})
    assert wrong.status_code == 400 and "nothing was imported" in wrong.content.decode()
    assert "no such record" in wrong.content.decode()
    assert not Activity.objects.filter(group=group).exclude(text_es="").exists()


@pytest.mark.parametrize(
    "page", ["/en/admin/groups/workinggroup/{pk}/xliff/", "/en/admin/groups/workinggroup/import-xliff/"]
)
def test_other_staff_are_refused_the_translation_pages(english_only, client, page):
    from django.contrib.auth.models import Permission

    from .support.second_factor import log_in

    group, *_ = english_only
    staff = factories.person("staff-clerk", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="groups"))
    log_in(client, staff)
    assert client.get(page.format(pk=group.pk)).status_code == 403
    change = client.get(f"/en/admin/groups/workinggroup/{group.pk}/change/")
    assert change.status_code == 200 and "/xliff/" not in change.content.decode()
    client.logout()
    assert client.get(page.format(pk=group.pk)).status_code == 302  # to the log-in page


def test_a_round_and_a_document_export_their_own_texts(english_only, secretariat_client):
    group, first, second, entry = english_only
    reporting_round = entry.round
    other = factories.group(group.programme, number=2, theme_es="")
    document = factories.document(
        "LC/CE.98/1",
        kind="group_report",
        round=reporting_round,
        group=group,
        introduction_en="This report covers a year.",
    )
    round_ids = _ids(
        secretariat_client.get(
            f"/en/admin/reporting/reportinground/{reporting_round.pk}/xliff/", {"target": "es"}
        )
    )
    assert f"reporting.progressentry:{entry.pk}:remarks" in round_ids
    assert f"reports.document:{document.pk}:introduction" in round_ids
    assert not any(i.startswith("activities.") for i in round_ids)
    document_ids = _ids(
        secretariat_client.get(f"/en/admin/reports/document/{document.pk}/xliff/", {"target": "es"})
    )
    assert f"activities.activity:{second.pk}:text" in document_ids
    assert f"reports.document:{document.pk}:introduction" in document_ids
    assert f"groups.workinggroup:{other.pk}:theme" not in document_ids
    page = secretariat_client.get(f"/en/admin/reports/document/{document.pk}/change/")
    assert f"/en/admin/reports/document/{document.pk}/xliff/" in page.content.decode()


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.content[:500]
    return [unit.get("id") for unit in etree.fromstring(response.content).iterfind(".//x:trans-unit", NS)]


def _file(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("translated.xlf", content, content_type="application/xml")


def scope_file(group) -> bytes:
    covered = scope.of_group(group)
    return files.write(covered, covered.to_translate("en", "es"), source="en", target="es")


def test_a_revision_changes_what_the_translator_rewrote_and_skips_what_the_tool_left(english_only, tmp_path):
    """--all exports every text with its present translation as the target; a unit the tool marks
    as still to translate (a copy of its source, state="needs-translation") is not written."""
    group, first, second, entry = english_only
    call_command(
        "import_xliff", str(_saved(tmp_path, translate(scope_file(group)))), "--confirm", stdout=io.StringIO()
    )
    root = etree.fromstring(export(tmp_path, "--group", group.code, "--all"))
    units = {unit.get("id"): unit for unit in root.iterfind(".//x:trans-unit", NS)}
    assert len(units) == 8  # the seven translated, and the group's name, written in both before
    revised = units[f"activities.activity:{second.pk}:text"].find("x:target", NS)
    assert revised.text == "ES Run the survey"
    assert revised.get("state") == "needs-review-translation" and "approved" not in revised.getparent().attrib
    revised.text = "Realizar la encuesta"
    copied = units[f"activities.activity:{first.pk}:text"].find("x:target", NS)
    copied.text, copied.attrib["state"] = "Activity 1", "needs-translation"
    preview = importing.preview(etree.tostring(root))
    assert preview.summary() == "new: 0, changed: 1, unchanged: 6, refused: 0, untranslated: 1"
    importing.import_file(etree.tostring(root), user=SYSTEM)
    assert Activity.objects.get(pk=second.pk).text_es == "Realizar la encuesta"
    assert Activity.objects.get(pk=first.pk).text_es == "ES Activity 1"


def test_an_issued_documents_texts_are_refused(english_only):
    from django.utils import timezone

    group, first, second, entry = english_only
    document = factories.document(
        "LC/CE.97/1", kind="group_report", round=entry.round, group=group, introduction_en="A year."
    )
    covered = scope.of_document(document)
    content = translate(files.write(covered, covered.to_translate("en", "es"), source="en", target="es"))
    type(document).objects.filter(pk=document.pk).update(issued_at=timezone.now())
    preview = importing.preview(content)
    refused = {line.unit.id: line.reason for line in preview.lines if line.status == importing.REFUSED}
    assert refused == {
        f"reports.document:{document.pk}:introduction": "the document is issued; its texts no longer change."
    }
    importing.import_file(content, user=SYSTEM)
    document.refresh_from_db()
    assert not document.introduction_es and Activity.objects.get(pk=second.pk).text_es == "ES Run the survey"


def _saved(tmp_path, content: bytes):
    path = tmp_path / "translated.xlf"
    path.write_bytes(content)
    return path
