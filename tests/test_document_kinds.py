"""Each kind of document is one class (reports/kinds.py): the model's choices, its rules, its
database constraint and the rendering all follow from it."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import get_template
from django.utils.module_loading import import_string

from groups.models import Meeting, Programme, WorkingGroup
from reporting.models import ReportingRound
from reports.kinds import COVERED, KINDS
from reports.models import Document
from reports.parts import TITLES as PART_TITLES

pytestmark = pytest.mark.django_db


def test_the_registers_kinds_are_the_classes():
    assert [value for value, _label in Document.Kind.choices] == [kind.value for kind in KINDS]
    for kind in KINDS:
        assert get_template(kind.template)  # every kind is written with a template that exists
        assert callable(import_string(kind.selector)), kind.selector
        assert kind.sections and set(kind.sections) <= set(Document.ALL_SECTIONS)
        # A kind the secretariat composes: its default composition names parts it has, each
        # with a template that exists (a heading over lettered parts has none), and a title
        # in the admin.
        assert {row.part for row in kind.default_composition} <= set(kind.parts)
        for part in kind.parts.values():
            assert not part.template or get_template(part.template), part.name
            assert part.name in PART_TITLES, part.name
        assert bool(kind.parts) == bool(kind.help)


def _document(kind, covered: set, **values):
    second = ReportingRound.objects.get(meeting__code="CE.20")
    given = {
        "programme": Programme.objects.get(start_year=2020),
        "round": second,
        "group": WorkingGroup.objects.get(programme__start_year=2020, number=4),
    }
    return Document(
        # One symbol for each kind and combination, so that only the rules can refuse it.
        symbol=f"LC/CE.20/{kind.value}/{'-'.join(sorted(covered)) or 'none'}".replace("_", "."),
        kind=kind.value,
        meeting=Meeting.objects.get(code="CE.20"),
        title_en="A document",
        date_en=datetime.date(2021, 4, 5),
        **{field: given[field] for field in covered},
        **values,
    )


@pytest.mark.parametrize("kind", KINDS, ids=[kind.value for kind in KINDS])
def test_the_database_refuses_what_the_form_refuses(kind):
    """For every kind and every combination of what a document may cover, clean() and the check
    constraint agree: both accept exactly what the kind covers."""
    for size in range(len(COVERED) + 1):
        for covered in map(set, itertools.combinations(COVERED, size)):
            document = _document(kind, covered)
            try:
                document.full_clean()
                refused_by_clean = False
            except ValidationError as error:
                refused_by_clean = bool(set(error.message_dict) & set(COVERED))
            try:
                with transaction.atomic():
                    document.save()
                refused_by_database = False
            except IntegrityError:
                refused_by_database = True
            assert refused_by_clean == refused_by_database == (covered != set(kind.covers)), covered


@pytest.mark.parametrize("kind", KINDS, ids=[kind.value for kind in KINDS])
def test_a_kind_allows_the_layouts_it_has(kind):
    for layout in Document.Layout.values:
        document = _document(kind, set(kind.covers), layout=layout)
        allowed = layout in kind.layouts
        with transaction.atomic():
            if allowed:
                document.full_clean()
                document.save()
            else:
                with pytest.raises(ValidationError):
                    document.full_clean()
                with pytest.raises(IntegrityError), transaction.atomic():
                    document.save()
        Document.objects.filter(symbol=document.symbol).delete()
