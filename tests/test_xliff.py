"""Translations with the translators' tools: a group's, a round's or a document's texts that
lack a language exported as XLIFF 1.2, translated as a translator's tool writes it, imported back
with a preview, all or nothing, a unit whose source changed since the export refused alone."""

import io

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from activities.models import Activity
from core.bilingual import translation_gaps
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
    assert f"activities.activity:{second.pk}:text" in ids and f"reporting.progressentry:{entry.pk}:remarks" in ids
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
    assert f"1 text(s) still lack es" in shown
    assert Activity.objects.get(pk=second.pk).text_es == ""
    assert Activity.objects.get(pk=first.pk).text_es == "ES Activity 1"


@pytest.mark.parametrize(
    "spoil, message",
    [
        (lambda c: c[: len(c) // 2], "not well-formed XML"),
        (lambda c: c.replace(b":text", b":texts", 1), "names no text of the portal"),
        (lambda c: c.replace(b"activities.activity:", b"activities.activity:999999", 1), "no such record"),
        (lambda c: c.replace(b'target-language="es"', b'target-language="fr"'), "English and Spanish"),
        (lambda c: c.replace(b"urn:oasis:names:tc:xliff:document:1.2", b"urn:oasis:names:tc:xliff:document:2.0"), "XLIFF 1.2"),
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

