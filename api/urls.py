"""The API under /api/v1/ (records named by their readable keys, never by database ids), its
schema and documentation under /api/, and the open-data files under /open-data/. None has a
language prefix: texts come in both languages, messages in the request's (Accept-Language)."""

from django.urls import path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import opendata
from .views import group_reports, reads, root


class Anything:
    """Any text, slashes and line breaks included (Django's path: stops at a line break): an
    address of the API answers JSON whatever its key holds."""

    regex = r"[\s\S]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(Anything, "anything")
app_name = "api"
v1 = [
    path("", root.root, name="root"),
    path("programmes/", reads.ProgrammeList.as_view(), name="programmes"),
    path("programmes/<str:period>/", reads.ProgrammeDetail.as_view(), name="programme"),
    path("meetings/", reads.MeetingList.as_view(), name="meetings"),
    path("meetings/<str:code>/", reads.MeetingDetail.as_view(), name="meeting"),
    path("countries/", reads.CountryList.as_view(), name="countries"),
    path("institutions/", reads.InstitutionList.as_view(), name="institutions"),
    path("groups/", reads.GroupList.as_view(), name="groups"),
    path("groups/<str:period>/<str:numeral>/", reads.GroupDetail.as_view(), name="group"),
    path("rounds/", reads.RoundList.as_view(), name="rounds"),
    path("rounds/<str:code>/", reads.RoundDetail.as_view(), name="round"),
    path("progress/", reads.ProgressList.as_view(), name="progress"),
    path("documents/", reads.DocumentList.as_view(), name="documents"),
    # Symbols contain slashes (LC/CE.20/3).
    path("documents/<anything:symbol>/", reads.DocumentDetail.as_view(), name="document"),
    path("group-reports/", group_reports.MyGroupReports.as_view(), name="group_reports"),
    path(
        "group-reports/<str:code>/<str:period>/<str:numeral>/",
        group_reports.GroupReportDetail.as_view(),
        name="group_report",
    ),
    # Last: any other address, such as a key holding a slash (groups/2020-2021%2FIV/IV/).
    path("<anything:address>/", root.NotFound.as_view(), name="not_found"),
]
# Only csv and json: any other ending is not a file of ours (404).
opendata_patterns = [
    re_path(
        r"^(?P<period>[0-9]{4}-[0-9]{4})/programme\.(?P<fmt>csv|json)$",
        opendata.programme_file,
        name="programme",
    ),
    re_path(
        r"^(?P<period>[0-9]{4}-[0-9]{4})/(?P<numeral>[IVXLC]+)/programme\.(?P<fmt>csv|json)$",
        opendata.programme_file,
        name="group_programme",
    ),
    re_path(
        r"^(?P<period>[0-9]{4}-[0-9]{4})/progress\.(?P<fmt>csv|json)$",
        opendata.progress_file,
        name="progress",
    ),
    re_path(
        r"^(?P<period>[0-9]{4}-[0-9]{4})/(?P<numeral>[IVXLC]+)/progress\.(?P<fmt>csv|json)$",
        opendata.progress_file,
        name="group_progress",
    ),
]
schema = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: the pages' CSP runs no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
