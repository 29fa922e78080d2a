"""The public, published data: programmes, meetings, countries, institutions, working groups,
rounds, progress and documents. The same rule as the reading pages: progress of published
group reports and of closed rounds only, never a draft
(reporting.models.ProgressEntry.objects.published())."""

from django.db.models import Prefetch, Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response

from groups.models import Country, Institution, Meeting, WorkingGroup
from reporting import standing as figures
from reporting.models import ReportingRound, round_order
from reports.models import Document, DocumentWording

from .. import filters, lookups, visibility
from ..conditional import conditional_get
from ..pagination import PAGE_PARAMETERS, Pages
from ..progress import activities_of, groups_with_plan, plan_standings, progress_rows, round_groups, rows_of
from ..serializers.conference import (
    MeetingSerializer,
    ProgrammeSerializer,
    RoundSerializer,
)
from ..serializers.countries import CountrySerializer, InstitutionSerializer
from ..serializers.documents import DocumentSerializer
from ..serializers.groups import GroupDetailSerializer, GroupSerializer
from ..serializers.progress import ActivityProgressSerializer
from ..serializers.rounds import RoundDetailSerializer


@conditional_get
class PublicList(generics.ListAPIView):
    """A list of published data, paginated, answering conditional GETs."""


@conditional_get
class PublicDetail(generics.RetrieveAPIView):
    """One record of published data, answering conditional GETs."""


class ProgrammeList(PublicList):
    """The Conference's biennial programmes, newest first, each with its `status`: approved, or
    draft (the next programme while the groups propose it, once the secretariat publishes it)."""

    serializer_class = ProgrammeSerializer

    def get_queryset(self):
        return (
            visibility.programmes(self.request.user)
            .select_related("approved_at", "follows")
            .order_by("-start_year")
        )


class ProgrammeDetail(PublicDetail):
    serializer_class = ProgrammeSerializer

    def get_object(self):
        return lookups.programme(self.kwargs["period"], self.request.user)


class MeetingList(PublicList):
    """Meetings of the Conference and of its Executive Committee, newest first."""

    serializer_class = MeetingSerializer
    queryset = Meeting.objects.order_by("-start_date")


class MeetingDetail(PublicDetail):
    serializer_class = MeetingSerializer

    def get_object(self):
        return lookups.meeting(self.kwargs["code"])


class CountryList(PublicList):
    """Countries by their ISO 3166 alpha-3 code, the key every other record names them by."""

    serializer_class = CountrySerializer
    queryset = Country.objects.order_by("iso3")


class InstitutionList(PublicList):
    """Institutions by their code (INEGI@MEX), the key every other record names them by."""

    serializer_class = InstitutionSerializer
    queryset = Institution.objects.select_related("country", "parent").order_by("code")


def _groups(user):
    return (
        WorkingGroup.objects.with_roles()
        .filter(programme__in=visibility.programmes(user))
        .order_by("-programme__start_year", "number")
    )


class GroupListBase:
    """Serializes groups with their figures, computed for the groups serialized only."""

    def get_serializer(self, *args, **kwargs):
        groups = args[0] if args else []
        groups = groups if isinstance(groups, list) else [groups]
        kwargs["context"] = {**self.get_serializer_context(), "standings": self.standings(groups)}
        return self.get_serializer_class()(*args, **kwargs)

    def standings(self, groups) -> dict:
        """Each group's figures by its id."""
        # Counts over plain rows (reporting/group_figures.py): a group with a hundred times its
        # activities costs its rows, not a model and a Standing each.
        return {row.group.pk: row for row in figures.group_figures(groups)}


@extend_schema(parameters=filters.parameters(filters.programme, filters.country))
class GroupList(GroupListBase, PublicList):
    """Working groups with their roles and overall published progress."""

    serializer_class = GroupSerializer

    def get_queryset(self):
        groups = _groups(self.request.user)
        programme, country = filters.programme(self.request), filters.country(self.request)
        if programme is not None:
            groups = groups.filter(programme=programme)
        if country is not None:
            groups = groups.of_country(country)
        return groups


class GroupDetail(GroupListBase, PublicDetail):
    """A working group with its whole programme: objectives, activities with their schedules,
    outputs and financing; a group of a draft programme as proposed, each carried activity
    naming the activity it `continues`. A proposal's group of a draft not yet published is
    given to its proposal's side only (their tokens)."""

    serializer_class = GroupDetailSerializer

    def get_object(self):
        groups = groups_with_plan().select_related("proposal")
        return lookups.group(self.kwargs["period"], self.kwargs["numeral"], groups, self.request.user)

    def standings(self, groups) -> dict:
        # The activities are already there: the figures need only the entries.
        return plan_standings(groups)


@extend_schema(parameters=filters.parameters(filters.programme))
class RoundList(PublicList):
    """Reporting rounds: the progress reported to each meeting of the Executive Committee."""

    serializer_class = RoundSerializer

    def get_queryset(self):
        rounds = ReportingRound.objects.with_meeting().order_by(
            "-programme__start_year", *round_order(descending=True)
        )
        rounds = rounds.filter(programme__in=visibility.programmes(self.request.user))
        programme = filters.programme(self.request)
        return rounds.filter(programme=programme) if programme is not None else rounds


@extend_schema(parameters=PAGE_PARAMETERS)
class RoundDetail(PublicDetail):
    """A reporting round, with its groups' published figures in it beside the round before: the
    change on the activities reported in both rounds, and how many more reported. The groups
    come a page at a time, as the lists do."""

    serializer_class = RoundDetailSerializer

    def get_object(self):
        return lookups.reporting_round(self.kwargs["code"], self.request.user)

    def retrieve(self, request, *args, **kwargs):
        reporting_round = self.get_object()
        pages = Pages()
        groups = pages.paginate_queryset(round_groups(reporting_round), request, view=self)
        context = {**self.get_serializer_context(), "pages": pages, "groups": groups}
        return Response(self.get_serializer_class()(reporting_round, context=context).data)


@extend_schema(
    parameters=filters.parameters(
        filters.programme, filters.group, filters.country, filters.reporting_round, filters.FLAGGED
    )
)
class ProgressList(PublicList):
    """Each activity's published progress, round by round, and its standing today: latest
    percentage, change since the round before, expected percentage, flags. With `round`, as of
    that round (its entries and those before it)."""

    serializer_class = ActivityProgressSerializer

    def get_queryset(self):
        request = self.request
        self.as_of = filters.reporting_round(request)
        programme = filters.programme(request)
        given = {
            "group": filters.group(request),
            "country": filters.country(request),
            "programme": self.as_of.programme if self.as_of else programme,
            "programmes": visibility.programmes(request.user),
        }
        flagged = filters.flagged(request)
        if programme is not None and given["programme"] != programme:
            # As of a round of another programme: none of that programme's activities.
            return []
        if flagged is None:
            # Paginated in the database: only the page's activities are read and figured.
            return activities_of(**given)
        # The flags are figured, not stored: every activity is figured to find them.
        return progress_rows(**given, reporting_round=self.as_of, flagged=flagged)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None and isinstance(queryset, QuerySet):
            page = rows_of(page, reporting_round=self.as_of)
        return page


def _documents():
    """The register with what DocumentSerializer shows: its parts and wordings prefetched."""
    return (
        Document.objects.for_register()
        .select_related("round__programme")
        .prefetch_related(
            "parts",
            Prefetch("wordings", queryset=DocumentWording.objects.select_related("country", "institution")),
        )
    )


@extend_schema(parameters=filters.parameters(filters.programme, filters.reporting_round, filters.group))
class DocumentList(PublicList):
    """The register of the Conference's documents, newest first, with their PDFs, the parts
    they print and their wordings."""

    serializer_class = DocumentSerializer

    def get_queryset(self):
        # Not a document of a draft the client is not given (its own programme's, or a round's).
        documents = _documents().of_programmes(visibility.programmes(self.request.user))
        programme, reporting_round = filters.programme(self.request), filters.reporting_round(self.request)
        group = filters.group(self.request)
        if programme is not None:
            documents = documents.filter(Q(programme=programme) | Q(round__programme=programme))
        if reporting_round is not None:
            documents = documents.filter(round=reporting_round)
        if group is not None:
            documents = documents.filter(group=group)
        return documents


class DocumentDetail(PublicDetail):
    serializer_class = DocumentSerializer

    def get_object(self):
        # A draft's document, like its groups, only for whoever may read the draft.
        return lookups.document(
            _documents().of_programmes(visibility.programmes(self.request.user)), self.kwargs["symbol"]
        )
