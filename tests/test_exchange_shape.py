"""One description of each record for every door: the exchange columns of a record are its
resource's (spreadsheets/sheets.py), and every door agrees with them. The sheets are read from
the registry, never from a list kept here, so a record added to it is covered at once."""

import csv
import inspect
import io
import pkgutil

import pytest
from modeltranslation.translator import NotRegistered, translator

import api.serializers
from api.exchange import Exchange
from api.opendata import STANDING_COLUMNS
from api.serializers.progress import ENTRY_SCHEMA, EntrySerializer, entry_data
from core.bilingual import LANGUAGES
from reporting.models import ProgressEntry
from spreadsheets.resources.activities import ActivityResource
from spreadsheets.resources.reporting import ProgressEntryResource
from spreadsheets.sheets import sheets

SHEETS = sheets()
IDS = [stem for stem, _resource in SHEETS]


def _serializers():
    found = []
    for module in pkgutil.iter_modules(api.serializers.__path__):
        loaded = __import__(f"api.serializers.{module.name}", fromlist=["*"])
        found += [
            cls
            for _name, cls in inspect.getmembers(loaded, inspect.isclass)
            if cls.__module__ == loaded.__name__
        ]
    return found


def _translated(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def columns_of(resource_class) -> list[str]:
    """The sheet's columns, a translated text's per-language columns as its one name."""
    model, names = resource_class._meta.model, []
    translated = _translated(model)
    for column in resource_class().get_export_headers():
        base, _sep, lang = column.rpartition("_")
        name = base if lang in LANGUAGES and base in translated else column
        if name not in names:
            names.append(name)
    return names


def serializer_of(model):
    """The serializer that declares how it stands to the sheet (Meta.exchange, its own)."""
    declared = [
        cls
        for cls in _serializers()
        if "Meta" in vars(cls) and "exchange" in vars(cls.Meta) and cls.Meta.model is model
    ]
    assert len(declared) == 1, (
        f"{model.__name__}: one serializer must declare Meta.exchange, found {declared}"
    )
    return declared[0]


@pytest.mark.parametrize("stem,resource_class", SHEETS, ids=IDS)
def test_the_api_shows_every_column_or_says_why_not(stem, resource_class):
    serializer = serializer_of(resource_class._meta.model)
    shape: Exchange = serializer.Meta.exchange
    columns, fields = columns_of(resource_class), list(serializer().fields)
    unexplained = [
        c for c in columns if c not in fields and c not in shape.left_out and c not in shape.shown_as
    ]
    assert unexplained == [], f"{serializer.__name__} neither shows nor leaves out these columns of {stem}"
    extra = [
        f for f in fields if f not in columns and f not in shape.extra and f not in shape.shown_as.values()
    ]
    assert extra == [], f"{serializer.__name__} shows fields no column of {stem} has, unexplained"
    # What the declaration says must still be true: no stale reason stays behind.
    assert set(shape.left_out) <= set(columns) - set(fields), shape.left_out
    assert set(shape.shown_as) <= set(columns) and set(shape.shown_as.values()) <= set(fields), shape.shown_as
    assert set(shape.extra) <= set(fields) - set(columns), shape.extra


@pytest.mark.parametrize("stem,resource_class", SHEETS, ids=IDS)
def test_every_field_of_the_record_is_a_column_or_said_not_to_be(stem, resource_class):
    model = resource_class._meta.model
    translated, columns = _translated(model), columns_of(resource_class)
    per_language = {f"{name}_{lang}" for name in translated for lang in LANGUAGES}
    fields = [
        f.name
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if not f.primary_key and f.name not in per_language
    ]
    not_exchanged = resource_class.not_exchanged
    missing = [name for name in fields if name not in columns and name not in not_exchanged]
    assert missing == [], f"{stem}: add these fields to the resource's columns or to its not_exchanged"
    assert set(not_exchanged) <= set(fields) - set(columns), not_exchanged


@pytest.mark.parametrize("stem,resource_class", SHEETS, ids=IDS)
def test_a_sheet_comes_after_the_sheets_of_the_records_it_names(stem, resource_class):
    """The import order: a column naming a record of another sheet (a plan row's outputs, a
    document part's document) is read after that sheet is imported."""
    models = [resource._meta.model for _stem, resource in SHEETS]
    model, before = resource_class._meta.model, models[: IDS.index(stem)]
    columns = set(columns_of(resource_class))
    named = {
        f.name: f.related_model
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if f.is_relation and f.name in columns and f.related_model in models
    }
    late = [name for name, related in named.items() if related is not model and related not in before]
    assert late == [], f"{stem} names records of a later sheet in {late}"


def _csv_header(client, path) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, path
    return next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_the_open_data_files_have_the_sheets_columns(client):
    plan = _csv_header(client, "/open-data/2020-2021/programme.csv")
    assert plan == ActivityResource().get_export_headers()
    progress = _csv_header(client, "/open-data/2020-2021/IV/progress.csv")
    entries = ProgressEntryResource().get_export_headers()
    assert progress == [*entries, *STANDING_COLUMNS]


@pytest.mark.django_db
def test_an_entry_is_what_its_serializer_and_its_schema_say(second_round):
    entry = ProgressEntry.objects.filter(round=second_round).exclude(remarks_es="").first()
    entry.round_number = second_round.number  # as the progress reads annotate it
    assert entry_data(entry) == EntrySerializer(entry).data
    assert list(entry_data(entry)) == list(EntrySerializer().fields) == list(ENTRY_SCHEMA["properties"])
