"""Every sheet of the portal's data: the one list of the records it exchanges, each with the
resource that declares its columns. Every door derives from it: the admin's import and export,
`export_sheets`/`import_sheets`, the fixtures (fixtures/<sheet>.yaml, loaded by load_programme),
the open-data files and the test that compares each resource with the API's serializer. The order
is the one an import into an empty database needs (a record's related records first)."""


def sheets():
    """(file stem, resource class) of every model the spreadsheets carry."""
    from .resources.activities import (
        ActivityResource,
        ObjectiveResource,
        OutputResource,
        TopicResource,
    )
    from .resources.composition import DocumentPartResource, DocumentWordingResource
    from .resources.documents import DocumentResource
    from .resources.groups import (
        CountryResource,
        FinancingSourceResource,
        InstitutionResource,
        MeetingResource,
        ProgrammeResource,
    )
    from .resources.network import EventResource, FigureResource, LinkResource
    from .resources.plan import ActionLineResource, ProgrammeAreaResource
    from .resources.plan_rows import PlanRowResource
    from .resources.reporting import (
        GroupReportResource,
        ProgressEntryResource,
        ReportingRoundResource,
    )
    from .resources.working_groups import WorkingGroupResource

    return [
        ("countries", CountryResource),
        ("institutions", InstitutionResource),
        ("meetings", MeetingResource),
        ("programmes", ProgrammeResource),
        ("working_groups", WorkingGroupResource),
        ("financing_sources", FinancingSourceResource),
        ("objectives", ObjectiveResource),
        ("areas", ProgrammeAreaResource),
        ("action_lines", ActionLineResource),
        ("topics", TopicResource),
        ("activities", ActivityResource),
        ("outputs", OutputResource),
        ("plan_rows", PlanRowResource),
        ("events", EventResource),
        ("figures", FigureResource),
        ("links", LinkResource),
        ("reporting_rounds", ReportingRoundResource),
        ("group_reports", GroupReportResource),
        ("progress_entries", ProgressEntryResource),
        ("documents", DocumentResource),
        ("document_parts", DocumentPartResource),
        ("document_wordings", DocumentWordingResource),
    ]
