"""Search in the database (search/): the records found for a set of queries in both languages,
with accents, plurals and acronyms, written here and asserted on whichever engine runs the
suite (CI runs it on PostgreSQL and on SQLite, so both find the same); the index following a
change; the reader's language first; paging through one kind with counts from the database."""

import pytest
from django.core.management import call_command
from django.utils import translation

from activities.models import Activity
from groups.models import Programme
from reporting.models import GroupReport, ProgressEntry
from search import results
from search.models import Entry

from .support import factories

pytestmark = pytest.mark.django_db


def label(kind, record):
    """A record as the expectations below name it."""
    if kind == "groups":
        return record.numeral
    if kind in ("activities", "outputs"):
        return f"{record.group.numeral}.{record.order}"
    if kind == "remarks":
        return f"{record.activity.group.numeral}.{record.activity.order}@{record.round.meeting.code}"
    if kind == "countries":
        return record.iso3
    if kind == "institutions":
        return record.code
    return record.symbol


def found(lang, query, **options):
    with translation.override(lang):
        return results.search(results.words_of(query), **options)


def labels(result):
    return {
        section.kind: {label(section.kind, hit.record) for hit in section.hits} for section in result.sections
    }


GENDER_STATISTICS = {"groups": {"IV"}, "activities": {"IV.11"}, "institutions": {"CEGS"}}
TIME_USE = {"activities": {"IV.6", "IV.14"}}
ECLAC = {
    "activities": {"IX.8"},
    "remarks": {f"{a}@CE.20" for a in ("II.9", "III.1", "III.3", "IV.9", "VII.8", "VII.9", "VIII.4")},
    "institutions": {"ECLAC", "ECLAC-SD", "ECLAC-GENDER", "CELADE", "ESCCA"},
}
INEGI = {"remarks": {"X.1@CE.20"}, "institutions": {"INEGI@MEX", "UNODC-INEGI"}}
INDICATOR = {
    "groups": {"III", "VI"},
    "activities": {"III.3", "III.5", "VI.2", "VI.21"},
    "outputs": {"III.1", "VI.1"},
    "remarks": {"III.3@CE.20", "III.5@CE.20"},
    "institutions": {"IAEG-SDGs"},
}
SDG = {"groups": {"III"}, "activities": {"III.3", "III.5", "VI.2"}, "outputs": {"III.1"}}
MEXICO = {
    "countries": {"MEX"},
    "remarks": {f"{a}@CE.20" for a in ("II.8", "IV.9", "IX.1", "IX.6", "X.1", "XI.7")},
}
CENSUS_PLACES = {"DIGESTYC@SLV", "DGEEC@PRY", "INEC@ECU", "INEC@PAN"}

QUERIES = [
    # Accents and case ignored, every word needed, plurals by the start of a word.
    ("es", "estadisticas de genero", GENDER_STATISTICS),
    ("es", "ESTADÍSTICAS DE GÉNERO", GENDER_STATISTICS),
    ("en", "gender statistics", GENDER_STATISTICS),
    ("en", "time-use survey", TIME_USE),
    ("es", "encuesta uso del tiempo", TIME_USE),
    ("en", "indicator", INDICATOR),  # "indicators"
    ("es", "indicador", INDICATOR),  # "indicadores"
    ("es", "Mexico", MEXICO),
    ("en", "méxico", MEXICO),
    (
        "es",
        "censo",
        {"groups": {"II"}, "activities": {"II.1", "II.2"}, "remarks": {"II.6@CE.20", "II.8@CE.20"}}
        | {"institutions": CENSUS_PLACES},
    ),
    ("en", "censuses", {"groups": {"II"}, "remarks": {"II.6@CE.20"}, "institutions": CENSUS_PLACES}),
    # Acronyms, in the reader's language and in the other.
    ("en", "ECLAC", ECLAC),
    ("es", "CEPAL", ECLAC),
    ("es", "INEGI", INEGI),
    ("en", "inegi", INEGI),
    ("en", "SDG", SDG | {"institutions": {"IAEG-SDGs"}}),
    ("es", "ODS", SDG),
    # A document's symbol, its punctuation ignored.
    ("en", "LC/CE.20/3", {"documents": {"LC/CE.20/3"}}),
    # Words of the other language: found, after any in the reader's (test below).
    ("es", "time use survey", TIME_USE),
    ("en", "encuesta uso tiempo", TIME_USE),
    ("en", "quetzal", {}),
]


@pytest.mark.parametrize("lang, query, expected", QUERIES)
def test_the_same_records_are_found_on_either_engine(lang, query, expected):
    result = found(lang, query)
    assert labels(result) == expected
    assert result.counts == {kind: len(records) for kind, records in expected.items()}
    assert all(type(count) is int for count in result.counts.values())  # "55 results", not "55.0"


def test_a_text_found_only_in_the_other_language_is_shown_in_it_and_marked():
    result = found("es", "time use survey")
    hits = result.sections[0].hits
    assert all(hit.untranslated and hit.translated and hit.lang == "en" for hit in hits)
    assert ("time", True) in [(piece.lower(), marked) for piece, marked in hits[0].parts]


def test_the_readers_language_comes_first():
    first, second = Activity.objects.order_by("pk")[:2]
    first.text_en, first.text_es = "Census of hummingbirds", "Censo de colibríes"
    second.text_en, second.text_es = "Census of birds", "Censo de aves (hummingbird census)"
    first.save()
    second.save()
    hits = found("es", "hummingbird census").sections[0].hits
    assert [hit.record for hit in hits] == [second, first]
    assert [hit.untranslated for hit in hits] == [False, True]
    hits = found("en", "hummingbird census").sections[0].hits
    assert [(hit.record, hit.untranslated) for hit in hits] == [(first, False), (second, True)]


def test_the_index_follows_an_edit_and_a_deletion():
    activity = Activity.objects.order_by("pk").first()
    activity.text_en = "Count the quetzals of the cloud forest"
    activity.save()
    assert labels(found("en", "quetzals"))["activities"] == {f"{activity.group.numeral}.{activity.order}"}
    activity.text_en = "Count the toucans of the cloud forest"
    activity.save()
    assert found("en", "quetzals").count == 0
    assert found("en", "toucans").count == 1
    programme = Programme.objects.get(start_year=2020)
    document = factories.document(
        symbol="LC/CE.99/7", kind="programme", title_en="Hummingbird report", programme=programme
    )
    assert labels(found("en", "hummingbird report")) == {"documents": {"LC/CE.99/7"}}
    document.delete()
    assert found("en", "hummingbird report").count == 0


def test_remarks_are_found_once_published():
    programme = factories.programme()
    group = factories.group(programme)
    activity = factories.activity(group, text_en="Count quetzals")
    reporting_round = factories.reporting_round(programme, status="open")
    report = factories.group_report(reporting_round, group, status=GroupReport.Status.DRAFT)
    factories.entry(reporting_round, activity, 40, remarks_en="The quetzal survey was fielded")
    assert "remarks" not in found("en", "quetzal survey").counts  # a draft: not published
    report.status = GroupReport.Status.ACCEPTED
    report.save()
    assert found("en", "quetzal survey").counts == {"remarks": 1}


def test_the_rebuilt_index_is_the_one_the_saves_kept():
    def rows():
        return sorted(
            Entry.objects.values_list("kind", "record_id", "field", "lang", "words", "recent", "number")
        )

    kept = rows()
    assert len(kept) > 500
    assert ProgressEntry.objects.published().exclude(remarks_en="").exists()
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert rows() == kept


def test_paging_through_one_kind():
    result = found("es", "de")
    total = result.counts["activities"]
    assert total > results.PER_PAGE
    preview = next(s for s in result.sections if s.kind == "activities").hits
    assert len(preview) == results.PREVIEW
    first = found("es", "de", kind="activities", page="1").sections[0]
    second = found("es", "de", kind="activities", page="2").sections[0]
    assert len(first.hits) == results.PER_PAGE and first.count == total
    shown = [hit.record.pk for hit in first.hits + second.hits]
    assert len(shown) == len(set(shown)) == min(total, 2 * results.PER_PAGE)
    assert shown[: results.PREVIEW] == [hit.record.pk for hit in preview]


@pytest.mark.parametrize("page, shown", [("999", "last"), ("0", "last"), ("two", "first"), ("", "first")])
def test_a_page_that_does_not_exist_shows_the_last_or_the_first(page, shown):
    result = found("es", "de", kind="activities", page=page)
    paged = result.sections[0].page
    assert paged.number == (paged.paginator.num_pages if shown == "last" else 1)
    assert result.asked_page == (page or None)


def test_the_search_page_pages_through_one_kind_and_says_when_a_page_does_not_exist(client):
    html = client.get("/es/search/", {"q": "de"}).content.decode()
    assert 'href="/es/search/?q=de&amp;kind=activities"' in html  # "see all" and the kinds' list
    page = client.get("/es/search/", {"q": "de", "kind": "activities", "page": "2"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'aria-current="page">Actividades (' in html and "found-outputs" not in html
    assert "Página 2 de" in html and 'rel="prev"' in html and "26 a 50 de" in html
    missing = client.get("/es/search/", {"q": "de", "kind": "activities", "page": "9999"})
    assert missing.status_code == 200
    assert "No hay una página «9999» de estos resultados: esta es la página" in missing.content.decode()
