"""A progress workbook larger than any group's could be is refused before it is parsed row by
row: by its declared size, by the rows it really has, and by how far it unpacks. Each refusal
is told next to the upload field in the reader's language, and nothing is written."""

import io
import re
import zipfile

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from spreadsheets import progress_workbook
from spreadsheets.formats import MAX_UNPACKED_BYTES

from .support.db_state import snapshot
from .support.workbooks import filled, upload

pytestmark = pytest.mark.django_db

TOO_BIG = {"en": "This workbook has more than", "es": "Este libro tiene más de"}
UNPACKS = {"en": "The workbook unpacks to more than 20 MB", "es": "El libro se descomprime en más de 20 MB"}


def _rewritten(content: bytes, change) -> bytes:
    """The xlsx with each member passed through `change(name, data) -> data`, and members added
    by `change(None, None)` as {name: data}."""
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, change(item.filename, source.read(item.filename)))
        for name, data in (change(None, None) or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def _dimension_bomb(content):
    def change(name, data):
        if name == "xl/worksheets/sheet1.xml":
            return re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', data)
        return data

    return _rewritten(content, change)


def _too_many_rows(group, reporting_round):
    book = openpyxl.load_workbook(io.BytesIO(progress_workbook.build(group, reporting_round)))
    sheet = book.active
    for row in range(sheet.max_row + 1, progress_workbook.MAX_ROWS + 2):
        sheet.cell(row, 1, f"{group.code}/{row}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _unpacks_too_far(content):
    padding = b"\0" * (MAX_UNPACKED_BYTES + 1)  # compresses to a few kilobytes
    return _rewritten(content, lambda name, data: {"xl/media/padding.bin": padding} if name is None else data)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("kind", ["dimension bomb", "too many rows", "unpacks too far"])
def test_an_oversized_workbook_is_refused_next_to_the_field(
    client, coordinator, group_iv, open_round, kind, lang
):
    content = {
        "dimension bomb": lambda: _dimension_bomb(filled(group_iv, open_round, {3: (30, "", "")})),
        "too many rows": lambda: _too_many_rows(group_iv, open_round),
        "unpacks too far": lambda: _unpacks_too_far(filled(group_iv, open_round)),
    }[kind]()
    assert len(content) < 200_000  # small files: the size limit of the upload does not catch them
    client.force_login(coordinator)
    with translation.override(lang):
        url = reverse("spreadsheets:workbook_import", args=[open_round.meeting.code, "2020-2021", "IV"])
    before = snapshot()
    response = client.post(url, {"workbook": upload(content)})
    html = response.content.decode()
    assert response.status_code == 400
    assert (UNPACKS if kind == "unpacks too far" else TOO_BIG)[lang] in html
    assert snapshot() == before


def test_the_portals_own_workbook_is_within_the_limits(group_iv, open_round):
    content = filled(group_iv, open_round, {3: (30, "", "")})
    assert progress_workbook.read(content).rows  # read as usual
