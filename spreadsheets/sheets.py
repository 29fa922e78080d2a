"""Every sheet of the programme's data, in the order an import into an empty database needs
(a record's related records first)."""


def sheets():
    """(file stem, resource class) of every model the spreadsheets carry."""
    from .resources.activities import (
        ActivityResource,
        ObjectiveResource,
        OutputResource,
        TopicResource,
    )
    from .resources.documents import DocumentResource
    from .resources.groups import (
        CountryResource,
        FinancingSourceResource,
        InstitutionResource,
        MeetingResource,
        ProgrammeResource,
        WorkingGroupResource,
    )
    from .resources.reporting import (
        GroupReportResource,
        ProgressEntryResource,
        ReportingRoundResource,
    )

    return [
        ("countries", CountryResource),
        ("institutions", InstitutionResource),
        ("meetings", MeetingResource),
        ("programmes", ProgrammeResource),
        ("working_groups", WorkingGroupResource),
        ("financing_sources", FinancingSourceResource),
        ("objectives", ObjectiveResource),
        ("topics", TopicResource),
        ("activities", ActivityResource),
        ("outputs", OutputResource),
        ("reporting_rounds", ReportingRoundResource),
        ("group_reports", GroupReportResource),
        ("progress_entries", ProgressEntryResource),
        ("documents", DocumentResource),
    ]
