"""The proposal in a workbook (issue 30): a group's focal point downloads its proposal's group
prefilled, changes it in a spreadsheet program, uploads it, sees each change, confirms; the
change is written through proposal_editing (a draft, its version grown) and a carried activity
stays linked to the activity it continues. Rows of another group, users who may not change the
proposal and a submitted proposal are refused, and nothing is written."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.roles import SYSTEM
from groups.models import Meeting
from reporting.drafting_reads import carry_candidates
from reporting.models import Proposal
from reporting.services import drafting_open, proposal_carry, proposal_editing, proposal_submit
from spreadsheets import proposal_workbook
from spreadsheets.errors import ImportRefused
from spreadsheets.proposal_import import proposal_workbook_import, proposal_workbook_preview

from .support.db_state import snapshot
from .support.workbooks import upload

pytestmark = pytest.mark.django_db

NEW_BACKGROUND = "Time-use surveys now reach every country of the region"


@pytest.fixture
def drafted(db):
    """The drafting of 2022-2023 open; group IV's proposal with one activity carried forward."""
    meeting = Meeting.objects.filter(body=Meeting.Body.CONFERENCE).order_by("-start_date").first()
    drafting = drafting_open(
        start_year=2022,
        end_year=2023,
        meeting=meeting,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        user=SYSTEM,
    )
    proposal = drafting.proposals.select_related("group__programme").get(continues__number=4)
    old = carry_candidates(proposal)[0].activity
    [carried] = proposal_carry(proposal=proposal, activities=[old], user=SYSTEM)
    proposal.refresh_from_db()
    return proposal, carried, old


def _url(proposal, **query):
    with translation.override("en"):
        url = reverse(
            "workspace:proposal_workbook", args=[proposal.group.programme.period, proposal.group.numeral]
        )
    return url + ("?download" if query.get("download") else "")


def _columns(sheet) -> dict:
    return {cell.value: cell.column for cell in sheet[1]}


def _row(sheet, **match) -> int:
    columns = _columns(sheet)
    for number in range(2, sheet.max_row + 1):
        if all(str(sheet.cell(number, columns[k]).value) == str(v) for k, v in match.items()):
            return number
    raise LookupError(match)


def edited(content: bytes, changes) -> bytes:
    """`content` with cells changed: [(sheet, {column: value to find the row}, {column: new value})]."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    for name, match, values in changes:
        sheet = book[name]
        number, columns = _row(sheet, **match), _columns(sheet)
        for column, value in values.items():
            sheet.cell(number, columns[column]).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _changes(proposal, carried):
    return [
        ("texts", {}, {"background_en": NEW_BACKGROUND}),
        ("activities", {"order": carried.order}, {"start_month": "2022-03", "end_month": "2023-06"}),
    ]


def test_a_focal_point_downloads_changes_previews_and_confirms(client, coordinator, drafted):
    proposal, carried, old = drafted
    group, version = proposal.group, proposal.version
    client.force_login(coordinator)
    overview = client.get(reverse("workspace:proposal", args=["2022-2023", "IV"])).content.decode()
    assert f'href="{_url(proposal)}"' in overview  # the proposal's page links its workbook
    response = client.get(_url(proposal, download=True))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="proposal-2022-2023-IV.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [proposal_workbook.README_SHEET, *proposal_workbook.SHEETS]
    assert "proposal for the next programme" in book[proposal_workbook.README_SHEET]["A1"].value
    activities = book["activities"]
    row = _row(activities, order=carried.order)
    assert activities.cell(row, _columns(activities)["group"]).value == "2022-2023/IV"
    assert activities.cell(row, _columns(activities)["text_es"]).value == carried.text_es

    content = edited(response.content, _changes(proposal, carried))
    before = snapshot()
    page = client.post(_url(proposal), {"workbook": upload(content, "proposal.xlsx")})
    assert page.status_code == 200
    text = page.content.decode()
    assert NEW_BACKGROUND in text and "background_en" in text and "2022-03" in text and "2023-06" in text
    assert snapshot() == before  # a preview writes nothing
    token = page.context["token"]
    assert token and page.context["preview"].changed_count == 2

    done = client.post(_url(proposal), {"token": token}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("workspace:proposal", args=["2022-2023", "IV"])
    assert (
        "The workbook was imported into the proposal (2 records added or changed)." in done.content.decode()
    )
    group.refresh_from_db()
    carried.refresh_from_db()
    proposal.refresh_from_db()
    assert group.background_en == NEW_BACKGROUND
    assert (carried.start_month, carried.end_month) == (datetime.date(2022, 3, 1), datetime.date(2023, 6, 1))
    assert carried.continues == old
    assert proposal.status == Proposal.Status.DRAFT and proposal.version == version + 1


def test_an_unchanged_workbook_changes_nothing_and_keeps_the_carried_link(client, coordinator, drafted):
    proposal, carried, old = drafted
    content = proposal_workbook.build(proposal.group)
    preview = proposal_workbook_preview(content, proposal=proposal, user=coordinator)
    assert preview.changed_count == 0 and preview.unchanged > 0
    client.force_login(coordinator)
    page = client.post(_url(proposal), {"workbook": upload(content)})
    assert page.status_code == 200 and page.context["token"] is None
    carried.refresh_from_db()
    assert carried.continues == old


def test_in_spanish_the_problems_are_spanish(client, coordinator, drafted):
    proposal, carried, _old = drafted
    content = edited(
        proposal_workbook.build(proposal.group),
        [("activities", {"order": carried.order}, {"start_month": "soon"})],
    )
    client.force_login(coordinator)
    with translation.override("es"):
        url = reverse("workspace:proposal_workbook", args=["2022-2023", "IV"])
    page = client.post(url, {"workbook": upload(content)}, HTTP_ACCEPT_LANGUAGE="es")
    assert page.status_code == 400
    text = page.content.decode()
    assert "Escriba el mes como 2021-03" in text and "La propuesta en un libro de Excel" in text


@pytest.mark.parametrize(
    "change",
    [
        ("activities", "group", "2020-2021/IV"),  # the group it continues, which the focal point coordinates
        ("group", "number", "V"),
        ("texts", "programme", "2020-2021"),
    ],
)
def test_a_row_of_another_group_is_refused(coordinator, drafted, change):
    proposal, carried, _old = drafted
    sheet, column, value = change
    match = {"order": carried.order} if sheet == "activities" else {}
    content = edited(proposal_workbook.build(proposal.group), [(sheet, match, {column: value})])
    before = snapshot()
    with pytest.raises(ImportRefused) as refused:
        proposal_workbook_preview(content, proposal=proposal, user=coordinator)
    assert snapshot() == before
    [problem] = refused.value.problems
    assert problem.sheet == sheet and problem.row == 2 + (carried.order - 1 if sheet == "activities" else 0)
    assert "this workbook is the proposal of 2022-2023/IV" in problem.message


def test_the_page_lists_a_row_of_another_group_and_writes_nothing(client, coordinator, drafted):
    proposal, carried, _old = drafted
    content = edited(
        proposal_workbook.build(proposal.group),
        [("activities", {"order": carried.order}, {"group": "2020-2021/IV", "text_en": "Elsewhere"})],
    )
    client.force_login(coordinator)
    before = snapshot()
    page = client.post(_url(proposal), {"workbook": upload(content)})
    assert page.status_code == 400 and page.context["token"] is None
    assert "changes only that group" in page.content.decode()
    assert snapshot() == before


def test_members_read_outsiders_do_not_and_neither_uploads(client, member_user, other_focal, drafted):
    proposal, _carried, _old = drafted
    content = proposal_workbook.build(proposal.group)
    client.force_login(member_user)
    assert client.get(_url(proposal, download=True)).status_code == 200
    page = client.get(_url(proposal))
    assert page.status_code == 200 and 'enctype="multipart/form-data"' not in page.content.decode()
    assert client.post(_url(proposal), {"workbook": upload(content)}).status_code == 403
    client.force_login(other_focal)
    assert client.get(_url(proposal, download=True)).status_code == 404
    assert client.post(_url(proposal), {"workbook": upload(content)}).status_code == 404


def test_a_submitted_proposal_is_refused_to_its_focal_point(client, coordinator, drafted):
    proposal, carried, _old = drafted
    content = edited(proposal_workbook.build(proposal.group), _changes(proposal, carried))
    client.force_login(coordinator)
    page = client.post(_url(proposal), {"workbook": upload(content)})
    token = page.context["token"]
    proposal_submit(proposal=proposal, user=coordinator)
    before = snapshot()
    assert client.post(_url(proposal), {"token": token}).status_code == 403
    assert client.post(_url(proposal), {"workbook": upload(content)}).status_code == 403
    assert snapshot() == before
    assert 'enctype="multipart/form-data"' not in client.get(_url(proposal)).content.decode()


def test_a_change_made_after_the_preview_is_not_overwritten(client, coordinator, drafted):
    proposal, carried, _old = drafted
    content = edited(proposal_workbook.build(proposal.group), _changes(proposal, carried))
    client.force_login(coordinator)
    token = client.post(_url(proposal), {"workbook": upload(content)}).context["token"]
    with proposal_editing(proposal, SYSTEM) as locked:
        locked.group.background_en = "Meanwhile"
        locked.group.save()
    done = client.post(_url(proposal), {"token": token}, follow=True)
    assert "Someone changed this proposal" in done.content.decode()
    proposal.group.refresh_from_db()
    assert proposal.group.background_en == "Meanwhile"


def test_the_secretariat_adds_an_activity_through_the_workbook(secretariat_user, drafted):
    proposal, carried, old = drafted
    book = openpyxl.load_workbook(io.BytesIO(proposal_workbook.build(proposal.group)))
    sheet = book["activities"]
    columns = _columns(sheet)
    new_row = sheet.max_row + 1
    for column, value in {
        "group": "2022-2023/IV",
        "order": carried.order + 1,
        "text_en": "Regional workshop on care systems",
        "text_es": "Taller regional sobre sistemas de cuidado",
        "start_month": "2023-02",
    }.items():
        sheet.cell(new_row, columns[column]).value = value
    out = io.BytesIO()
    book.save(out)
    preview = proposal_workbook_preview(out.getvalue(), proposal=proposal, user=secretariat_user)
    [row] = preview.rows
    assert (row.sheet, row.row, row.is_new, row.record) == (
        "activities",
        new_row,
        True,
        str(carried.order + 1),
    )
    version = proposal.version
    proposal_workbook_import(out.getvalue(), proposal=proposal, user=secretariat_user, version=version)
    added = proposal.group.activities.get(order=carried.order + 1)
    assert added.text_es == "Taller regional sobre sistemas de cuidado" and added.continues is None
    assert proposal.group.activities.get(order=carried.order).continues == old
    proposal.refresh_from_db()
    assert proposal.version == version + 1


def test_a_roles_change_shows_its_before_and_after(coordinator, drafted):
    proposal, _carried, _old = drafted
    group = proposal.group
    before = openpyxl.load_workbook(io.BytesIO(proposal_workbook.build(group)))["group"]
    members = before.cell(2, _columns(before)["members"]).value or ""
    wanted = "; ".join(filter(None, [members, "URY"]))
    content = edited(proposal_workbook.build(group), [("group", {}, {"members": wanted})])
    [row] = proposal_workbook_preview(content, proposal=proposal, user=coordinator).rows
    assert (row.sheet, row.is_new, row.changes) == ("group", False, (("members", members, wanted),))
    proposal_workbook_import(content, proposal=proposal, user=coordinator, version=proposal.version)
    assert "URY" in [r.country.iso3 for r in group.roles.filter(role="member").select_related("country")]
