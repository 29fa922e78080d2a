"""Every route of the API (/api/v1/, its schema and documentation under /api/) and of the
open-data files (/open-data/), for every kind of visitor, with GET, POST, PUT, PATCH and DELETE
(the writes send a JSON body): the expected answer, and for every request that should write
nothing a database left exactly as it was.

The visitors: anonymous; the five signed-in roles of tests/test_permission_matrix.py, each with
a personal access token of their own (Authorization: Bearer ...); a revoked token (the
coordinator's) and a made-up one, which the API's views refuse with 401 whatever the method,
even where anonymous visitors read (a bad token is not taken for none; the open-data files,
plain Django views, read no Authorization header and answer them as anonymous); and the
coordinator signed in with a session, whose writes without the CSRF token are refused. Each row
of MATRIX is one test walking the nine visitors and five methods; each request runs in a
savepoint rolled back after it, and the database is compared with what it was before the row's
first request (so a write that escaped a rollback shows too). A route of the API added without
a row here fails test_every_api_route_is_in_the_matrix."""

from functools import partial

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from accounts.models import AccessToken
from accounts.tokens import token_revoke
from reporting.models import GroupReport, ProgressChange, ProgressEntry
from reports.models import Document

from .support.api_clients import ApiClient, token_for
from .support.matrix_walk import Page, Writes, _noted, check, database, rolled_back

pytestmark = pytest.mark.django_db

USERS = ("secretariat", "coordinator", "other_focal", "member_user", "reviewer")
BAD_TOKENS = ("revoked", "made_up")
VISITORS = ("anonymous", *USERS, *BAD_TOKENS, "session")
FIXTURES = {"secretariat": "secretariat_user"}  # the other users are named as their fixtures
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
WRITES = METHODS[1:]
GROUP = ("2020-2021", "IV")
DOCUMENT = "LC/CE.20/3"  # the second report on the 2020-2021 programme, in the fixtures

BAD_TOKEN = Page(401, "This token is not valid, or it was revoked.")
NOT_SIGNED_IN = Page(401, "Authentication credentials were not provided.")
NO_CSRF = Page(403, "CSRF")  # DRF's "CSRF Failed: ..." and Django's "CSRF verification failed"
CLOSED = Page(403, "the round is not open")


def visitors(anonymous, users, bad_token=BAD_TOKEN, session=None):
    """Each visitor's answer: `users` is one answer for every token user or {user: answer}; the
    session gets the coordinator's unless `session` is given."""
    users = users if isinstance(users, dict) else dict.fromkeys(USERS, users)
    return {
        "anonymous": anonymous,
        **users,
        **dict.fromkeys(BAD_TOKENS, bad_token),
        "session": users["coordinator"] if session is None else session,
    }


def only(allowed, answer=200, refused=403):
    return {user: answer if user in allowed else refused for user in USERS}


def public(html=False):
    """Published data through DRF: every visitor with a valid token or none reads it (200); no
    method but GET (405); a bad token is refused whatever the method. A page in `html` (the
    documentation) answers the refusals with their status only, not DRF's message."""
    bad_token, no_csrf = (401, 403) if html else (BAD_TOKEN, NO_CSRF)
    return {
        "GET": visitors(200, 200, bad_token),
        **dict.fromkeys(WRITES, visitors(405, 405, bad_token, session=no_csrf)),
    }


def open_file():
    """An open-data file, a plain Django view: GET for everyone, other methods 405. It reads no
    Authorization header, so a bad token is answered as anonymous."""
    return {
        "GET": visitors(200, 200, bad_token=200),
        **dict.fromkeys(WRITES, visitors(405, 405, bad_token=405, session=NO_CSRF)),
    }


def elsewhere():
    """An address of no record of the API: 404 (JSON, as the API's answers are) for every
    method and visitor a valid token or none; a bad token is refused first."""
    missing = Page(404, "No such address in the API")
    return {
        "GET": visitors(missing, missing),
        **dict.fromkeys(WRITES, visitors(missing, missing, session=NO_CSRF)),
    }


def private(get, patch=None):
    """For visitors with a valid token or a session only (anonymous: 401): GET answers `get`,
    PATCH `patch`, the other writes (and PATCH without `patch`) 405."""
    write = visitors(NOT_SIGNED_IN, 405, session=NO_CSRF)
    return {
        "GET": visitors(NOT_SIGNED_IN, get),
        **dict.fromkeys(WRITES, write),
        "PATCH": visitors(NOT_SIGNED_IN, patch, session=NO_CSRF) if patch else write,
    }


def _saved(place, url, response):
    assert response.status_code == 200, f"not saved: answered {response.status_code} {response.content[:300]}"
    entry = ProgressEntry.objects.get(
        round=place.open_round, activity__group=place.group_iv, activity__order=3
    )
    assert entry.percent == 55, f"saved {entry.percent}"
    assert ProgressChange.objects.filter(
        report__round=place.open_round,
        report__group=place.group_iv,
        activity=entry.activity,
        field="percent",
        new_value="55",
        source=ProgressChange.Source.API,
    ).exists(), "no change of the percentage from the API in the history"


SAVED = Writes(_saved)
# A group report, as the API shows it to those who may read it: whether they may change it.
EDITABLE, READ_ONLY = Page(200, '"editable":true'), Page(200, '"editable":false')
READERS = {"secretariat", "coordinator", "member_user"}

# name: (route name, {method: {visitor: expectation}}). An expectation is a status code, a Page
# or Writes (tests/support/matrix_walk.py).
MATRIX = {
    "root": ("api:root", public()),
    "programmes": ("api:programmes", public()),
    "programme": ("api:programme", public()),
    "meetings": ("api:meetings", public()),
    "meeting": ("api:meeting", public()),
    "countries": ("api:countries", public()),
    "institutions": ("api:institutions", public()),
    "groups": ("api:groups", public()),
    "group": ("api:group", public()),
    "rounds": ("api:rounds", public()),
    "round": ("api:round", public()),
    "progress": ("api:progress", public()),
    "documents": ("api:documents", public()),
    "document": ("api:document", public()),
    "schema": ("api-schema", public()),
    "docs": ("api-docs", public(html=True)),
    "programme_csv": ("opendata:programme", open_file()),
    "programme_json": ("opendata:programme", open_file()),
    "group_programme_csv": ("opendata:group_programme", open_file()),
    "group_programme_json": ("opendata:group_programme", open_file()),
    "progress_csv": ("opendata:progress", open_file()),
    "progress_json": ("opendata:progress", open_file()),
    "group_progress_csv": ("opendata:group_progress", open_file()),
    "group_progress_json": ("opendata:group_progress", open_file()),
    "my_group_reports": ("api:group_reports", private(200)),
    # PATCHed with the group report's current version and activity 3 at 55%.
    "group_report_open": (
        "api:group_report",
        private(
            {**only(READERS), "secretariat": EDITABLE, "coordinator": EDITABLE, "member_user": READ_ONLY},
            patch=only({"secretariat", "coordinator"}, SAVED),
        ),
    ),
    # Any other address under /api/v1/: a JSON 404 whatever the method.
    "not_found": ("api:not_found", elsewhere()),
    "group_report_closed": (
        "api:group_report",
        private(
            only(READERS, READ_ONLY), patch={**only(set()), "secretariat": CLOSED, "coordinator": CLOSED}
        ),
    ),
}

ARGS = {
    "programme": lambda p: (GROUP[0],),
    "meeting": lambda p: (p.second_round.meeting.code,),
    "group": lambda p: GROUP,
    "round": lambda p: (p.second_round.meeting.code,),
    "document": lambda p: (DOCUMENT,),
    **{
        f"{what}_{fmt}": lambda p, fmt=fmt: {"period": GROUP[0], "fmt": fmt}
        for what in ("programme", "progress")
        for fmt in ("csv", "json")
    },
    **{
        f"group_{what}_{fmt}": lambda p, fmt=fmt: {"period": GROUP[0], "numeral": GROUP[1], "fmt": fmt}
        for what in ("programme", "progress")
        for fmt in ("csv", "json")
    },
    "not_found": lambda p: ("groups/2020-2021/IV/nothing",),
    "group_report_open": lambda p: (p.open_round.meeting.code, *GROUP),
    "group_report_closed": lambda p: (p.second_round.meeting.code, *GROUP),
}
# The round whose group report a row's PATCH sends the version of (the open round otherwise).
ROUNDS = {"group_report_closed": "second_round"}


class Place:
    """What the URLs are about: the fixtures' round CE.20 (closed) and group IV, the test's open
    round; and each visitor's client, their tokens made before any request."""

    def __init__(self, request):
        self.open_round = request.getfixturevalue("open_round")
        self.second_round = request.getfixturevalue("second_round")
        self.group_iv = request.getfixturevalue("group_iv")
        assert Document.objects.filter(symbol=DOCUMENT).exists(), f"no document {DOCUMENT} in the fixtures"
        users = {user: request.getfixturevalue(FIXTURES.get(user, user)) for user in USERS}
        coordinator = users["coordinator"]
        revoked = token_for(coordinator, "revoked")
        token_revoke(user=coordinator, token_id=AccessToken.objects.get(user=coordinator, name="revoked").pk)
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(coordinator)
        self.clients = {
            "anonymous": ApiClient(),
            **{user: ApiClient(token_for(users[user])) for user in USERS},
            "revoked": ApiClient(revoked),
            "made_up": ApiClient(AccessToken.PREFIX + "made-up-and-never-issued-0123456789abcdefghi"),
            "session": ApiClient(client=browser),
        }

    def body(self, name) -> dict:
        """What the writes send: activity 3 at 55%, with the version of the row's report."""
        reporting_round = getattr(self, ROUNDS.get(name, "open_round"))
        report = GroupReport.objects.filter(round=reporting_round, group=self.group_iv).first()
        return {"version": report.version if report else 0, "entries": {"3": {"percent": 55}}}


def url(place, name):
    args = ARGS.get(name, lambda p: ())(place)
    return reverse(MATRIX[name][0], **{"kwargs" if isinstance(args, dict) else "args": args})


def _request(client, method, address, expected, place, body, before):
    with rolled_back():
        response = client.get(address) if method == "GET" else client.send(method, address, body)
        if isinstance(expected, Writes):
            expected.check(place, address, response)
            return
        assert database() == before, (
            f"a request that should write nothing changed the database (answered {response.status_code})"
        )
        check(response, expected)


@pytest.mark.parametrize("name", MATRIX)
def test_url(request, name):
    place = Place(request)
    address, expected, body = url(place, name), MATRIX[name][1], place.body(name)
    before = database()  # each request is rolled back: each starts from this
    failures = []
    for visitor in VISITORS:
        for method in METHODS:
            _noted(
                failures,
                f"{method} {address} as {visitor}",
                partial(
                    _request,
                    place.clients[visitor],
                    method,
                    address,
                    expected[method][visitor],
                    place,
                    body,
                    before,
                ),
            )
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)


def test_every_row_answers_every_visitor_and_method():
    for name, (_route, expected) in MATRIX.items():
        assert set(expected) == set(METHODS), name
        assert all(set(answers) == set(VISITORS) for answers in expected.values()), name


def test_every_api_route_is_in_the_matrix():
    from .test_permission_matrix import _route_names

    routes = {
        name
        for name in _route_names(get_resolver().url_patterns)
        if name.partition(":")[0] in ("api", "opendata") and ":" in name or name in ("api-schema", "api-docs")
    }
    assert {"api:root", "api:group_report", "opendata:progress", "api-schema", "api-docs"} <= routes
    assert routes <= {route for route, _expected in MATRIX.values()}
