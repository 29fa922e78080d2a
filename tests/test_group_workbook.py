"""A group's whole programme and report in one workbook (issue 16): exported with a sheet per
part, filled in offline, uploaded in the admin, previewed, confirmed, all or nothing; an
empty workbook makes a new group. Problems are said by sheet, row and column, in the clerk's
language, and nothing is written."""

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from activities.models import ActionLine, Output, ProgrammeArea
from groups.models import Event, WorkingGroup
from spreadsheets import group_workbook
from spreadsheets.errors import ImportRefused
from spreadsheets.group_import import group_workbook_import

from .support.db_state import snapshot

pytestmark = pytest.mark.django_db
IMPORT_URL = "admin:groups_workinggroup_import_workbook"

NEW_GROUP = {
    "group": [
        {
            "programme": "2020-2021",
            "number": "XX",
            "kind": "group",
            "name_en": "Working Group on Older Shapes",
            "name_es": "Grupo de Trabajo sobre Formas Antiguas",
            "coordinating": "ECU: INEC@ECU",
            "members": "ARG; BRA",
            "secretariat": "ECLAC",
        }
    ],
    "texts": [
        {
            "programme": "2020-2021",
            "number": "XX",
            "objectives_lead_in_en": "The specific objectives are:",
            "objectives_lead_in_es": "Los objetivos específicos son:",
            "conclusions_en": "The group met its aims.",
            "conclusions_es": "El grupo cumplió sus fines.",
        }
    ],
    "objectives": [
        {
            "group": "2020-2021/XX",
            "kind": "general",
            "order": 1,
            "text_en": "To measure.",
            "text_es": "Medir.",
        },
        {
            "group": "2020-2021/XX",
            "kind": "specific",
            "order": 1,
            "text_en": "To harmonize.",
            "text_es": "Armonizar.",
        },
    ],
    "areas": [
        {
            "group": "2020-2021/XX",
            "objective": "specific 1",
            "order": 1,
            "title_en": "Methods",
            "title_es": "Métodos",
        }
    ],
    "action_lines": [
        {
            "group": "2020-2021/XX",
            "area": "specific 1/1",
            "order": 1,
            "text_en": "Review methods",
            "text_es": "Revisar métodos",
        },
        {
            "group": "2020-2021/XX",
            "area": "specific 1/1",
            "order": 2,
            "text_en": "Train staff",
            "text_es": "Capacitar personal",
        },
    ],
    "outputs": [
        {
            "group": "2020-2021/XX",
            "order": 1,
            "objective": "specific 1",
            "text_en": "A guide",
            "text_es": "Una guía",
            "agency_en": "Coordinating countries",
            "agency_es": "Países coordinadores",
            "timetable_en": "First half of 2021",
            "timetable_es": "Primer semestre de 2021",
        }
    ],
    "events": [
        {
            "group": "2020-2021/XX",
            "order": 1,
            "kind": "workshop",
            "title_en": "Workshop on methods",
            "title_es": "Taller sobre métodos",
            "place_en": "Quito",
            "place_es": "Quito",
            "start_date": "2021-03-01",
            "end_date": "2021-03-02",
        }
    ],
}


def filled(content: bytes, rows: dict) -> bytes:
    """The workbook `content` with `rows` {sheet: [{column: value}]} appended under its headers."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    for sheet_name, records in rows.items():
        sheet = book[sheet_name]
        headers = [cell.value for cell in sheet[1]]
        for record in records:
            sheet.append([record.get(header) for header in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, content, lang="en"):
    with translation.override(lang):
        url = reverse(IMPORT_URL)
    return client.post(url, {"workbook": SimpleUploadedFile("group.xlsx", content)})


def test_a_groups_workbook_has_a_sheet_per_part_and_imports_back_unchanged(secretariat_client, group_iv):
    response = secretariat_client.get(reverse("admin:groups_workinggroup_workbook", args=[group_iv.pk]))
    assert response.status_code == 200 and "group-2020-2021-IV.xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [group_workbook.README_SHEET] + [p.sheet for p in group_workbook.parts()]
    activities = list(book["activities"].iter_rows(min_row=2, values_only=True))
    assert len(activities) == group_iv.activities.count() and {r[0] for r in activities} == {group_iv.code}
    preview = upload(secretariat_client, response.content)
    assert preview.status_code == 200
    outcome = preview.context["outcome"]
    assert outcome.changed_count == 0 and not outcome.is_new_group and preview.context["token"] is None
    assert "The workbook changes nothing" in preview.content.decode()


def test_a_new_group_is_entered_from_the_empty_workbook_after_a_preview(secretariat_client):
    empty = secretariat_client.get(reverse("admin:groups_workinggroup_empty_workbook"))
    assert empty.status_code == 200
    before = snapshot()
    preview = upload(secretariat_client, filled(empty.content, NEW_GROUP))
    assert preview.status_code == 200, preview.context["problems"]
    assert preview.context["outcome"].is_new_group and "is new: it would be added" in preview.content.decode()
    assert snapshot() == before, "a preview writes nothing"
    counts = {s.sheet: s.new for s in preview.context["outcome"].sheets}
    assert counts == {
        "group": 1,
        "texts": 0,
        "financing": 0,
        "objectives": 2,
        "areas": 1,
        "action_lines": 2,
        "topics": 0,
        "activities": 0,
        "outputs": 1,
        "events": 1,
        "figures": 0,
        "links": 0,
        "plan_rows": 0,
    }
    confirmed = secretariat_client.post(reverse(IMPORT_URL), {"token": preview.context["token"]})
    assert confirmed.status_code == 302
    group = WorkingGroup.objects.with_roles().by_code("2020-2021", "XX")
    assert group.conclusions_es == "El grupo cumplió sus fines."
    assert [r.country.iso3 for r in group.coordinating_roles] == ["ECU"]
    area = ProgrammeArea.objects.get(objective__group=group)
    assert list(ActionLine.objects.filter(area=area).values_list("text_es", flat=True)) == [
        "Revisar métodos",
        "Capacitar personal",
    ]
    output = Output.objects.get(group=group)
    assert output.objective.order == 1 and output.agency_es == "Países coordinadores"
    assert Event.objects.get(group=group).place_es == "Quito"
    again = secretariat_client.post(reverse(IMPORT_URL), {"token": preview.context["token"]})
    assert again.status_code == 302 and WorkingGroup.objects.filter(number=20).count() == 1
    exported = group_workbook.build(group)
    assert upload(secretariat_client, exported).context["outcome"].changed_count == 0


@pytest.mark.parametrize(
    "lang, messages",
    [
        (
            "en",
            [
                "Working group 2020-2021/XX has no objective “specific 9”.",
                "This row is for working group “2020-2021/IV”; this workbook is for 2020-2021/XX.",
            ],
        ),
        (
            "es",
            [
                "El grupo de trabajo 2020-2021/XX no tiene objetivo “specific 9”.",
                "Esta fila es del grupo de trabajo “2020-2021/IV”; este libro es del 2020-2021/XX.",
            ],
        ),
    ],
)
def test_a_workbook_with_any_problem_writes_nothing_and_says_where(secretariat_client, lang, messages):
    bad_area = dict(NEW_GROUP["areas"][0], objective="specific 9")
    other_group = dict(NEW_GROUP["events"][0], group="2020-2021/IV")
    rows = {**NEW_GROUP, "areas": [bad_area], "events": [other_group]}
    before = snapshot()
    content = filled(group_workbook.build(None), {k: v for k, v in rows.items() if k != "areas"})
    refused = upload(secretariat_client, content, lang)
    assert refused.status_code == 400
    problems = refused.context["problems"]
    assert [(p.sheet, p.row, p.column) for p in problems] == [("events", 2, "group")]
    assert messages[1] in refused.content.decode()
    content = filled(group_workbook.build(None), {**NEW_GROUP, "areas": [bad_area], "action_lines": []})
    refused = upload(secretariat_client, content, lang)
    assert refused.status_code == 400
    problems = refused.context["problems"]
    assert [(p.sheet, p.row, p.column) for p in problems] == [("areas", 2, "objective")]
    assert messages[0] in refused.content.decode()
    assert snapshot() == before


def test_only_who_may_import_every_part_may_exchange_a_groups_workbook(
    client, coordinator, reviewer, group_iv
):
    content = group_workbook.build(group_iv)
    for user in (coordinator, reviewer):
        with pytest.raises(PermissionDenied):
            group_workbook_import(content, user=user)
    client.force_login(reviewer)
    assert client.get(reverse("admin:groups_workinggroup_workbook", args=[group_iv.pk])).status_code in (
        302,
        403,
    )
    assert upload(client, content).status_code in (302, 403)


def test_a_workbook_for_one_group_cannot_be_uploaded_as_another(secretariat_user, group_iv):
    other = WorkingGroup.objects.get(programme=group_iv.programme, number=5)
    with pytest.raises(ImportRefused) as refused:
        group_workbook_import(group_workbook.build(group_iv), user=secretariat_user, group=other)
    assert "This workbook is for working group 2020-2021/IV, not 2020-2021/V." in str(refused.value)
