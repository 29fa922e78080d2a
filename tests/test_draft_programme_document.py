"""The draft biennial programme of 2022-2023 (the PROGRAMME kind on a draft programme), composed
from the accepted proposals: group IV's activities appear, in order with their months, once its
proposal is accepted; the PDF and the Word file are marked as a draft in both languages until the
Conference's approval is recorded. Read from the PDF's text and the Word file's paragraphs."""

import datetime

import pytest
from django.utils import translation

from core.roles import SYSTEM
from reporting.models import Proposal
from reporting.services import drafting_approve
from reports.models import Document
from reports.rendering import document_html, render_document, render_docx

from .support import factories
from .support.drafting_iv import (
    CHANGED_EN,
    CHANGED_ES,
    NEW_EN,
    NEW_ES,
    accept,
    conference_meeting,
    draft_group_iv,
)
from .support.pdf_reading import compact, pdf_pages, pdf_text
from .support.word import docx_paragraphs

pytestmark = [pytest.mark.django_db]

MARK = {"en": "Draft — not approved", "es": "Borrador — no aprobado"}
PERIOD_LINE = {
    "en": "Programme of work 2022-2023, as proposed to the Conference.",
    "es": "Programa de trabajo 2022-2023, tal como se propone a la Conferencia.",
}


@pytest.fixture
def drafted(frozen_today):
    return draft_group_iv(frozen_today)


@pytest.fixture
def document(drafted):
    return factories.document(
        "LC/CEA.11/5",
        kind="programme",
        programme=drafted.drafting.programme,
        meeting=conference_meeting(),
        title_en="Draft biennial programme of regional and international cooperation activities",
        title_es="Proyecto de programa bienal de actividades de cooperación regional e internacional",
    )


def rows(drafted, lang):
    """(text, start, end) of group IV's three activities as `lang` prints them, in their order."""
    texts = {
        "en": [drafted.kept.text_en, CHANGED_EN, NEW_EN],
        "es": [drafted.kept.text_es, CHANGED_ES, NEW_ES],
    }
    with translation.override(lang):
        return [(t, a.start_label, a.end_label) for t, a in zip(texts[lang], drafted.in_order, strict=True)]


def in_order(text: str, parts: list[str]) -> bool:
    """Whether every part is in `text`, each after the one before."""
    cursor = 0
    for part in parts:
        cursor = text.find(part, cursor)
        if cursor < 0:
            return False
        cursor += len(part)
    return True


def fresh(document) -> Document:
    return Document.objects.select_related("programme").get(pk=document.pk)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_proposal_not_accepted_is_left_out_and_the_draft_is_marked(drafted, document, lang):
    pdf = render_document(fresh(document), lang)
    first_page = compact(pdf_pages(pdf)[0])
    assert compact(MARK[lang]) in first_page and compact(PERIOD_LINE[lang]) in first_page
    assert compact(rows(drafted, lang)[2][0]) not in compact(pdf_text(pdf))
    paragraphs = [p.text for p in docx_paragraphs(render_docx(fresh(document), lang))]
    assert MARK[lang] in paragraphs and PERIOD_LINE[lang] in paragraphs
    assert not any(rows(drafted, lang)[2][0] in p for p in paragraphs)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_once_accepted_group_iv_prints_its_activities_in_order_with_their_months(drafted, document, lang):
    accept(drafted.proposal)
    expected = [part for row in rows(drafted, lang) for part in row]
    text = compact(pdf_text(render_document(fresh(document), lang)))
    assert in_order(text, [compact(part) for part in expected])
    assert compact(MARK[lang]) in text
    word = "\n".join(p.text for p in docx_paragraphs(render_docx(fresh(document), lang)))
    assert in_order(word, expected)
    assert MARK[lang] in word


def test_a_carried_activity_names_the_one_it_continues(drafted, document):
    accept(drafted.proposal)
    html = document_html(fresh(document), "en").html
    old = drafted.old_kept
    assert f"continues activity {old.order} of group IV, 2020-2021" in " ".join(html.split())
    assert html.count('class="carried"') == 2


def test_a_group_proposing_to_end_is_left_out_even_accepted(drafted, document):
    Proposal.objects.filter(pk=drafted.proposal.pk).update(ends=True, end_reason_en="Done")
    accept(drafted.proposal)
    assert NEW_EN not in document_html(fresh(document), "en").html


def test_after_the_approval_the_mark_is_gone(drafted, document):
    drafted.drafting.proposals.update(status=Proposal.Status.ACCEPTED)
    drafting_approve(
        drafting=drafted.drafting,
        user=SYSTEM,
        meeting=conference_meeting(),
        approved_on=datetime.date(2026, 12, 1),
        resolution_en="15(XII)",
    )
    for lang in ("en", "es"):
        pdf_first = compact(pdf_pages(render_document(fresh(document), lang))[0])
        word = [p.text for p in docx_paragraphs(render_docx(fresh(document), lang))]
        assert compact(MARK[lang]) not in pdf_first and MARK[lang] not in word
        assert compact(PERIOD_LINE[lang]) not in pdf_first
    text = compact(pdf_text(render_document(fresh(document), "en")))
    assert in_order(text, [compact(part) for row in rows(drafted, "en") for part in row])


def test_an_approved_programme_document_is_not_marked(db):
    """LC/CEA.10/5, of the fixtures' programme approved before the portal drafted one."""
    html = document_html(Document.objects.get(symbol="LC/CEA.10/5"), "en").html
    assert MARK["en"] not in html
