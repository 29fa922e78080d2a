"""Every URL of the portal, and a sample of the admin's, for every kind of visitor, with GET and
POST: the expected answer, and for every refused POST a database left exactly as it was.

The visitors: anonymous; the secretariat; a focal point of group IV's coordinating
institution (INEGI, Mexico); a focal point of another country (DANE, Colombia, not in group
IV); a user of a member country of group IV (INE, Chile); and a user who holds the permissions
to review reports and open rounds but is not in the Secretariat group (so is nobody in
particular: being the secretariat is that group, not a permission); and the secretariat signed in
with its password but not yet its log-in code, sent to the code page from every page (the others
gave theirs where they owe one: tests/support/second_factor.py). Each row of MATRIX is one test
that walks the seven visitors (tests/support/matrix_walk.py); each request runs in a savepoint rolled
back after it, so an allowed save does not reach the next visitor. A URL added to the portal
without a row here fails test_every_url_is_in_the_matrix."""

from functools import cached_property

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation

from core import uploads
from core.roles import SYSTEM
from reporting.drafting_reads import carry_candidates
from reporting.models import Evidence, GroupReport, ProgressEntry, ReportComment
from reporting.services import EntryValues, evidence_add, progress_save
from reports.models import IssuedFile

from .support import drafting_services, evidence_files, factories
from .support.admin_forms import post_data_from
from .support.matrix_walk import Page, Writes, walk
from .support.progress_forms import progress_post
from .support.second_factor import PasswordOnly, log_in
from .support.workbooks import filled, upload

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "secretariat", "coordinator", "other_focal", "member_user", "reviewer")
SIGNED_IN = ROLES[1:]
FIXTURES = {"secretariat": "secretariat_user"}  # the other roles are named as their fixtures
LOGIN = "/en/accounts/login/"
ADMIN_LOGIN = "/en/admin/login/"
CODE = "/en/accounts/code/"
# The secretariat with its password only: every page but these sends it to the code page.
PASSWORD_ONLY = "secretariat_password_only"
OPEN_TO_A_SESSION_OWING_ITS_CODE = {"healthz", "favicon", "login", "logout"}
# ...and the code page itself: GET the form, POST no code refused.
OWING_ITS_CODE = {"second_factor_code": (200, 400)}
GROUP = ("2020-2021", "IV")
TYPED = {3: (55, "Posted", "Enviado")}  # activity IV/3's values in the progress form


def every(status):
    return dict.fromkeys(ROLES, status)


def signed_in(status, anonymous=LOGIN):
    """`status` for signed-in users; anonymous visitors are sent to `anonymous` to log in."""
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, status)}


def only(allowed, status=200, refused=403):
    return {"anonymous": LOGIN, **{r: status if r in allowed else refused for r in SIGNED_IN}}


def admin_only(status=200):
    """The secretariat gets `status`; everyone else, staff of no kind, the admin's login."""
    return {**every(ADMIN_LOGIN), "secretariat": status}


def _saved(place, url, response):
    assert response.status_code == 302 and response["Location"] == url, "not saved"
    entry = ProgressEntry.objects.get(
        round=place.open_round, activity__group=place.group_iv, activity__order=3
    )
    assert (entry.percent, entry.remarks_en) == (55, "Posted")


def _issued(place, url, response):
    assert response.status_code == 302, f"answered {response.status_code}"
    stored = sorted(IssuedFile.objects.filter(document=place.document).values_list("format", "language"))
    assert stored == [("docx", "en"), ("docx", "es"), ("pdf", "en"), ("pdf", "es")], "not issued in full"
    place.document.refresh_from_db()
    assert place.document.is_issued, "not marked as issued"


def _attached(place, url, response):
    assert response.status_code == 302 and response["Location"].endswith("#evidence"), "not attached"
    assert Evidence.objects.filter(report__round=place.open_round, title_en="Posted minutes").exists()


def _removed(place, url, response):
    assert response.status_code == 302 and response["Location"].endswith("#evidence"), "not removed"
    assert not Evidence.objects.filter(pk=place.evidence.pk).exists()


def _accepted(place, url, response):
    assert response.status_code == 302 and response["Location"] == url, "not accepted"
    assert GroupReport.objects.get(pk=place.submitted.pk).status == GroupReport.Status.ACCEPTED


def _commented(place, url, response):
    assert response.status_code == 302 and response["Location"].endswith("/IV/#thread"), "not written"
    assert ReportComment.objects.filter(report__round=place.open_round, body="Posted question").exists()


def _corrected(place, url, response):
    assert response.status_code == 302 and response["Location"] == url, "not saved"
    entry = ProgressEntry.objects.get(
        round=place.second_round, activity__group=place.group_iv, activity__order=3
    )
    assert (entry.percent, entry.remarks_en) == (55, "Posted")
    change = entry.history().get(field="percent", version=entry.history().latest("version").version)
    assert (change.source, change.reason) == ("correction", "Posted correction"), "not a correction"


SAVED, ISSUED, ATTACHED, REMOVED = Writes(_saved), Writes(_issued), Writes(_attached), Writes(_removed)
CORRECTED = Writes(_corrected)
ACCEPTED, COMMENTED = Writes(_accepted), Writes(_commented)


def _carried(place, url, response):
    assert response.status_code == 302 and response["Location"].startswith(url), "not carried"
    assert place.proposal.group.activities.filter(continues=place.carried).exists()


def _proposal_commented(place, url, response):
    assert response.status_code == 302, f"answered {response.status_code}"
    assert place.proposal.comments.filter(body="Posted question").exists()


CARRIED = Writes(_carried)
PROPOSAL_COMMENTED = Writes(_proposal_commented)
# Group IV's proposal: its side reads it; anonymous visitors log in; others are not told of it.
PROPOSAL_SIDE = {**every(404), "anonymous": LOGIN, "secretariat": 200, "coordinator": 200, "member_user": 200}
# POSTed with nothing: refused (400, nothing written) to whoever may write it, 403 to its readers.
REFUSED_EMPTY = {**PROPOSAL_SIDE, "secretariat": 400, "coordinator": 400, "member_user": 403}
REVIEW = Page(200, 'id="review"')  # the secretariat's review page of a submitted report
PROTECTED = Page(200, "protected related objects")  # the admin's refusal to delete
CONFLICT = Page(200, "Someone else saved this group report after you opened it")

# name: (route name, GET expectations, POST expectations). A string expectation is a redirect
# to that address (302), a number the status code; see tests/support/matrix_walk.py for the others.
MATRIX = {
    "healthz": ("healthz", every(200), every(405)),
    "favicon": ("favicon", every("/static/favicon.ico"), every(405)),
    "home": ("pages:home", every(200), every(405)),
    "group": ("pages:group", every(200), every(405)),
    "countries": ("pages:countries", every(200), every(405)),
    "country": ("pages:country", every(200), every(405)),
    "search": ("pages:search", every(200), every(405)),
    "help": ("pages:help", every(200), every(405)),
    "round_progress": ("pages:round_progress", every(200), every(405)),
    "documents": ("reports:documents", every(200), every(405)),
    "pdf": ("reports:pdf", every(200), every(405)),
    "docx": ("reports:docx", every(200), every(405)),
    "login": ("login", every(200), every(200)),  # POSTed with a wrong password
    "logout": ("logout", every(405), every("/en/")),
    "password_change": ("password_change", signed_in(200), signed_in(200)),  # POSTed empty
    "password_change_done": ("password_change_done", signed_in(200), signed_in(405)),
    "password_reset": ("password_reset", every(200), every("/en/accounts/password_reset/done/")),
    "password_reset_done": ("password_reset_done", every(200), every(405)),
    "password_reset_confirm": ("password_reset_confirm", every(200), every(200)),  # a bad token
    "password_reset_complete": ("password_reset_complete", every(200), every(405)),
    "tokens": ("tokens", signed_in(200), signed_in(400)),  # POSTed a token without a name
    # The log-in code: one's own page (POSTed no action: nothing done, and said); the code page,
    # which sends whoever owes no code on, and enrolment, for whoever has no device yet.
    "second_factor": ("second_factor", signed_in(200), signed_in("/en/accounts/two-step/")),
    "second_factor_code": ("second_factor_code", signed_in("/en/my-groups/"), signed_in("/en/my-groups/")),
    "second_factor_enrol": (
        "second_factor_enrol",
        {**signed_in(200), "secretariat": "/en/accounts/two-step/"},
        {**signed_in(400), "secretariat": "/en/accounts/two-step/"},  # POSTed no code
    ),
    "my_groups": ("workspace:my_groups", signed_in(200), every(405)),
    "round_overview": ("workspace:round", only({"secretariat"}), every(405)),
    "progress_open": (
        "workspace:progress",
        only({"secretariat", "coordinator", "member_user"}),
        only({"secretariat", "coordinator"}, status=SAVED),
    ),
    # Group IV's report submitted: the secretariat reviews it (POSTed "accept"), the group reads it.
    "progress_submitted": (
        "workspace:progress",
        {**only({"secretariat", "coordinator", "member_user"}), "secretariat": REVIEW},
        only({"secretariat"}, status=ACCEPTED),
    ),
    # POSTed a message: the conversation is the secretariat's and the focal points', in an open round.
    "comment_new_open": (
        "workspace:comment_new",
        every(405),
        only({"secretariat", "coordinator"}, status=COMMENTED),
    ),
    "comment_new_closed": ("workspace:comment_new", every(405), only(set())),
    # A closed round is corrected by the secretariat, never reopened: POSTed without a reason,
    # refused next to its field (400, nothing written); with one, recorded as its correction.
    "progress_closed": (
        "workspace:progress",
        only({"secretariat", "coordinator", "member_user"}),
        {**only(set()), "secretariat": 400},
    ),
    "progress_closed_corrected": (
        "workspace:progress",
        only({"secretariat", "coordinator", "member_user"}),
        only({"secretariat"}, status=CORRECTED),
    ),
    "workbook_open": ("spreadsheets:workbook", only({"secretariat", "coordinator"}), every(405)),
    "workbook_closed": ("spreadsheets:workbook", only(set()), every(405)),
    # POSTed a filled workbook: the preview (200) writes nothing.
    "workbook_import_open": (
        "spreadsheets:workbook_import",
        every(405),
        only({"secretariat", "coordinator"}),
    ),
    "workbook_import_closed": ("spreadsheets:workbook_import", every(405), only(set())),
    # POSTed a link to group IV's first activity.
    "evidence_new_open": (
        "workspace:evidence_new",
        every(405),
        only({"secretariat", "coordinator"}, status=ATTACHED),
    ),
    "evidence_new_closed": ("workspace:evidence_new", every(405), only(set())),
    "evidence_delete": (
        "workspace:evidence_delete",
        every(405),
        only({"secretariat", "coordinator"}, status=REMOVED),
    ),
    # Group IV's draft report's evidence: its readers only, and 404 for the others, who are not
    # told that it exists.
    "evidence_file": (
        "pages:evidence",
        {**every(404), "secretariat": 200, "coordinator": 200, "member_user": 200},
        every(405),
    ),
    "admin_index": ("admin:index", admin_only(), admin_only()),
    "admin_progress": ("admin:reporting_progressentry_changelist", admin_only(), admin_only()),
    "admin_progress_import": ("admin:reporting_progressentry_import", admin_only(), admin_only()),
    "admin_workbook_import": (
        "admin:reporting_groupreport_import_workbook",
        admin_only(),
        admin_only(400),
    ),  # POSTed without a file
    # Whatever has a history is not deleted, even when the secretariat confirms.
    "admin_report_delete": (
        "admin:reporting_groupreport_delete",
        admin_only(PROTECTED),
        admin_only(PROTECTED),
    ),
    "admin_round_delete": (
        "admin:reporting_reportinground_delete",
        admin_only(PROTECTED),
        admin_only(PROTECTED),
    ),
    "admin_activity_delete": (
        "admin:activities_activity_delete",
        admin_only(PROTECTED),
        admin_only(PROTECTED),
    ),
    "admin_entry_delete": (
        "admin:reporting_progressentry_delete",
        admin_only(PROTECTED),
        admin_only(PROTECTED),
    ),
    # POSTed as opened on an older version of the report, with a note changed.
    "admin_report_stale": ("admin:reporting_groupreport_change", admin_only(), admin_only(CONFLICT)),
    # POSTed the action issuing an unissued document.
    "admin_documents": ("admin:reports_document_changelist", admin_only(), admin_only(ISSUED)),
    # Reading a document from Word: the upload form; posted empty, refused next to its field.
    "admin_word_import": ("admin:reports_document_import_word", admin_only(), admin_only(400)),
    # The drafting of 2022-2023 (issue 30), opened before the walk, not published: group IV's
    # proposal is its focal points' to write and its members' to read; others are not told of it.
    "proposals": ("workspace:proposals", signed_in(200), every(405)),
    # POSTed carrying group IV's first unfinished activity forward.
    "proposal": (
        "workspace:proposal",
        PROPOSAL_SIDE,
        {**PROPOSAL_SIDE, "secretariat": CARRIED, "coordinator": CARRIED, "member_user": 403},
    ),
    "proposal_comment": (
        "workspace:proposal_comment",
        every(405),
        {
            **PROPOSAL_SIDE,
            "secretariat": PROPOSAL_COMMENTED,
            "coordinator": PROPOSAL_COMMENTED,
            "member_user": 403,
        },
    ),
    # The activities part, POSTed with nothing: refused, nothing written; its members read it.
    "proposal_part": ("workspace:proposal_part", PROPOSAL_SIDE, REFUSED_EMPTY),
    # The workbook page (its download is ?download); POSTed without a file: refused.
    "proposal_workbook": ("workspace:proposal_workbook", PROPOSAL_SIDE, REFUSED_EMPTY),
    # The secretariat's: POSTed empty, refused next to its fields.
    "drafting_open": ("workspace:drafting_open", only({"secretariat"}), only({"secretariat"}, status=400)),
    "drafting": ("workspace:drafting", only({"secretariat"}), only({"secretariat"}, status=400)),
    "group_comparison": (
        "pages:group_comparison",
        {**every(404), "secretariat": 200, "coordinator": 200, "member_user": 200},
        every(405),
    ),
}


class Place:
    """What the URLs are about: the fixtures' round CE.20 (closed), group IV's report in it and
    one of its entries, with their history, looked up when a row first asks for them; the
    test's open round and an unissued small document, made before any request (what a request
    makes is rolled back after it)."""

    def __init__(self, request):
        self.open_round = request.getfixturevalue("open_round")
        self.second_round = request.getfixturevalue("second_round")
        self.group_iv = request.getfixturevalue("group_iv")
        self.document = factories.small_report()[0]
        self.users = {
            "anonymous": None,
            **{role: request.getfixturevalue(FIXTURES.get(role, role)) for role in SIGNED_IN},
            PASSWORD_ONLY: PasswordOnly(request.getfixturevalue("secretariat_user")),
        }

    @cached_property
    def proposal(self):
        """Group IV's proposal in the drafting of 2022-2023, opened by the system actor after
        2020-2021 (the small document's programme, made for the test, comes later)."""
        follows = self.group_iv.programme
        return drafting_services.proposal(drafting_services.opened(SYSTEM, follows=follows))

    @cached_property
    def carried(self):
        """The first activity group IV's proposal may carry forward."""
        return carry_candidates(self.proposal)[0].activity

    @cached_property
    def report(self):
        report = GroupReport.objects.get(round=self.second_round, group=self.group_iv)
        assert report.version >= 1 and report.changes.exists(), "group IV's CE.20 report has no history"
        return report

    @cached_property
    def entry(self):
        entry = (
            ProgressEntry.objects.filter(round=self.second_round, activity__group=self.group_iv)
            .select_related("activity")
            .order_by("activity__order")
            .first()
        )
        assert entry and entry.history().exists(), "group IV's first CE.20 entry has no history"
        return entry

    @cached_property
    def evidence(self):
        """A file attached to group IV's draft report in the open round."""
        return evidence_add(
            group=self.group_iv,
            reporting_round=self.open_round,
            user=self.users["coordinator"],
            about=self.group_iv.activities.order_by("order").first(),
            title_en="Draft minutes",
            upload=SimpleUploadedFile("minutes.pdf", evidence_files.PDF),
            kind=uploads.PDF,
        )

    @cached_property
    def submitted(self):
        """Group IV's report in the open round, submitted by its focal point (every activity at 50%)."""
        return progress_save(
            group=self.group_iv,
            reporting_round=self.open_round,
            user=self.users["coordinator"],
            entries={a.pk: EntryValues(50) for a in self.group_iv.activities.all()},
            notes={},
            seen_version=0,
            submit=True,
        ).report

    @cached_property
    def workbook(self):
        """Group IV's workbook for the open round with a value typed in, built once per test."""
        return filled(self.group_iv, self.open_round, {3: (55, "Sent", "Enviado")})

    @cached_property
    def stale_report_post(self):
        """The report's admin form as the secretariat opened it one version ago, a note changed."""
        client = Client()
        log_in(client, self.users["secretariat"])
        data = post_data_from(client.get(url(self, "admin_report_stale")))
        return {**data, "obstacles_en": "Changed meanwhile", "seen_version": self.report.version - 1}


ARGS = {
    "group": lambda p: GROUP,
    **{name: lambda p: (p.document.symbol, "en") for name in ("pdf", "docx")},
    "country": lambda p: ("MEX",),
    "round_progress": lambda p: (p.second_round.meeting.code,),
    "password_reset_confirm": lambda p: ("MQ", "not-a-valid-token"),
    "round_overview": lambda p: (p.open_round.meeting.code,),
    **{
        name: lambda p: (p.open_round.meeting.code, *GROUP)
        for name in ("progress_open", "workbook_open", "workbook_import_open")
    },
    **{
        name: lambda p: (p.second_round.meeting.code, *GROUP)
        for name in (
            "progress_closed",
            "progress_closed_corrected",
            "workbook_closed",
            "workbook_import_closed",
        )
    },
    **{
        name: lambda p: (p.open_round.meeting.code, *GROUP)
        for name in ("evidence_new_open", "comment_new_open")
    },
    "comment_new_closed": lambda p: (p.second_round.meeting.code, *GROUP),
    "progress_submitted": lambda p: (p.submitted.round.meeting.code, *GROUP),
    "evidence_new_closed": lambda p: (p.second_round.meeting.code, *GROUP),
    "evidence_delete": lambda p: (p.open_round.meeting.code, *GROUP, p.evidence.pk),
    "evidence_file": lambda p: (p.evidence.pk,),
    "admin_report_delete": lambda p: (p.report.pk,),
    "admin_round_delete": lambda p: (p.second_round.pk,),
    "admin_activity_delete": lambda p: (p.entry.activity.pk,),
    "admin_entry_delete": lambda p: (p.entry.pk,),
    "admin_report_stale": lambda p: (p.report.pk,),
    **{
        name: lambda p: (p.proposal.drafting.programme.period, p.proposal.group.numeral)
        for name in ("proposal", "proposal_comment", "proposal_workbook", "group_comparison")
    },
    "proposal_part": lambda p: (p.proposal.drafting.programme.period, p.proposal.group.numeral, "activities"),
    "drafting": lambda p: (p.proposal.drafting.programme.period,),
}
# What each POST sends (made again for each visitor: an uploaded file is read once).
POSTS = {
    "login": lambda p: {"username": "focal-inegi", "password": "wrong"},
    "password_reset": lambda p: {"email": "nobody@example.org"},
    "tokens": lambda p: {"name": ""},
    "progress_open": lambda p: progress_post(p.group_iv, p.open_round, values=TYPED),
    "progress_closed": lambda p: progress_post(p.group_iv, p.second_round, values=TYPED),
    "progress_closed_corrected": lambda p: {
        **progress_post(p.group_iv, p.second_round, values=TYPED),
        "reason": "Posted correction",
    },
    "workbook_import_open": lambda p: {"workbook": upload(p.workbook)},
    **{
        name: lambda p: {
            "about": f"activity-{p.group_iv.activities.order_by('order').first().pk}",
            "title_en": "Posted minutes",
            "url": "https://example.org/minutes",
        }
        for name in ("evidence_new_open", "evidence_new_closed")
    },
    "workbook_import_closed": lambda p: {"workbook": upload(p.workbook)},
    "progress_submitted": lambda p: {"action": "accept"},
    **{name: lambda p: {"body": "Posted question"} for name in ("comment_new_open", "comment_new_closed")},
    **{name: lambda p: {"post": "yes"} for name in MATRIX if name.endswith("_delete")},
    "admin_report_stale": lambda p: p.stale_report_post,
    "admin_documents": lambda p: {"action": "issue", "_selected_action": [p.document.pk]},
    "proposal": lambda p: {"action": "carry", "version": p.proposal.version, "activities": [p.carried.pk]},
    "proposal_comment": lambda p: {"body": "Posted question"},
}


def url(place, name):
    with translation.override("en"):
        return reverse(MATRIX[name][0], args=ARGS.get(name, lambda p: ())(place))


@pytest.mark.parametrize("name", MATRIX)
def test_url(request, name):
    place = Place(request)
    _route, get, post = MATRIX[name]
    owing = (lambda e: e["secretariat"]) if name in OPEN_TO_A_SESSION_OWING_ITS_CODE else (lambda e: CODE)
    owed_get, owed_post = OWING_ITS_CODE.get(name, (owing(get), owing(post)))
    get, post = {**get, PASSWORD_ONLY: owed_get}, {**post, PASSWORD_ONLY: owed_post}
    data = POSTS.get(name, lambda p: {})
    walk(url(place, name), place.users, get, post, place, lambda: data(place))


def _route_names(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue  # the admin's own pages: sampled above, and every page in test_admin
            yield from _route_names(pattern.url_patterns, pattern.namespace or namespace)
        else:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_is_in_the_matrix():
    from .test_api_matrix import (
        MATRIX as API_MATRIX,  # the API and the open-data files, walked there
    )

    covered = {route for route, _g, _p in MATRIX.values()} | {route for route, _a in API_MATRIX.values()}
    assert set(_route_names(get_resolver().url_patterns)) <= covered
