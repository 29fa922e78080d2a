"""The programme's data with every record named by its natural key instead of its id, so that
two databases (or one before and after a round trip) can be compared record by record, in
both languages. Written independently of the spreadsheets' own keys on purpose."""

from django.db import models
from modeltranslation.translator import NotRegistered, translator

from activities.models import Activity, Objective, Output, PlanRow, Topic
from groups.models import (
    Country,
    FinancingSource,
    GroupRole,
    Institution,
    Meeting,
    Programme,
    WorkingGroup,
)
from reporting.models import GroupReport, ProgressEntry, ReportingRound
from reports.models import Document, DocumentPart, DocumentWording

MODELS = [
    Country,
    Institution,
    Meeting,
    Programme,
    WorkingGroup,
    GroupRole,
    FinancingSource,
    Objective,
    Topic,
    Activity,
    Output,
    PlanRow,
    ReportingRound,
    GroupReport,
    ProgressEntry,
    Document,
    DocumentPart,
    DocumentWording,
]
# What an import records about itself, not the programme's data.
AUDIT = {"id", "version", "updated_at", "updated_by"}


def _natural(obj):
    if obj is None:
        return None
    key = {
        Country: lambda o: o.iso3,
        Institution: lambda o: o.code,
        Meeting: lambda o: o.code,
        Programme: lambda o: o.start_year,
        WorkingGroup: lambda o: (o.programme.start_year, o.number),
        Objective: lambda o: (_natural(o.group), o.kind, o.order),
        Topic: lambda o: (_natural(o.group), o.order),
        Activity: lambda o: (_natural(o.group), o.order),
        Output: lambda o: (_natural(o.group), o.order),
        Document: lambda o: o.symbol,
        ReportingRound: lambda o: o.meeting.code,
    }.get(type(obj))
    return key(obj) if key else repr(obj)


def _fields(model):
    try:
        translated = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        translated = set()
    return [f for f in model._meta.concrete_fields if f.name not in translated and f.name not in AUDIT]


def _value(obj, f):
    if f.is_relation:
        return _natural(getattr(obj, f.name))
    value = getattr(obj, f.name)
    # modeltranslation leaves a language column never written NULL; an empty cell imports as an
    # empty text. Both mean "no text in this language".
    if value is None and isinstance(f, (models.CharField, models.TextField)):
        return ""
    return value


def _many(obj) -> tuple:
    # Many-to-many relations are no concrete fields: each named here by its records' keys.
    if isinstance(obj, Output):
        return (("institutions", tuple(sorted(i.code for i in obj.institutions.all()))),)
    if isinstance(obj, PlanRow):
        return (("outputs", tuple(sorted(_natural(o) for o in obj.outputs.all()))),)
    return ()


def dump() -> dict:
    data = {}
    for model in MODELS:
        records = []
        for obj in model.objects.all():
            record = tuple((f.name, _value(obj, f)) for f in _fields(model))
            record += _many(obj)
            records.append(record)
        data[model.__name__] = sorted(records, key=repr)
    return data


def empty_programme():
    """Delete every record of the programme (the test's transaction brings them back)."""
    from accounts.models import Affiliation
    from reporting.models import ProgressChange, RoundReminder
    from reports.models import IssuedFile

    for model in (
        IssuedFile,
        DocumentWording,
        DocumentPart,
        Document,
        ProgressChange,
        ProgressEntry,
        RoundReminder,
        GroupReport,
        ReportingRound,
        PlanRow,
        Output,
        Activity,
        Topic,
        Objective,
        FinancingSource,
        GroupRole,
        WorkingGroup,
        Programme,
        Meeting,
        Affiliation,
    ):
        model.objects.all().delete()
    while Institution.objects.exists():
        Institution.objects.filter(units__isnull=True).delete()
    Country.objects.all().delete()
